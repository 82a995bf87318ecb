package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.Json;
import org.solidscope.io.Npy;
import org.solidscope.io.VolumeData;
import org.solidscope.io.VolumeIO;
import org.solidscope.tomo.recon.EllipsePhantom;
import org.solidscope.tomo.recon.Sinogram;

class CtReconstructCliTest {
    @TempDir Path dir;

    /** Raw intensities I = flat·exp(−p) + dark of a phantom, off-centre axis; auto centre, flat/dark, rings, TIFF out. */
    @Test
    void reconstructsRawProjections() throws Exception {
        int angles = 180, rows = 3, det = 110, n = 80;
        double axis = 57.5;
        EllipsePhantom p = EllipsePhantom.sheppLogan(n);
        Sinogram s = p.project(Sinogram.evenAngles(angles, 180), det, axis);
        float[][] raw = new float[angles][rows * det];
        float[][] flat = new float[1][rows * det], dark = new float[1][rows * det];
        for (int k = 0; k < rows * det; k++) { flat[0][k] = 4000 + 10 * (k % 7); dark[0][k] = 100 + (k % 3); }
        for (int a = 0; a < angles; a++) for (int r = 0; r < rows; r++) for (int k = 0; k < det; k++) {
            int i = r * det + k;
            raw[a][i] = (float) ((flat[0][i] - dark[0][i]) * Math.exp(-0.02 * s.get(a, k)) + dark[0][i]);
        }
        Path in = dir.resolve("proj.npy"), fl = dir.resolve("flat.npy"), dk = dir.resolve("dark.npy"), out = dir.resolve("vol.tif"), j = dir.resolve("r.json");
        Npy.writeVolume(in, angles, rows, det, raw);
        Npy.writeVolume(fl, 1, rows, det, flat);
        Npy.writeVolume(dk, 1, rows, det, dark);
        assertEquals(0, CliTest.run("ct", "reconstruct", in.toString(), "--flat", fl.toString(), "--dark", dk.toString(), "--size", String.valueOf(n),
                "--ring", "sorting", "--out", out.toString(), "--json", j.toString()).code());
        JsonNode r = Json.mapper().readTree(j.toFile());
        assertEquals(axis, r.get("centre").asDouble(), 0.3);
        assertTrue(r.get("elapsed_ms").asDouble() > 0);
        VolumeData v = VolumeIO.read(out.toString());
        assertEquals(rows, v.nz());
        assertEquals(n, v.nx());
        float[] slice = ((float[][]) v.slices())[1];
        float[] truth = p.raster(n);
        double err = 0;
        for (int i = 0; i < n * n; i++) err += Math.abs(slice[i] / 0.02 - truth[i]);
        assertTrue(err / (n * n) < 0.05, "mean error " + err / (n * n));
        assertEquals(3, r.get("block_rows").asInt(), "a small stack is one block");

        // the same stack as a TIFF, read and reconstructed two detector rows at a time, written slice by slice
        Path tif = dir.resolve("proj.tif"), streamed = dir.resolve("streamed.raw");
        VolumeIO.write(tif, new VolumeData(angles, rows, det, raw, Double.NaN));
        assertEquals(0, CliTest.run("ct", "reconstruct", tif.toString(), "--flat", fl.toString(), "--dark", dk.toString(), "--size", String.valueOf(n),
                "--ring", "sorting", "--block-rows", "2", "--out", streamed.toString(), "--json", j.toString()).code());
        assertEquals(2, Json.mapper().readTree(j.toFile()).get("block_rows").asInt());
        VolumeData w = VolumeIO.read(streamed.toString());
        for (int z = 0; z < rows; z++) assertArrayEquals(((float[][]) v.slices())[z], ((float[][]) w.slices())[z], "slice " + z + " as from the whole stack");
    }

    @Test
    void badInput() throws Exception {
        float[] sino = new float[10 * 16];
        Npy.write2D(dir.resolve("s.npy"), 10, 16, sino);
        String s = dir.resolve("s.npy").toString();
        CliTest.assertBadInput(dir.resolve("o1"), "--ring", "ct", "reconstruct", s, "--centre", "8", "--ring", "wavelet", "--out", dir.resolve("o1/x.npy").toString());
        CliTest.assertBadInput(dir.resolve("o2"), "--range", "ct", "reconstruct", s, "--range", "90", "--out", dir.resolve("o2/x.npy").toString());
        Npy.write2D(dir.resolve("f.npy"), 3, 5, new float[15]);
        CliTest.assertBadInput(dir.resolve("o3"), "f.npy", "ct", "reconstruct", s, "--centre", "8", "--flat", dir.resolve("f.npy").toString(), "--out", dir.resolve("o3/x.npy").toString());
        CliTest.assertBadInput(dir.resolve("o4"), "extension", "ct", "reconstruct", s, "--out", dir.resolve("o4/x.png").toString());
    }
}
