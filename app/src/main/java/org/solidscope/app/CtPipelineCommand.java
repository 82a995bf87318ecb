package org.solidscope.app;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.InputException;
import org.solidscope.core.ScalarMap;
import org.solidscope.io.Npy;
import org.solidscope.io.VolumeData;
import org.solidscope.io.VolumeIO;
import org.solidscope.report.ColourMap;
import org.solidscope.report.HeatMapRenderer;
import org.solidscope.tomo.InterfaceRoughness;
import org.solidscope.tomo.Labeling3D;
import org.solidscope.tomo.Mask3;
import org.solidscope.tomo.Median3;
import org.solidscope.tomo.Morphology3D;
import org.solidscope.tomo.Otsu;
import org.solidscope.tomo.Structure;
import org.solidscope.tomo.Volume16;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ct pipeline}: the seed's chain on a reconstructed uint16 volume: 3×3×3 median, grey
 * opening with a ball, Otsu, connected components, the anode as the largest component of the dark
 * phase, its interface roughness along z. Each intermediate is dropped once the next exists, so a
 * 2 GiB volume runs in an 8 GiB heap.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"The seed's chain on a uint16 volume (z = first axis, anode at the bottom): 3x3x3 median, grey opening",
                "(ball), Otsu on the full histogram, 26-connected components, anode = largest dark component, interface roughness.",
                "Writes slice images, the height map (.npy and .png), pipeline.json and report.html to --out-dir."},
        footer = {"", "Example:", "  solidscope ct phantom --kind cell --size 256 --out cell.npy",
                "  solidscope ct pipeline cell.npy --voxel-um 0.65 --out-dir cell-report"})
final class CtPipelineCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "uint16 volume (" + VolumeIO.FORMATS + ")") String in;
    @Option(names = "--voxel-um", required = true, description = "voxel edge in µm") double voxelUm;
    @Option(names = "--ball", defaultValue = "3", description = "radius of the opening's ball (default ${DEFAULT-VALUE}, as the seed)") int ball;
    @Option(names = "--phase", defaultValue = "low", description = "the anode is the low (dark, as Li) or high side of the threshold (default ${DEFAULT-VALUE})") String phase;
    @Option(names = "--out-dir", required = true) Path outDir;

    @Override
    public Integer call() throws IOException {
        InputException.requirePositive("--voxel-um", "voxel size", voxelUm);
        if (ball < 1 || ball > 20) throw new InputException("--ball", "radius", "1 … 20", String.valueOf(ball));
        if (!phase.equals("low") && !phase.equals("high")) throw new InputException("--phase", "phase", "low or high", phase);
        VolumeData data = VolumeIO.read(in);
        Volume16 v = CtVolumes.grey(data, in, voxelUm);
        data = null;
        Map<String, Object> steps = new LinkedHashMap<>();
        long t0 = System.nanoTime(), t = t0;
        Volume16 med = Median3.filter(v, new ConsoleProgress("median 3x3x3"));
        BufferedImage sliceXy = greySlice(med, med.nz() / 2, true), sliceXz = greySlice(med, med.ny() / 2, false);
        v = null;
        steps.put("median_ms", ms(t)); t = System.nanoTime();
        System.out.println("opening with ball(" + ball + ") ...");
        Volume16 opened = Morphology3D.open(med, Structure.ball(ball));
        med = null;
        steps.put("opening_ms", ms(t)); t = System.nanoTime();
        int threshold = Otsu.threshold(Otsu.histogram(opened));
        Mask3 bright = Otsu.apply(opened, threshold);
        opened = null;
        Mask3 dark = phase.equals("low") ? invert(bright) : bright;
        bright = null;
        steps.put("threshold_ms", ms(t)); t = System.nanoTime();
        Labeling3D.Result lab = Labeling3D.label(dark, 26);
        if (lab.components().isEmpty()) throw new InputException(in, "phase", "voxels on the " + phase + " side of the threshold " + threshold, "none (empty phase)");
        Labeling3D.Component anode = lab.components().stream().max(java.util.Comparator.comparingLong(Labeling3D.Component::voxels)).orElseThrow();
        int components = lab.components().size();
        Mask3 anodeMask = only(lab, anode.label());
        dark = null;
        lab = null;
        steps.put("label_ms", ms(t)); t = System.nanoTime();
        InterfaceRoughness.Result r = InterfaceRoughness.of(anodeMask, voxelUm);
        steps.put("interface_ms", ms(t));
        double total = ms(t0);

        Files.createDirectories(outDir);
        float[] hm = new float[r.residualUm().length];
        for (int i = 0; i < hm.length; i++) hm[i] = (float) r.residualUm()[i];
        Npy.write2D(outDir.resolve("height.npy"), r.ny(), r.nx(), hm);
        ScalarMap map = new ScalarMap(new GridGeometry(r.nx(), r.ny(), voxelUm / 1000), "µm", hm);
        double lim = Math.max(1e-6, 3 * r.rq());
        AtomicOutput.writeBytes(outDir.resolve("height.png"), HeatMapRenderer.png(map, -lim, lim, ColourMap.VIRIDIS,
                "interface height about the mean plane", "µm", org.solidscope.report.Overlay.none(), Math.min(900, Math.max(300, r.nx()))));
        AtomicOutput.writeBytes(outDir.resolve("slice_xy.png"), png(sliceXy));
        AtomicOutput.writeBytes(outDir.resolve("slice_xz.png"), png(sliceXz));
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("input", in);
        j.put("shape", new int[] {anodeMask.nz(), anodeMask.ny(), anodeMask.nx()});
        j.put("voxel_um", voxelUm);
        j.put("chain", "median 3x3x3; grey opening ball(" + ball + "); Otsu (65536 bins); 26-connected labels; anode = largest " + phase + " component");
        j.put("otsu_threshold", threshold);
        j.put("components", components);
        j.put("anode_voxels", anode.voxels());
        j.put("anode_volume_um3", anode.voxels() * voxelUm * voxelUm * voxelUm);
        j.put("height_rule", "anode voxels per column x voxel size; least-squares plane removed");
        j.put("ra_um", r.ra());
        j.put("rq_um", r.rq());
        j.put("rz_um", r.rz());
        j.put("rsk", r.rsk());
        j.put("rku", r.rku());
        j.put("steps", steps);
        j.put("elapsed_ms", total);
        j.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        AtomicOutput.writeString(outDir.resolve("pipeline.json"), org.solidscope.core.Json.write(j));
        AtomicOutput.writeString(outDir.resolve("report.html"), html(j));
        System.out.printf("threshold %d, %d components, anode %d voxels; Ra %.3f µm, Rq %.3f µm, Rz %.3f µm; %.1f s%n",
                threshold, components, anode.voxels(), r.ra(), r.rq(), r.rz(), total / 1000);
        System.out.println("report: " + outDir.resolve("report.html"));
        return 0;
    }

    private static double ms(long since) { return (System.nanoTime() - since) / 1e6; }

    private static Mask3 invert(Mask3 m) {
        for (byte[] s : m.slices()) for (int i = 0; i < s.length; i++) s[i] = (byte) (1 - s[i]);
        return m;
    }

    private static Mask3 only(Labeling3D.Result lab, int label) {
        byte[][] out = new byte[lab.nz()][];
        for (int z = 0; z < lab.nz(); z++) {
            int[] l = lab.labels()[z];
            byte[] b = new byte[l.length];
            for (int i = 0; i < l.length; i++) b[i] = (byte) (l[i] == label ? 1 : 0);
            out[z] = b;
            lab.labels()[z] = null; // release the labels slice by slice
        }
        return new Mask3(lab.nx(), lab.ny(), lab.nz(), out);
    }

    /** A grey slice (xy at z = index, or xz at y = index), contrast from the 1st to the 99th percentile. */
    private static BufferedImage greySlice(Volume16 v, int index, boolean xy) {
        int w = v.nx(), h = xy ? v.ny() : v.nz();
        int[] g = new int[w * h];
        for (int j = 0; j < h; j++) for (int x = 0; x < w; x++) g[j * w + x] = xy ? v.get(x, j, index) : v.get(x, index, h - 1 - j);
        int[] sorted = g.clone();
        java.util.Arrays.sort(sorted);
        double lo = sorted[(int) (0.01 * (sorted.length - 1))], hi = Math.max(lo + 1, sorted[(int) (0.99 * (sorted.length - 1))]);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int j = 0; j < h; j++) for (int x = 0; x < w; x++) {
            int c = (int) Math.max(0, Math.min(255, Math.round(255 * (g[j * w + x] - lo) / (hi - lo))));
            img.getRaster().setSample(x, j, 0, c);
        }
        return img;
    }

    private static byte[] png(BufferedImage img) {
        try (ByteArrayOutputStream b = new ByteArrayOutputStream()) {
            javax.imageio.ImageIO.write(img, "png", b);
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String html(Map<String, Object> j) {
        StringBuilder s = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>SolidScope CT pipeline</title>"
                + "<style>body{font-family:sans-serif;margin:2em}td{padding:2px 10px}img{max-width:45%;margin:4px;image-rendering:pixelated}</style></head><body>");
        s.append("<h1>CT pipeline: ").append(esc(String.valueOf(j.get("input")))).append("</h1><table>");
        for (String k : new String[] {"chain", "voxel_um", "otsu_threshold", "components", "anode_voxels", "anode_volume_um3", "height_rule", "ra_um", "rq_um", "rz_um", "rsk", "rku", "elapsed_ms"}) {
            Object v = j.get(k);
            String text = v instanceof Double d ? String.format(java.util.Locale.ROOT, "%.4g", d) : String.valueOf(v);
            s.append("<tr><td>").append(k).append("</td><td>").append(esc(text)).append("</td></tr>");
        }
        s.append("</table><h2>Slices (median-filtered)</h2><img src=\"slice_xy.png\" alt=\"xy slice\"><img src=\"slice_xz.png\" alt=\"xz slice\">");
        s.append("<h2>Anode / electrolyte interface</h2><img src=\"height.png\" alt=\"height map\"></body></html>");
        return s.toString();
    }
}
