package org.solidscope.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.solidscope.core.InputException;
import org.solidscope.io.VolumeData;
import org.solidscope.io.VolumeIO;
import org.solidscope.tomo.Mask3;
import org.solidscope.tomo.Volume16;
import org.solidscope.tomo.VolumeChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ct volume-change}: a phase's relative volume change between two scans of one cell, after registering them. */
@Command(name = "volume-change", mixinStandardHelpOptions = true,
        description = {"Relative change of a phase's volume (the anode's) between two scans of one cell. The grey volumes are",
                "registered by a translation (plane profiles, normalised cross-correlation within --max-shift); the phase masks",
                "are counted only where both fields of view see the same material. Change = (after - before) / before."},
        footer = {"", "Example:", "  solidscope ct volume-change scan0.tif scan1.tif --mask-before anode0.npy --mask-after anode1.npy --voxel-um 0.65 --json dv.json"})
final class CtVolumeChangeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BEFORE", description = "uint16 grey volume of the first state (" + VolumeIO.FORMATS + ")") String before;
    @Parameters(index = "1", paramLabel = "AFTER", description = "uint16 grey volume of the second state, same shape") String after;
    @Option(names = "--mask-before", required = true, description = "the phase in the first state (mask or labels, same shape)") String maskBefore;
    @Option(names = "--mask-after", required = true, description = "the phase in the second state") String maskAfter;
    @Option(names = "--phase", description = "voxel value of the phase in the masks (default: every non-zero voxel)") Integer phaseValue;
    @Option(names = "--max-shift", defaultValue = "20", description = "largest translation searched per axis, voxels (default ${DEFAULT-VALUE})") int maxShift;
    @Option(names = "--voxel-um", description = "voxel edge in µm, for volumes in µm³ (default: from the file, else 1)") Double voxelUm;
    @Option(names = "--json") Path json;

    @Override
    public Integer call() {
        if (maxShift < 0 || maxShift > 1000) throw new InputException("--max-shift", "shift", "0 … 1000 voxels", String.valueOf(maxShift));
        if (voxelUm != null) InputException.requirePositive("--voxel-um", "voxel size", voxelUm);
        VolumeData a = VolumeIO.read(before), b = VolumeIO.read(after);
        requireShape(after, b, a, before);
        Volume16 ga = CtVolumes.grey(a, before, 1), gb = CtVolumes.grey(b, after, 1);
        double voxel = CtVolumes.voxelUm(a, voxelUm);
        VolumeData ma = VolumeIO.read(maskBefore);
        requireShape(maskBefore, ma, a, before);
        Mask3 pa = CtVolumes.phase(ma, phaseValue);
        ma = null;
        VolumeData mb = VolumeIO.read(maskAfter);
        requireShape(maskAfter, mb, a, before);
        Mask3 pb = CtVolumes.phase(mb, phaseValue);
        mb = null;
        int largest = Math.min(a.nx(), Math.min(a.ny(), a.nz())) - 1;
        long t0 = System.nanoTime();
        VolumeChange.Result r;
        try {
            r = VolumeChange.of(ga, pa, gb, pb, Math.min(maxShift, largest));
        } catch (org.solidscope.core.NumericalException e) {
            // the one degenerate case is an empty phase, which is what the first mask holds
            throw new InputException(maskBefore, "phase", "voxels of the phase in the region both scans see", e.getMessage());
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        double unit = voxel * voxel * voxel;
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("before", before);
        j.put("after", after);
        j.put("shape", new int[] {a.nz(), a.ny(), a.nx()});
        j.put("voxel_um", voxel);
        j.put("shift_xyz_voxels", new int[] {r.shift().dx(), r.shift().dy(), r.shift().dz()});
        j.put("registration", "translation; plane-profile NCC per axis within +-" + maxShift + " voxels; material at p before sits at p + shift after");
        j.put("common_voxels", r.commonVoxels());
        j.put("phase_voxels_before", r.voxelsBefore());
        j.put("phase_voxels_after", r.voxelsAfter());
        j.put("phase_volume_before_um3", r.voxelsBefore() * unit);
        j.put("phase_volume_after_um3", r.voxelsAfter() * unit);
        j.put("relative_change", r.relativeChange());
        j.put("elapsed_ms", ms);
        CtCommand.json(json, j);
        Main.out().printf("shift (%d, %d, %d) voxels; phase %d -> %d voxels in the common region: %+.2f %% (%.0f ms)%n",
                r.shift().dx(), r.shift().dy(), r.shift().dz(), r.voxelsBefore(), r.voxelsAfter(), 100 * r.relativeChange(), ms);
        return 0;
    }

    private static void requireShape(String file, VolumeData v, VolumeData ref, String refName) {
        if (v.nz() != ref.nz() || v.ny() != ref.ny() || v.nx() != ref.nx()) {
            throw new InputException(file, "shape", "[" + ref.nz() + ", " + ref.ny() + ", " + ref.nx() + "] as " + refName,
                    "[" + v.nz() + ", " + v.ny() + ", " + v.nx() + "]");
        }
    }
}
