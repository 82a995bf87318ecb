package org.solidscope.tomo.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.Json;
import org.solidscope.core.ScalarMap;
import org.solidscope.io.Npy;
import org.solidscope.report.ArrayImages;
import org.solidscope.report.ColourMap;
import org.solidscope.report.HeatMapRenderer;
import org.solidscope.report.Html;
import org.solidscope.report.Overlay;

/**
 * Files of an {@link InterfacePipeline} run: {@code pipeline.json}, {@code height.npy},
 * {@code height.png}, the middle slices with the anode outlined ({@code slice_xy.png},
 * {@code slice_xz.png}) and {@code report.html}.
 */
public final class InterfaceReport {
    private InterfaceReport() {}

    /** The result as JSON fields (also what {@code ct pipeline --json} prints). */
    public static Map<String, Object> json(String input, InterfacePipeline.Result r) {
        var ro = r.roughness();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("input", input);
        j.put("shape", new int[] {r.nz(), r.ny(), r.nx()});
        j.put("voxel_um", r.voxelUm());
        j.put("pipeline", InterfacePipeline.NAME);
        j.put("chain", "median 3x3x3; grey opening ball(" + r.settings().ballRadius() + "); Otsu (65536 bins); 26-connected labels; anode = largest "
                + (r.settings().anodeDark() ? "low" : "high") + " component");
        j.put("otsu_threshold", r.threshold());
        j.put("components", r.components());
        j.put("anode_voxels", r.anodeVoxels());
        j.put("anode_volume_um3", r.anodeVolumeUm3());
        j.put("height_rule", "anode voxels per column x voxel size; least-squares plane removed");
        j.put("ra_um", ro.ra());
        j.put("rq_um", ro.rq());
        j.put("rz_um", ro.rz());
        j.put("rsk", ro.rsk());
        j.put("rku", ro.rku());
        j.put("steps", new java.util.TreeMap<>(r.stepsMs()));
        j.put("elapsed_ms", r.stepsMs().values().stream().mapToDouble(Double::doubleValue).sum());
        j.put("provenance", r.provenance());
        return j;
    }

    /** Writes every file into {@code dir} (each temp-then-rename). */
    public static void write(Path dir, String input, InterfacePipeline.Result r) throws java.io.IOException {
        Files.createDirectories(dir);
        var ro = r.roughness();
        float[] hm = new float[ro.residualUm().length];
        for (int i = 0; i < hm.length; i++) hm[i] = (float) ro.residualUm()[i];
        Npy.write2D(dir.resolve("height.npy"), ro.ny(), ro.nx(), hm);
        ScalarMap map = new ScalarMap(new GridGeometry(ro.nx(), ro.ny(), r.voxelUm() / 1000), "µm", hm);
        double lim = Math.max(1e-6, 3 * ro.rq());
        AtomicOutput.writeBytes(dir.resolve("height.png"), HeatMapRenderer.png(map, -lim, lim, ColourMap.VIRIDIS,
                "interface height about the mean plane", "µm", Overlay.none(), Math.min(900, Math.max(300, ro.nx()))));
        AtomicOutput.writeBytes(dir.resolve("slice_xy.png"), slicePng(r.sliceXy(), r.anodeXy(), r.nx(), r.ny(), false));
        AtomicOutput.writeBytes(dir.resolve("slice_xz.png"), slicePng(r.sliceXz(), r.anodeXz(), r.nx(), r.nz(), true));
        Map<String, Object> j = json(input, r);
        AtomicOutput.writeString(dir.resolve("pipeline.json"), Json.write(j));
        AtomicOutput.writeString(dir.resolve("report.html"), html(j));
    }

    /** A slice in grey (1st–99th percentile) with the anode's boundary; an xz slice is drawn with z upwards. */
    static byte[] slicePng(short[] s, byte[] anode, int w, int h, boolean zUp) {
        float[] v = new float[s.length];
        byte[] m = new byte[anode.length];
        for (int j = 0; j < h; j++) {
            int src = zUp ? h - 1 - j : j;
            for (int x = 0; x < w; x++) {
                v[j * w + x] = s[src * w + x] & 0xFFFF;
                m[j * w + x] = anode[src * w + x];
            }
        }
        ScalarMap map = new ScalarMap(new GridGeometry(w, h, 1), "1", v);
        double[] range = ArrayImages.percentiles(v, 0.01, 0.99);
        return ArrayImages.greyPng(map, range[0], Math.max(range[0] + 1, range[1]), m, Math.min(900, Math.max(300, w)));
    }

    static String html(Map<String, Object> j) {
        StringBuilder b = new StringBuilder();
        Html.head(b, "SolidScope — CT pipeline");
        b.append("<h1>CT pipeline: ").append(Html.esc(String.valueOf(j.get("input")))).append("</h1><table>");
        for (String k : new String[] {"chain", "voxel_um", "otsu_threshold", "components", "anode_voxels", "anode_volume_um3", "height_rule", "ra_um", "rq_um",
                "rz_um", "rsk", "rku", "elapsed_ms"}) {
            Object v = j.get(k);
            Html.row(b, k, v instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : String.valueOf(v));
        }
        b.append("</table><h2>Slices (median-filtered; orange: the anode found)</h2><div class=\"row\"><img src=\"slice_xy.png\" alt=\"xy slice\">"
                + "<img src=\"slice_xz.png\" alt=\"xz slice\"></div>");
        b.append("<h2>Anode / electrolyte interface</h2><img src=\"height.png\" alt=\"height map\">");
        Html.tail(b);
        return b.toString();
    }
}
