package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.Json;
import org.solidscope.io.Npy;

/**
 * TomoPy's real tooth projections in the Data Exchange layout (shared/realdata/tomopy/tooth.h5) reconstructed from the file
 * alone: its flats, darks and angles are taken from the same file, and the slice equals the one made with each given
 * explicitly.
 */
class CtDataExchangeCliTest {
    @TempDir Path dir;

    @Test
    void toothFromItsOwnFile() throws IOException {
        Path root = ReaderFuzzTest.realData();
        Assumptions.assumeTrue(root != null && Files.isRegularFile(root.resolve("tomopy/tooth.h5")), "shared/realdata/tomopy is not here");
        String h5 = root.resolve("tomopy/tooth.h5").toString();
        Path a = dir.resolve("a.npy"), b = dir.resolve("b.npy"), ja = dir.resolve("a.json");
        CliTest.Run r = CliTest.run("ct", "reconstruct", h5, "--out", a.toString(), "--json", ja.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("181 angles from the file") && r.out().contains("/exchange/data_white"), r.out());
        JsonNode j = Json.mapper().readTree(ja.toFile());
        assertEquals("/exchange/theta", j.get("angles_from").asText());
        assertEquals(295.83, j.get("centre").asDouble(), 0.05, "the centre the realdata README gives");
        assertEquals(0, j.get("clipped_pixels").asInt(), "flats and darks applied");
        // the same with every part named: flats, darks, and the even angles that /exchange/theta holds (0 … 179.0055°)
        r = CliTest.run("ct", "reconstruct", h5 + ":/exchange/data", "--flat", h5 + ":/exchange/data_white", "--dark", h5 + ":/exchange/data_dark",
                "--range", "180", "--out", b.toString());
        assertEquals(0, r.code(), r.err());
        int[] shape = new int[3];
        float[][] va = Npy.readVolumeF32(a, shape), vb = Npy.readVolumeF32(b, new int[3]);
        double worst = 0, scale = 0;
        for (int z = 0; z < va.length; z++) {
            for (int i = 0; i < va[z].length; i++) {
                worst = Math.max(worst, Math.abs(va[z][i] - vb[z][i]));
                scale = Math.max(scale, Math.abs(vb[z][i]));
            }
        }
        assertTrue(worst <= 1e-4 * scale, "slices agree: " + worst + " of " + scale);

        // the same frames as NeXus NXtomo lays them out: one stack, darks and flats first, an invalid frame, image_key, angles
        org.solidscope.io.VolumeData proj = org.solidscope.io.VolumeIO.read(h5 + ":/exchange/data"),
                white = org.solidscope.io.VolumeIO.read(h5 + ":/exchange/data_white"), darkv = org.solidscope.io.VolumeIO.read(h5 + ":/exchange/data_dark");
        int n = darkv.nz() + white.nz() + 1 + proj.nz(), rows = proj.ny(), det = proj.nx();
        float[][][] stack = new float[n][rows][det];
        int[] key = new int[n];
        double[] angle = new double[n];
        int k = 0;
        for (org.solidscope.io.VolumeData v : new org.solidscope.io.VolumeData[] {darkv, white, null, proj}) {
            int count = v == null ? 1 : v.nz(), code = v == darkv ? 2 : v == white ? 1 : v == null ? 3 : 0;
            for (int z = 0; z < count; z++, k++) {
                float[] slice = v == null ? new float[rows * det] : v.sliceAsFloat(z);
                for (int y = 0; y < rows; y++) System.arraycopy(slice, y * det, stack[k][y], 0, det);
                key[k] = code;
                angle[k] = code == 0 ? z * 180.0 / proj.nz() : 0;
            }
        }
        Path nxs = dir.resolve("tooth.nxs");
        try (io.jhdf.WritableHdfFile w = io.jhdf.HdfFile.write(nxs)) {
            var entry = w.putGroup("entry");
            var detector = entry.putGroup("instrument").putGroup("detector");
            detector.putDataset("data", stack);
            detector.putDataset("image_key", key);
            entry.putGroup("sample").putDataset("rotation_angle", angle).putAttribute("units", "degree");
        }
        Path c = dir.resolve("c.npy"), jc = dir.resolve("c.json");
        r = CliTest.run("ct", "reconstruct", nxs.toString(), "--out", c.toString(), "--json", jc.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("NXtomo"), r.out());
        assertEquals("rotation_angle", Json.mapper().readTree(jc.toFile()).get("angles_from").asText());
        float[][] vc = Npy.readVolumeF32(c, new int[3]);
        double worstC = 0;
        for (int z = 0; z < va.length; z++) for (int i = 0; i < va[z].length; i++) worstC = Math.max(worstC, Math.abs(va[z][i] - vc[z][i]));
        assertTrue(worstC <= 1e-4 * scale, "NXtomo slices agree: " + worstC + " of " + scale);
    }
}
