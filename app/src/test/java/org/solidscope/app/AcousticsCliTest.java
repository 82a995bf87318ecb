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

class AcousticsCliTest {
    @TempDir
    Path dir;

    Path stack(String name, String layers) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, "{\"stack_version\": 1, \"coupling\": \"water\", \"layers\": [" + layers + "]}");
        return f;
    }

    @Test
    void badStackFilesExitTwoNamingTheField() throws IOException {
        Path out = dir.resolve("out");
        CliTest.assertBadInput(out, "layers[1].material", "acoustics", "transmission", "--frequency-mhz", "1", "--json", out.resolve("t.json").toString(),
                "--stack", stack("unknown.json", "{\"material\": \"aluminium\", \"thickness_um\": 10}, {\"material\": \"unobtainium\", \"thickness_um\": 5}").toString());
        CliTest.assertBadInput(out, "thickness_um", "acoustics", "transmission", "--frequency-mhz", "1", "--json", out.resolve("t.json").toString(),
                "--stack", stack("negative.json", "{\"material\": \"aluminium\", \"thickness_um\": -10}").toString());
        CliTest.assertBadInput(out, "'thickness' without µm", "acoustics", "transmission", "--frequency-mhz", "1", "--json", out.resolve("t.json").toString(),
                "--stack", stack("units.json", "{\"material\": \"aluminium\", \"thickness\": 10}").toString());
        CliTest.assertBadInput(out, "speed_m_s", "acoustics", "sweep", "--over", "gap", "--from", "0.01", "--to", "1", "--out", out.resolve("s.csv").toString(),
                "--stack", stack("explicit.json", "{\"density_kg_m3\": 1200, \"speed\": 1500, \"thickness_um\": 10}").toString());
        CliTest.assertBadInput(out, "porosity", "acoustics", "plan", "--json", out.resolve("p.json").toString(),
                "--stack", stack("porous.json", "{\"porous\": {\"skeleton\": \"cathode_solid\", \"porosity\": 1.5}, \"thickness_um\": 10}").toString());
        CliTest.assertBadInput(out, "--frequency-mhz", "acoustics", "transmission", "--frequency-mhz", "0", "--json", out.resolve("t.json").toString());
    }

    @Test
    void transmissionSweepAndPlanWriteTheirOutputs() throws IOException {
        Path j = dir.resolve("t.json");
        assertEquals(0, CliTest.run("acoustics", "transmission", "--frequency-mhz", "1", "--gap-um", "1", "--json", j.toString()).code());
        JsonNode t = Json.mapper().readTree(j.toFile());
        assertEquals(49, t.get("layers").asInt());
        assertTrue(t.get("results").get(1).get("amplitude_t").asDouble() < 0.01 * t.get("results").get(0).get("amplitude_t").asDouble() * 10);
        Path csv = dir.resolve("g.csv"), png = dir.resolve("g.png");
        assertEquals(0, CliTest.run("acoustics", "sweep", "--over", "gap", "--from", "0.001", "--to", "10", "--points", "50",
                "--out", csv.toString(), "--plot", png.toString()).code());
        assertEquals(53, Files.readAllLines(csv).size());
        assertTrue(Files.size(png) > 1000);
        Path p = dir.resolve("p.json");
        assertEquals(0, CliTest.run("acoustics", "plan", "--gain-db", "40", "--gap-um", "1", "--json", p.toString()).code());
        assertTrue(Json.mapper().readTree(p.toFile()).get("invertible").asBoolean());
    }

    @Test
    void gapMapOfASimulatedCell() throws IOException {
        Path sims = dir.resolve("sims");
        assertEquals(0, CliTest.run("ut", "simulate", "--cell", "battery-2", "--stage", "infiltration", "--out", sims.toString()).code());
        assertEquals(0, CliTest.run("ut", "simulate", "--cell", "battery-2", "--stage", "solidification", "--gain-db", "40", "--out", sims.toString()).code());
        Path j = dir.resolve("gap.json"), fig = dir.resolve("gap.png"), map = dir.resolve("gap.npy");
        CliTest.Run r = CliTest.run("ut", "gap-map", "--infiltrated", sims.resolve("battery-2_infiltration.csv").toString(),
                "--solidified", sims.resolve("battery-2_solidification_40db.csv").toString(), "--out", map.toString(), "--json", j.toString(),
                "--figure", fig.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode g = Json.mapper().readTree(j.toFile());
        assertTrue(g.get("points").get("ok").asInt() > 1000, g.toString());
        assertTrue(g.get("points").get("below_noise").asInt() > 1000, "battery-2's 2.5 µm centre gap is beyond the 40 dB range");
        assertTrue(Files.exists(map) && Files.size(fig) > 1000);
    }
}
