package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.Json;
import org.solidscope.io.Npy;

class XcsCliTest {
    @TempDir static Path dir;

    @BeforeAll
    static void simulate() {
        CliTest.Run r = CliTest.run("xcs", "simulate", "--out", dir.resolve("cubes").toString(), "--states", "pristine,charged_100", "--rows", "40", "--cols", "40");
        assertEquals(0, r.code(), r.err());
        r = CliTest.run("xcs", "simulate", "--kind", "frames", "--frames", "60000", "--dark-frames", "300", "--rows", "24", "--cols", "24", "--photons-per-frame", "8",
                "--out", dir.resolve("run").toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void emfWritesFloatMapsWithNanWhereFlaggedAndJson() throws Exception {
        Path cube = dir.resolve("cubes/coin-1_charged_100.npy");
        CliTest.Run r = CliTest.run("xcs", "emf", cube.toString(), "--map", dir.resolve("emf.npy").toString(), "--sigma", dir.resolve("sig.npy").toString(),
                "--json", dir.resolve("emf.json").toString());
        assertEquals(0, r.code(), r.err());
        Npy.Array2D e = Npy.read2D(dir.resolve("emf.npy")), s = Npy.read2D(dir.resolve("sig.npy")), t = Npy.read2D(dir.resolve("cubes/truth/coin-1_charged_100.emf.npy"));
        assertEquals(40, e.height());
        assertEquals("f4", Npy.readHeader(dir.resolve("emf.npy")).type());
        int nan = 0;
        for (int p = 0; p < 1600; p++) {
            if (Float.isNaN(t.values()[p])) continue;
            if (Float.isNaN(e.values()[p])) { nan++; continue; }
            assertTrue(Math.abs(e.values()[p] - t.values()[p]) < 5 * s.values()[p], "pixel " + p);
        }
        assertEquals(0, nan, "cell pixels with counts are not flagged");
        JsonNode j = Json.mapper().readTree(dir.resolve("emf.json").toFile());
        assertTrue(j.get("elapsed_ms").asDouble() > 0 && j.get("flagged").asInt() > 0, j.toString());
    }

    @Test
    void framesThroughSpectraEventsAndPipelineAgree() throws Exception {
        Path run = dir.resolve("run");
        String f = run.resolve("frames.bin").toString(), g = run.resolve("gradient.txt").toString(), i = run.resolve("intercept.txt").toString();
        CliTest.Run r = CliTest.run("xcs", "spectra", f, "--gradient", g, "--intercept", i, "--out", dir.resolve("cube.npy").toString(), "--json", dir.resolve("sp.json").toString(),
                "--pixel-map", dir.resolve("pixels.npy").toString());
        assertEquals(0, r.code(), r.err());
        Npy.Array2D pm = Npy.read2D(dir.resolve("pixels.npy"));
        int dead = 0;
        for (float v : pm.values()) if (v == 1) dead++;
        assertEquals(24, pm.width());
        assertTrue(r.out().contains(dead + " dead"), "the map's dead pixels are the ones reported: " + dead + " in " + r.out());
        assertTrue(r.out().contains("GB/s"), r.out());
        r = CliTest.run("xcs", "events", f, "--gradient", g, "--intercept", i, "--out", dir.resolve("ev.npy").toString());
        assertEquals(0, r.code(), r.err());
        r = CliTest.run("xcs", "spectra", dir.resolve("ev.npy").toString(), "--out", dir.resolve("cube-ev.npy").toString());
        assertEquals(0, r.code(), r.err());
        Npy.Header h = Npy.readHeader(dir.resolve("cube.npy"));
        assertEquals(3, h.shape().length);
        float[] a = flat(dir.resolve("cube.npy")), b = flat(dir.resolve("cube-ev.npy"));
        double sa = 0, sb = 0;
        for (float v : a) sa += v;
        for (float v : b) sb += v;
        JsonNode sp = Json.mapper().readTree(dir.resolve("sp.json").toFile());
        assertEquals(sp.get("events").asLong(), (long) sa);
        assertEquals(sa, sb, 0, "events counted from frames equal the event list's");
        r = CliTest.run("xcs", "pipeline", f, "--gradient", g, "--intercept", i, "--out", dir.resolve("report.html").toString(), "--min-counts", "200",
                "--map", dir.resolve("pmap.npy").toString());
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(dir.resolve("report.html"));
        for (String want : new String[] {"Sum spectrum", "Compton peak and profile", "EMF map", "data:image/png;base64", "Compton"}) assertTrue(html.contains(want), want);
    }

    @Test
    void calibrationFromTheSimulatedAm241Cube() throws Exception {
        Path cal = dir.resolve("cal");
        assertEquals(0, CliTest.run("xcs", "simulate", "--kind", "calibration", "--rows", "12", "--cols", "12", "--out", cal.toString()).code());
        CliTest.Run r = CliTest.run("xcs", "calibrate", cal.resolve("am241.npy").toString(), "--gradient", cal.resolve("g.txt").toString(), "--intercept",
                cal.resolve("i.txt").toString(), "--json", cal.resolve("c.json").toString());
        assertEquals(0, r.code(), r.err());
        float[] got = org.solidscope.io.xcs.PixelValues.read(cal.resolve("g.txt"), 12, 12, "gradient"), want = org.solidscope.io.xcs.PixelValues.read(cal.resolve("truth/gradient.txt"), 12, 12, "gradient");
        int calibrated = 0;
        for (int p = 0; p < 144; p++) {
            if (Float.isNaN(got[p])) continue;
            assertEquals(want[p], got[p], 1e-3 * want[p], "pixel " + p);
            calibrated++;
        }
        assertTrue(calibrated >= 140, "pixels calibrated: " + calibrated + " of 144 (dead ones are flagged)");
    }

    @Test
    void unmixWithRegionsAFlatFieldAndFractionsFromCt() throws Exception {
        Path cube = dir.resolve("cubes/coin-1_pristine.npy");
        // regions: left half label 1, right half label 2 of the 40 × 40 field
        byte[] lab = new byte[1600];
        for (int p = 0; p < 1600; p++) lab[p] = (byte) (p % 40 < 20 ? 1 : 2);
        Npy.write2D(dir.resolve("halves.npy"), 40, 40, lab);
        // CT: 60 slices of 10 µm, label 1 above 0.3 mm, 2 below
        byte[][] ct = new byte[60][16];
        for (int z = 0; z < 60; z++) java.util.Arrays.fill(ct[z], (byte) (z < 30 ? 1 : 2));
        Npy.writeVolume(dir.resolve("ct-labels.npy"), 60, 4, 4, ct);
        CliTest.Run r = CliTest.run("xcs", "unmix", cube.toString(), "--regions", dir.resolve("halves.npy").toString(), "--flat", cube.toString(),
                "--ct", dir.resolve("ct-labels.npy").toString(), "--voxel-um", "10", "--beam-z-mm", "0.15,0.45", "--components", "cathode,anode", "--labels", "1,2",
                "--json", dir.resolve("unmix.json").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("fractions from") && r.out().contains("flat field"), r.out());
        JsonNode j = Json.mapper().readTree(dir.resolve("unmix.json").toFile());
        assertEquals(2, j.get("components").size());
        // both halves see the same cathode: the slab of region 1 is all label 1, of region 2 all label 2
        assertEquals(0.0, j.get("fractions").get(0).get(1).asDouble(), 1e-12);
        assertTrue(j.get("components").get(0).get("emf").asDouble() > 0.9, j.toString());
    }

    @Test
    void badInputExitsTwoNamingFileAndFieldAndWritesNothing() throws Exception {
        // a frame file that is not whole frames
        Path cut = dir.resolve("cut.bin");
        Files.write(cut, new byte[2 * 24 * 24 * 5 + 3]);
        Files.writeString(dir.resolve("cut.bin.json"), "{\"rows\": 24, \"cols\": 24, \"frame_rate_hz\": 9000}");
        Path out = dir.resolve("never.npy");
        CliTest.Run r = CliTest.run("xcs", "spectra", cut.toString(), "--gradient", dir.resolve("run/gradient.txt").toString(), "--intercept",
                dir.resolve("run/intercept.txt").toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("cut.bin") && r.err().contains("size") && r.err().contains("5 frames and 3 bytes"), r.err());
        // a sidecar that disagrees with the file
        Path lie = dir.resolve("lie.bin");
        Files.write(lie, new byte[2 * 24 * 24 * 5]);
        Files.writeString(dir.resolve("lie.bin.json"), "{\"rows\": 24, \"cols\": 24, \"frames\": 9}");
        r = CliTest.run("xcs", "pipeline", lie.toString(), "--gradient", "g", "--intercept", "i", "--out", dir.resolve("never.html").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("lie.bin.json") && r.err().contains("frames"), r.err());
        // a calibration file with the wrong number of values
        Path shortCal = dir.resolve("short.txt");
        Files.writeString(shortCal, "0.025 0.025\n");
        r = CliTest.run("xcs", "spectra", dir.resolve("run/frames.bin").toString(), "--gradient", shortCal.toString(), "--intercept", dir.resolve("run/intercept.txt").toString(),
                "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("short.txt") && r.err().contains("576 values") && r.err().contains("2 values"), r.err());
        // a calibration run where no pixel has the peak
        Path empty = dir.resolve("empty.npy");
        org.solidscope.io.xcs.SpectrumCubeFiles.write(empty, new org.solidscope.io.xcs.SpectrumCube(4, 4, 100, 0, 2, new float[1600]), "adu", null);
        r = CliTest.run("xcs", "calibrate", empty.toString(), "--gradient", dir.resolve("never-g.txt").toString(), "--intercept", dir.resolve("never-i.txt").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("empty.npy") && r.err().contains("peak"), r.err());
        // an energy axis that misses the Compton region
        Path low = dir.resolve("low.npy");
        org.solidscope.io.xcs.SpectrumCubeFiles.write(low, new org.solidscope.io.xcs.SpectrumCube(4, 4, 300, 0, 0.2, new float[4800]), "keV", null);
        r = CliTest.run("xcs", "emf", low.toString(), "--map", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("low.npy") && r.err().contains("energy axis") && r.err().contains("0.00–60.00 keV"), r.err());
        r = CliTest.run("xcs", "pipeline", dir.resolve("run/frames.bin").toString(), "--gradient", "g", "--intercept", "i", "--max-kev", "60", "--out", dir.resolve("never.html").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("energy axis"), r.err());
        for (String n : new String[] {"never.npy", "never.html", "never-g.txt", "never-i.txt"}) assertFalse(Files.exists(dir.resolve(n)), n + " written");
    }

    static float[] flat(Path npy) {
        return org.solidscope.io.xcs.SpectrumCubeFiles.read(npy).cube().counts();
    }
}
