package org.solidscope.tomo.pipeline;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.solidscope.core.InputException;
import org.solidscope.core.Progress;
import org.solidscope.core.Provenance;
import org.solidscope.tomo.InterfaceRoughness;
import org.solidscope.tomo.Labeling3D;
import org.solidscope.tomo.Mask3;
import org.solidscope.tomo.Median3;
import org.solidscope.tomo.Morphology3D;
import org.solidscope.tomo.Otsu;
import org.solidscope.tomo.Structure;
import org.solidscope.tomo.Volume16;

/**
 * The seed's CT chain on a reconstructed uint16 volume (z the first axis, anode at the bottom): 3×3×3
 * median → grey opening with a ball → Otsu on the full histogram → 26-connected components → the
 * anode as the largest component on the chosen side of the threshold → its interface roughness along
 * z. A pure function of the volume and the settings. Each intermediate is released once the next
 * exists, so a 2 GiB volume runs in an 8 GiB heap; the input volume itself is not changed.
 */
public final class InterfacePipeline {
    public static final String NAME = "ct.interface/1";

    private InterfacePipeline() {}

    /**
     * @param ballRadius radius of the opening's ball in voxels (the seed: 3)
     * @param anodeDark  whether the anode is the dark (low-attenuating, as Li) side of the threshold
     */
    public record Settings(int ballRadius, boolean anodeDark) {
        public Settings {
            if (ballRadius < 1 || ballRadius > 20) throw new InputException("settings", "ball radius", "1 … 20 voxels", String.valueOf(ballRadius));
        }

        public static Settings seed() { return new Settings(3, true); }

        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ball_radius", ballRadius);
            m.put("phase", anodeDark ? "low" : "high");
            return m;
        }
    }

    /**
     * @param sliceXy   median-filtered xy slice through the middle (uint16, [ny, nx])
     * @param sliceXz   median-filtered xz slice through the middle (uint16, [nz, nx], z = 0 the first row)
     * @param anodeXy   the anode in the same slices (0/1), for outlining the segmentation
     * @param stepsMs   time of each step
     */
    public record Result(int nx, int ny, int nz, double voxelUm, int threshold, int components, long anodeVoxels,
                         InterfaceRoughness.Result roughness, short[] sliceXy, short[] sliceXz, byte[] anodeXy, byte[] anodeXz,
                         Map<String, Double> stepsMs, Settings settings, Provenance provenance) {
        public double anodeVolumeUm3() { return anodeVoxels * voxelUm * voxelUm * voxelUm; }
    }

    /** Runs the chain; {@code source} names the volume in messages (an empty phase is bad input). */
    public static Result run(Volume16 volume, Settings s, String source, Map<String, String> inputSha256, Progress progress) {
        Map<String, Double> steps = new LinkedHashMap<>();
        long t = System.nanoTime();
        Volume16 med = Median3.filter(volume, progress);
        int nx = med.nx(), ny = med.ny(), nz = med.nz();
        short[] sliceXy = med.slices()[nz / 2].clone();
        short[] sliceXz = new short[nz * nx];
        for (int z = 0; z < nz; z++) System.arraycopy(med.slices()[z], (ny / 2) * nx, sliceXz, z * nx, nx);
        steps.put("median_ms", ms(t));
        t = System.nanoTime();
        Volume16 opened = Morphology3D.open(med, Structure.ball(s.ballRadius()));
        med = null;
        steps.put("opening_ms", ms(t));
        t = System.nanoTime();
        int threshold = Otsu.threshold(Otsu.histogram(opened));
        Mask3 bright = Otsu.apply(opened, threshold);
        opened = null;
        Mask3 side = s.anodeDark() ? invertOwn(bright) : bright;
        bright = null;
        steps.put("threshold_ms", ms(t));
        t = System.nanoTime();
        Labeling3D.Result lab = Labeling3D.label(side, 26);
        if (lab.components().isEmpty()) {
            throw new InputException(source, "phase", "voxels on the " + (s.anodeDark() ? "low" : "high") + " side of the threshold " + threshold, "none (empty phase)");
        }
        Labeling3D.Component anode = lab.components().stream().max(Comparator.comparingLong(Labeling3D.Component::voxels)).orElseThrow();
        int components = lab.components().size();
        Mask3 anodeMask = only(lab, anode.label());
        side = null;
        lab = null;
        steps.put("label_ms", ms(t));
        t = System.nanoTime();
        InterfaceRoughness.Result r = InterfaceRoughness.of(anodeMask, volume.voxelUm());
        steps.put("interface_ms", ms(t));
        byte[] anodeXy = anodeMask.slices()[nz / 2].clone();
        byte[] anodeXz = new byte[nz * nx];
        for (int z = 0; z < nz; z++) System.arraycopy(anodeMask.slices()[z], (ny / 2) * nx, anodeXz, z * nx, nx);
        Map<String, Object> params = new LinkedHashMap<>(s.asMap());
        params.put("voxel_um", volume.voxelUm());
        return new Result(nx, ny, nz, volume.voxelUm(), threshold, components, anode.voxels(), r, sliceXy, sliceXz, anodeXy, anodeXz,
                Map.copyOf(steps), s, Provenance.of(NAME, params, inputSha256));
    }

    private static double ms(long since) { return (System.nanoTime() - since) / 1e6; }

    /** Inverts, in place, a mask this pipeline made itself (a second mask of a 2 GiB volume would not fit). */
    private static Mask3 invertOwn(Mask3 m) {
        for (byte[] s : m.slices()) for (int i = 0; i < s.length; i++) s[i] = (byte) (1 - s[i]);
        return m;
    }

    /** The voxels of one label, releasing the label volume slice by slice (it is not needed afterwards). */
    static Mask3 only(Labeling3D.Result lab, int label) {
        byte[][] out = new byte[lab.nz()][];
        for (int z = 0; z < lab.nz(); z++) {
            int[] l = lab.labels()[z];
            byte[] b = new byte[l.length];
            for (int i = 0; i < l.length; i++) b[i] = (byte) (l[i] == label ? 1 : 0);
            out[z] = b;
            lab.labels()[z] = null;
        }
        return new Mask3(lab.nx(), lab.ny(), lab.nz(), out);
    }
}
