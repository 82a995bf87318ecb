package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.Json;

/** cycling simulate → summary / ccd / window with the documented JSON; bad files refused with nothing written. */
class CyclingCliTest {
    @TempDir
    Path dir;

    @Test
    void summaryCcdAndWindow() throws IOException {
        Path rate = dir.resolve("rate.csv"), json = dir.resolve("rate.json");
        assertEquals(0, CliTest.run("cycling", "simulate", "--preset", "seed004-rate", "--out", rate.toString()).code());
        CliTest.Run r = CliTest.run("cycling", "summary", rate.toString(), "--active-mass-mg", "19.3189", "--area-cm2", "1", "--thickness-um", "65",
                "--json", json.toString(), "--csv", dir.resolve("cycles.csv").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.mapper().readTree(json.toFile());
        JsonNode c1 = j.get("cycles").get(0);
        for (String k : new String[] {"cycle", "charge_capacity_mah", "discharge_capacity_mah", "coulombic_efficiency", "charge_energy_mwh", "discharge_energy_mwh"}) {
            assertTrue(c1.has(k), k);
        }
        assertEquals(170.3, c1.get("discharge_capacity_mah_g").asDouble(), 0.005 * 170.3);
        assertEquals(505.8, c1.get("discharge_capacity_mah_cm3").asDouble(), 0.01 * 505.8, "seed 004: 505.8 mAh/cm³ with a 65 µm electrode");
        assertTrue(j.get("elapsed_ms").asDouble() >= 0 && j.get("cycles").size() == 12);
        Path ccd = dir.resolve("ccd.csv"), ccdJson = dir.resolve("ccd.json");
        assertEquals(0, CliTest.run("cycling", "simulate", "--preset", "ccd", "--short-ma-cm2", "0.5", "--out", ccd.toString()).code());
        assertEquals(0, CliTest.run("cycling", "ccd", ccd.toString(), "--area-cm2", "1", "--json", ccdJson.toString()).code());
        assertEquals(0.5, Json.mapper().readTree(ccdJson.toFile()).get("ccd_ma_cm2").asDouble(), 1e-9);
        Path cv = dir.resolve("cv.csv");
        assertEquals(0, CliTest.run("cycling", "simulate", "--preset", "cv", "--onset-v", "4.2", "--out", cv.toString()).code());
        Path wj = dir.resolve("window.json");
        CliTest.Run w = CliTest.run("cycling", "window", cv.toString(), "--area-cm2", "1", "--json", wj.toString());
        assertEquals(0, w.code(), w.err());
        assertEquals(4.2, Json.mapper().readTree(wj.toFile()).get("onset_v").asDouble(), 0.01, w.out());
    }

    @Test
    void badFilesExitTwoNamingLineAndFieldWithNothingWritten() throws IOException {
        Path out = dir.resolve("out.json");
        Object[][] cases = {
                {"cols.csv", "a,b,c\n1,2,3\n", "columns"},
                {"unit.csv", "Test_Time(s),Voltage(V),Current\n0,3.5,0\n", "current unit"},
                {"back.csv", "Test_Time(s),Voltage(V),Current(A)\n0,3.5,0\n10,3.6,0.001\n5,3.7,0.001\n", "row 4 time"},
        };
        for (Object[] k : cases) {
            Path f = Files.writeString(dir.resolve((String) k[0]), (String) k[1]);
            CliTest.Run r = CliTest.run("cycling", "summary", f.toString(), "--json", out.toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains((String) k[0]) && r.err().contains((String) k[2]), r.err());
            assertFalse(Files.exists(out));
        }
        // a truncated binary file
        Path mpr = dir.resolve("run.mpr");
        assertEquals(0, CliTest.run("eis", "simulate", "--circuit", "R0-p(R1,C1)", "--parameters", "10,50,1e-5", "--out", mpr.toString()).code());
        byte[] b = Files.readAllBytes(mpr);
        Path cut = Files.write(dir.resolve("cut.mpr"), java.util.Arrays.copyOf(b, b.length - 20));
        CliTest.Run r = CliTest.run("cycling", "summary", cut.toString(), "--json", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("cut.mpr") && r.err().contains("truncated"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void readRateDqdvAndCvWindow() throws IOException {
        Path rate = dir.resolve("rate.csv");
        assertEquals(0, CliTest.run("cycling", "simulate", "--preset", "seed004-rate", "--out", rate.toString()).code());
        CliTest.Run read = CliTest.run("cycling", "read", rate.toString(), "--csv", dir.resolve("rows.csv").toString(), "--json", dir.resolve("read.json").toString());
        assertEquals(0, read.code(), read.err());
        assertTrue(read.out().contains("Arbin") && read.out().contains("12 cycles, 48 steps"), read.out());
        assertEquals(Files.readAllLines(rate).size(), Files.readAllLines(dir.resolve("rows.csv")).size(), "every row, and a header");
        Path rj = dir.resolve("rate.json");
        CliTest.Run r = CliTest.run("cycling", "rate", rate.toString(), "--one-c-ma", "4.2857", "--active-mass-mg", "19.3189", "--json", rj.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode rates = Json.mapper().readTree(rj.toFile()).get("rates");
        assertEquals(4, rates.size());
        assertEquals(134.2, rates.get(3).get("discharge_capacity_mah_g").asDouble(), 0.005 * 134.2);
        assertEquals(140, rates.get(3).get("ohmic_drop_mv").asDouble(), 2);
        Path dj = dir.resolve("dqdv.json");
        CliTest.Run d = CliTest.run("cycling", "dqdv", rate.toString(), "--json", dj.toString(), "--dvdq-plot", dir.resolve("dvdq.png").toString());
        assertEquals(0, d.code(), d.err());
        JsonNode dq = Json.mapper().readTree(dj.toFile());
        assertEquals(24, dq.get("segments").size());
        assertTrue(dq.get("tracks").size() >= 2 && dq.get("segments").get(0).has("dvdq_volt_per_mah"), dq.get("tracks").toString());
        assertTrue(Files.size(dir.resolve("dvdq.png")) > 1000);
        Path cv = dir.resolve("cv.csv");
        assertEquals(0, CliTest.run("cycling", "simulate", "--preset", "cv", "--onset-v", "4.3", "--out", cv.toString()).code());
        CliTest.Run w = CliTest.run("cv", "window", cv.toString(), "--area-cm2", "1");
        assertEquals(0, w.code(), w.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("onset at ([0-9.]+) V").matcher(w.out());
        assertTrue(m.find(), w.out());
        assertEquals(4.3, Double.parseDouble(m.group(1)), 0.01);
    }

    @Test
    void reportsOfEachKindOfRun() throws IOException {
        Path rate = dir.resolve("rate.csv"), ccd = dir.resolve("ccd.csv"), cv = dir.resolve("cv.csv");
        assertEquals(0, CliTest.run("cycling", "simulate", "--preset", "seed004-rate", "--out", rate.toString()).code());
        assertEquals(0, CliTest.run("cycling", "simulate", "--preset", "ccd", "--short-ma-cm2", "0.4", "--out", ccd.toString()).code());
        assertEquals(0, CliTest.run("cycling", "simulate", "--preset", "cv", "--out", cv.toString()).code());
        Object[][] cases = {{rate, "cycling run", "Rate capability", "134.2"}, {ccd, "ccd run", "CCD = 0.4000 mA/cm²", "half-step"}, {cv, "cv run", "Oxidation onset at", "µA/cm²"}};
        for (Object[] k : cases) {
            Path html = dir.resolve(((Path) k[0]).getFileName() + ".html");
            CliTest.Run r = CliTest.run("cycling", "report", k[0].toString(), "--out", html.toString(), "--active-mass-mg", "19.3189", "--one-c-ma", "4.2857");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains((String) k[1]), r.out());
            String text = Files.readString(html);
            assertTrue(text.contains((String) k[2]) && text.contains((String) k[3]) && text.contains("data:image/png;base64,"), k[0] + " report");
        }
        assertEquals(2, CliTest.run("cycling", "report", rate.toString(), "--out", dir.resolve("x.html").toString(), "--run", "eis").code());
        assertFalse(Files.exists(dir.resolve("x.html")));
    }

    @Test
    void transferenceNumberFromAPolarisationAndTwoSpectra() throws IOException {
        Path pol = dir.resolve("pol.csv"), json = dir.resolve("t.json");
        CliTest.Run sim = CliTest.run("cycling", "simulate", "--preset", "polarisation", "--t-plus", "0.42", "--out", pol.toString());
        assertEquals(0, sim.code(), sim.err());
        CliTest.Run r = CliTest.run("cycling", "transference", pol.toString(), "--eis-before", dir.resolve("pol.before.csv").toString(),
                "--eis-after", dir.resolve("pol.after.csv").toString(), "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.mapper().readTree(json.toFile());
        assertEquals(0.42, j.get("t_plus").asDouble(), 0.02, r.out());
        assertTrue(j.get("t_plus_stderr").asDouble() > 0);
        assertEquals(2, CliTest.run("cycling", "transference", pol.toString(), "--eis-before", dir.resolve("pol.before.csv").toString(),
                "--eis-after", dir.resolve("pol.after.csv").toString(), "--circuit", "R0-C1").code(), "a circuit without an interface arc is refused");
    }
}
