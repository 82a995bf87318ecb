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
}
