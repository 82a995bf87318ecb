package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.Json;

/** eis simulate → read → fit → kk, with the documented JSON, and refusals naming the option. */
class EisCliTest {
    @TempDir
    Path dir;

    @Test
    void simulateReadFitKk() throws IOException {
        Path csv = dir.resolve("s.csv");
        assertEquals(0, CliTest.run("eis", "simulate", "--circuit", "R0-p(R1,CPE1)-W1", "--parameters", "12,85,2e-5,0.86,30", "--noise", "0.005",
                "--out", csv.toString()).code());
        Path read = dir.resolve("r.json");
        assertEquals(0, CliTest.run("eis", "read", csv.toString(), "--json", read.toString()).code());
        JsonNode r = Json.mapper().readTree(read.toFile());
        assertEquals(61, r.get("frequency_hz").size());
        assertTrue(r.get("z_imag_ohm").get(30).asDouble() < 0, "capacitive is negative");
        Path fit = dir.resolve("f.json");
        CliTest.Run run = CliTest.run("eis", "fit", csv.toString(), "--circuit", "R0-p(R1,CPE1)-W1", "--initial", "10,100,1e-5,0.9,20",
                "--json", fit.toString(), "--plot", dir.resolve("n.png").toString());
        assertEquals(0, run.code(), run.err());
        JsonNode f = Json.mapper().readTree(fit.toFile());
        assertEquals("R1", f.get("parameters").get(1).get("name").asText());
        assertEquals(85, f.get("parameters").get(1).get("value").asDouble(), 3 * f.get("parameters").get(1).get("stderr").asDouble() + 1e-9);
        assertEquals("Ohm", f.get("parameters").get(1).get("unit").asText());
        for (String k : new String[] {"chi2", "rmse", "elapsed_ms"}) assertTrue(f.has(k), k);
        Path kk = dir.resolve("k.json");
        assertEquals(0, CliTest.run("eis", "kk", csv.toString(), "--json", kk.toString()).code());
        JsonNode k = Json.mapper().readTree(kk.toFile());
        assertTrue(k.get("M").asInt() > 0 && k.get("mu").asDouble() <= 0.85);
        assertTrue(Files.size(dir.resolve("n.png")) > 1000);
        Path held = dir.resolve("h.json");
        assertEquals(0, CliTest.run("eis", "fit", csv.toString(), "--circuit", "R0-p(R1,CPE1)-W1", "--fixed", "CPE1_1=0.86", "--initial", "10,100,1e-5,20",
                "--json", held.toString()).code());
        JsonNode h = Json.mapper().readTree(held.toFile());
        assertTrue(h.get("parameters").get(3).get("fixed").asBoolean());
        assertEquals(0.86, h.get("parameters").get(3).get("value").asDouble(), 0);
        Path drt = dir.resolve("drt.json");
        CliTest.Run d = CliTest.run("eis", "drt", csv.toString(), "--json", drt.toString(), "--plot", dir.resolve("drt.png").toString());
        assertEquals(0, d.code(), d.err());
        JsonNode dj = Json.mapper().readTree(drt.toFile());
        assertEquals(12, dj.get("r_inf_ohm").asDouble(), 1.0, "R∞ ≈ R0");
        assertTrue(dj.get("peaks").size() >= 1 && dj.get("tau_s").size() == dj.get("gamma_ohm").size());
        assertEquals(2, CliTest.run("eis", "drt", csv.toString(), "--lambda", "-1").code());
        // refusals
        CliTest.Run bad = CliTest.run("eis", "fit", csv.toString(), "--circuit", "R0-p(R1,CPE1)-W1", "--initial", "10,100,1e-5,1.5,20");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("CPE1_1"), bad.err());
        bad = CliTest.run("eis", "fit", csv.toString(), "--circuit", "R0-Q1", "--initial", "1,2");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--circuit"), bad.err());
    }

    /** Every must-show refusal: exit 2, the file and field named, no stack trace, nothing written. */
    @Test
    void badInputIsRefusedWithFileFieldAndNothingWritten() throws IOException {
        Path good = dir.resolve("good.csv");
        assertEquals(0, CliTest.run("eis", "simulate", "--circuit", "R0-p(R1,C1)", "--parameters", "10,50,1e-5", "--out", good.toString()).code());
        Path out = dir.resolve("out.json");
        // a truncated Gamry file: the table's rows are missing
        Path dta = Files.writeString(dir.resolve("cut.DTA"), "EXPLAIN\nTAG\tEISPOT\nZCURVE\tTABLE\n\tPt\tTime\tFreq\tZreal\tZimag\n\t#\ts\tHz\tohm\tohm\n");
        expectRefusal(CliTest.run("eis", "fit", dta.toString(), "--circuit", "R0-p(R1,C1)", "--json", out.toString()), "cut.DTA", "truncated", out);
        // an .mpr whose data module holds a column id of unknown width
        Path written = dir.resolve("peis.mpr");
        assertEquals(0, CliTest.run("eis", "simulate", "--circuit", "R0-p(R1,C1)", "--parameters", "10,50,1e-5", "--out", written.toString()).code());
        assertEquals(0, CliTest.run("eis", "read", written.toString()).code(), "the project's own .mpr reads back");
        byte[] mpr = Files.readAllBytes(written);
        int ids = new String(mpr, java.nio.charset.StandardCharsets.ISO_8859_1).lastIndexOf("VMP data") + 10 + 25 + 4 + 4 + 8 + 5;
        mpr[ids + 6] = (byte) 250; // the fourth column id (−Im(Z), 38) becomes one of unknown width
        Path unknown = Files.write(dir.resolve("unknown.mpr"), mpr);
        expectRefusal(CliTest.run("eis", "read", unknown.toString(), "--json", out.toString()), "column id 250", "width", out);
        // CSV: a missing column, a non-numeric cell
        Path missing = Files.writeString(dir.resolve("missing.csv"), "frequency_hz,z_real_ohm\n1000,10\n100,20\n10,30\n");
        expectRefusal(CliTest.run("eis", "fit", missing.toString(), "--circuit", "R0-p(R1,C1)", "--json", out.toString()), "missing.csv", "header", out);
        Path text = Files.writeString(dir.resolve("text.csv"), "frequency_hz,z_real_ohm,z_imag_ohm\n1000,10,-1\n100,twenty,-5\n10,30,-2\n");
        expectRefusal(CliTest.run("eis", "fit", text.toString(), "--circuit", "R0-p(R1,C1)", "--json", out.toString()), "line 3", "twenty", out);
        // a circuit that does not parse: the message points at the character
        CliTest.Run c = CliTest.run("eis", "fit", good.toString(), "--circuit", "R0-p(R1,C1", "--json", out.toString());
        expectRefusal(c, "character 11", "closing p(", out);
        expectRefusal(CliTest.run("eis", "fit", good.toString(), "--circuit", "R0-X1", "--json", out.toString()), "character 4", "'X'", out);
        // initial guesses of the wrong count
        expectRefusal(CliTest.run("eis", "fit", good.toString(), "--circuit", "R0-p(R1,C1)", "--initial", "1,2", "--json", out.toString()),
                "--initial", "3 values", out);
        // series: a folder with one broken spectrum is refused before anything is written
        Path series = Files.createDirectories(dir.resolve("series"));
        Files.copy(good, series.resolve("a.csv"));
        Files.copy(text, series.resolve("b.csv"));
        Path table = dir.resolve("table.csv");
        expectRefusal(CliTest.run("eis", "series", series.toString(), "--circuit", "R0-p(R1,C1)", "--out", table.toString()), "b.csv", "twenty", table);
    }

    private static void expectRefusal(CliTest.Run r, String names, String says, Path notWritten) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(names) && r.err().contains(says), r.err());
        assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), r.err());
        assertTrue(!Files.exists(notWritten), notWritten + " written");
    }

    @Test
    void seriesWithConductivityArrheniusAndReports() throws IOException {
        // a blocking-electrode cell at five temperatures: bulk R from σ(T) with Ea = 0.5 eV, L = 0.01 cm, A = 1 cm²
        Path dir5 = Files.createDirectories(dir.resolve("arrhenius"));
        double ea = 0.5, a = 2e5, thickness = 0.01, area = 1;
        for (int t : new int[] {20, 35, 50, 65, 80}) {
            double k = t + 273.15, sigma = a * Math.exp(-ea / (8.617333262e-5 * k)) / k, r = thickness / (sigma * area);
            assertEquals(0, CliTest.run("eis", "simulate", "--circuit", "R0-p(R1,CPE1)-CPE2", "--parameters", "2," + r + ",1e-9,0.95,1e-6,0.9", "--noise", "0.002",
                    "--seed", String.valueOf(t), "--from-hz", "0.1", "--to-hz", "1e7", "--out", dir5.resolve("llzo_" + t + "C.csv").toString()).code());
        }
        Path json = dir.resolve("series.json"), report = dir.resolve("series.html");
        CliTest.Run r = CliTest.run("eis", "series", dir5.toString(), "--circuit", "R0-p(R1,CPE1)-CPE2", "--conductivity-of", "R1", "--thickness-cm", "0.01",
                "--area-cm2", "1", "--json", json.toString(), "--report", report.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.mapper().readTree(json.toFile());
        JsonNode arr = j.get("arrhenius");
        double fitted = arr.get("activationEnergyEv").asDouble(), u = arr.get("activationEnergyStderrEv").asDouble();
        assertTrue(Math.abs(fitted - ea) <= 3 * u + 1e-4, fitted + " ± " + u);
        assertEquals(20, j.get("temperature_c").get(0).asDouble(), 0, "temperatures from the names, in natural order");
        assertTrue(r.out().contains("Ea ="), r.out());
        assertTrue(Files.readString(report).contains("data:image/png;base64,"));
        Path fitReport = dir.resolve("fit.html");
        assertEquals(0, CliTest.run("eis", "fit", dir5.resolve("llzo_50C.csv").toString(), "--circuit", "R0-p(R1,CPE1)-CPE2", "--report", fitReport.toString()).code());
        String html = Files.readString(fitReport);
        for (String part : new String[] {"Nyquist", "Bode", "lin-KK", "relaxation times", "Correlation"}) assertTrue(html.contains(part), part);
    }
}
