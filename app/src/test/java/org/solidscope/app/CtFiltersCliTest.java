package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.Json;
import org.solidscope.io.Npy;
import org.solidscope.io.VolumeData;
import org.solidscope.io.VolumeIO;

/** The filter, threshold, label and volume-change commands on every volume format. */
class CtFiltersCliTest {
    @TempDir
    Path dir;

    static JsonNode json(Path p) throws Exception { return Json.mapper().readTree(p.toFile()); }

    @Test
    void filtersAndThresholdsReadAndWriteTiff() throws Exception {
        Path v = dir.resolve("v.tif"), m = dir.resolve("m.tif"), g = dir.resolve("g.raw"), k = dir.resolve("k.npy");
        assertEquals(0, CliTest.run("ct", "phantom", "--size", "32", "--out", v.toString()).code());
        Path mj = dir.resolve("m.json");
        CliTest.Run r = CliTest.run("ct", "median", v.toString(), "--ball", "2", "--out", m.toString(), "--json", mj.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("median ball(2)", json(mj).get("filter").asText());
        assertEquals("uint16", VolumeIO.read(m.toString()).dtype());
        Path gj = dir.resolve("g.json");
        assertEquals(0, CliTest.run("ct", "gaussian", m.toString(), "--sigma", "1.5", "--out", g.toString(), "--json", gj.toString()).code());
        assertEquals(6, json(gj).get("kernel_radius").asInt());
        assertTrue(Files.exists(dir.resolve("g.json")) && Files.size(g) == 2L * 32 * 32 * 32);
        // every single-threshold method splits the 35 % porous phantom near its solid fraction
        for (String method : List.of("otsu", "isodata", "li", "minimum-error")) {
            Path tj = dir.resolve(method + ".json");
            r = CliTest.run("ct", "threshold", m.toString(), "--method", method, "--out", k.toString(), "--json", tj.toString());
            assertEquals(0, r.code(), method + ": " + r.err());
            assertEquals(0.65, json(tj).get("foreground_fraction").asDouble(), 0.05, method);
        }
        Path tj = dir.resolve("multi.json"), classes = dir.resolve("c.npy");
        assertEquals(0, CliTest.run("ct", "threshold", m.toString(), "--method", "multi-otsu", "--classes", "3", "--out", classes.toString(), "--json", tj.toString()).code());
        assertEquals(2, json(tj).get("thresholds").size());
        double sum = 0;
        for (JsonNode f : json(tj).get("class_fractions")) sum += f.asDouble();
        assertEquals(1, sum, 1e-9);
        CliTest.assertBadInput(dir.resolve("o1"), "--method", "ct", "threshold", m.toString(), "--method", "kmeans", "--out", dir.resolve("o1/x.npy").toString());
        CliTest.assertBadInput(dir.resolve("o2"), "--sigma", "ct", "gaussian", m.toString(), "--sigma", "0", "--out", dir.resolve("o2/x.npy").toString());
        // a float volume is not a grey CT volume for these filters
        Npy.writeVolume(dir.resolve("f.npy"), 2, 2, 2, new float[][] {new float[4], new float[4]});
        CliTest.assertBadInput(dir.resolve("o3"), "uint16", "ct", "median", dir.resolve("f.npy").toString(), "--out", dir.resolve("o3/x.npy").toString());
    }

    @Test
    void labelReportsVolumesAndSurfaceAreas() throws Exception {
        // two balls of radius 8 and 5 voxels in a TIFF mask (255 = foreground, as other tools write)
        int n = 40;
        byte[][] s = new byte[n][n * n];
        for (int z = 0; z < n; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
            if (sq(x - 12) + sq(y - 20) + sq(z - 12) <= 64 || sq(x - 30) + sq(y - 20) + sq(z - 28) <= 25) s[z][y * n + x] = (byte) 255;
        }
        Path mask = dir.resolve("balls.tif"), labels = dir.resolve("l.tif"), csv = dir.resolve("c.csv"), lj = dir.resolve("l.json");
        VolumeIO.write(mask, new VolumeData(n, n, n, s, 0.5));
        CliTest.Run r = CliTest.run("ct", "label", mask.toString(), "--out", labels.toString(), "--components", csv.toString(), "--voxel-um", "0.5", "--json", lj.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = json(lj);
        assertEquals(2, j.get("labels").asInt());
        JsonNode big = j.get("largest_components").get(0);
        assertEquals(4 * Math.PI * 64 * 0.25, big.get("surface_um2").asDouble(), 0.03 * 4 * Math.PI * 64 * 0.25, "sphere of radius 8 voxels, 0.5 µm");
        assertEquals(big.get("voxels").asLong() * 0.125, big.get("volume_um3").asDouble(), 1e-9);
        assertEquals(4.0 / 3 * Math.PI * 512, big.get("voxels").asDouble(), 0.03 * 4.0 / 3 * Math.PI * 512);
        List<String> rows = Files.readAllLines(csv);
        assertEquals(3, rows.size());
        assertTrue(rows.get(0).startsWith("label,voxels,volume_um3,surface_um2"));
        assertEquals("uint16", VolumeIO.read(labels.toString()).dtype(), "labels as uint16 in a TIFF");
    }

    static int sq(int a) { return a * a; }

    /** The bad inputs the CT issue names: each exits 2 with file and field named, and writes nothing. */
    @Test
    void truncatedRawDisagreeingSidecarAndSignedTiffExitTwo() throws Exception {
        short[][] s = new short[3][4 * 5];
        VolumeData v = new VolumeData(3, 4, 5, s, 1);
        Path raw = dir.resolve("t.raw");
        VolumeIO.write(raw, v);
        byte[] all = Files.readAllBytes(raw);
        Files.write(raw, java.util.Arrays.copyOf(all, all.length - 10));
        CliTest.assertBadInput(dir.resolve("o1"), "truncated", "ct", "median", raw.toString(), "--out", dir.resolve("o1/x.npy").toString());
        Path raw2 = dir.resolve("u.raw");
        VolumeIO.write(raw2, v);
        Path side = dir.resolve("u.raw.json");
        Files.writeString(side, Files.readString(side).replaceAll("\\[\\s*3\\s*,", "[ 4,"));
        CliTest.assertBadInput(dir.resolve("o2"), "shape", "ct", "threshold", raw2.toString(), "--out", dir.resolve("o2/x.npy").toString());
        // a 16-bit signed TIFF: our writer's uint16 file with SampleFormat (tag 339) set to 2
        Path tif = dir.resolve("i16.tif");
        VolumeIO.write(tif, v);
        byte[] b = Files.readAllBytes(tif);
        int patched = 0;
        for (int i = 0; i + 9 < b.length; i++) {
            if ((b[i] & 0xff) == 0x53 && b[i + 1] == 0x01 && b[i + 2] == 3 && b[i + 3] == 0 && b[i + 4] == 1 && b[i + 8] == 1) { b[i + 8] = 2; patched++; }
        }
        assertEquals(3, patched, "one SampleFormat entry per page");
        Files.write(tif, b);
        CliTest.assertBadInput(dir.resolve("o3"), "16-bit signed integer", "ct", "label", tif.toString(), "--out", dir.resolve("o3/x.npy").toString());
    }

    @Test
    void volumeChangeRegistersTheScansAndCountsTheCommonRegion() throws Exception {
        // a slab anode 12 voxels thick grows to 13 (+8.3 %) while the cell moves by (2, -1, 3) voxels;
        // bright spheres above give the registration something to hold on to
        int nx = 48, ny = 44, nz = 40;
        Path[] files = new Path[4];
        for (int state = 0; state < 2; state++) {
            int dx = state == 0 ? 0 : 2, dy = state == 0 ? 0 : -1, dz = state == 0 ? 0 : 3;
            int thickness = state == 0 ? 12 : 13;
            short[][] grey = new short[nz][nx * ny];
            byte[][] anode = new byte[nz][nx * ny];
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(state);
            for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) {
                int wx = x - dx, wy = y - dy, wz = z - dz; // world coordinates of this voxel
                boolean a = wz >= 4 && wz < 4 + thickness;
                boolean sphere = sq(Math.floorMod(wx, 11) - 5) + sq(Math.floorMod(wy, 13) - 6) + sq(Math.floorMod(wz, 9) - 4) < 12 && wz > 20;
                grey[z][y * nx + x] = (short) ((a ? 8000 : sphere ? 30000 : 15000) + (int) (600 * rnd.nextGaussian()));
                anode[z][y * nx + x] = (byte) (a ? 1 : 0);
            }
            files[2 * state] = dir.resolve("grey" + state + ".npy");
            files[2 * state + 1] = dir.resolve("anode" + state + ".tif");
            Npy.writeVolume(files[2 * state], nz, ny, nx, grey);
            VolumeIO.write(files[2 * state + 1], new VolumeData(nz, ny, nx, anode, 1));
        }
        Path j = dir.resolve("dv.json");
        CliTest.Run r = CliTest.run("ct", "volume-change", files[0].toString(), files[2].toString(), "--mask-before", files[1].toString(),
                "--mask-after", files[3].toString(), "--max-shift", "6", "--json", j.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode d = json(j);
        assertEquals(List.of(2, -1, 3), List.of(d.get("shift_xyz_voxels").get(0).asInt(), d.get("shift_xyz_voxels").get(1).asInt(), d.get("shift_xyz_voxels").get(2).asInt()));
        assertEquals(1.0 / 12, d.get("relative_change").asDouble(), 1e-12, "13/12 − 1 in the common region");
        Npy.writeVolume(dir.resolve("small.npy"), 2, 2, 2, new short[][] {new short[4], new short[4]});
        CliTest.assertBadInput(dir.resolve("o1"), "shape", "ct", "volume-change", files[0].toString(), dir.resolve("small.npy").toString(),
                "--mask-before", files[1].toString(), "--mask-after", files[3].toString(), "--json", dir.resolve("o1/x.json").toString());
    }
}
