package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.Json;

/** The record's commands as a user runs them, on an embedded workspace. */
class CatalogCliTest {
    @TempDir
    Path dir;

    @Test
    void ingestQueryReanalyzeExport() throws Exception {
        Path scans = dir.resolve("scans"), ws = dir.resolve("ws");
        assertEquals(0, CliTest.run("ut", "simulate", "--cell", "battery-2", "--out", scans.toString()).code());
        Files.writeString(scans.resolve("broken_formation.csv"), "# pitch_mm: 0.5\n# gain_db: 15\n1,x\n");
        CliTest.Run r = CliTest.run("ingest", scans.toString(), "--lot", "L1", "--workspace", ws.toString());
        assertEquals(2, r.code(), "some scans failed: " + r.out());
        assertTrue(r.err().contains("broken_formation.csv") && r.err().contains("line 3, column 2"), r.err());
        assertTrue(r.out().contains("3 stored"), r.out());
        assertEquals(0, CliTest.run("ingest", scans.resolve("battery-2_formation.csv").toString(), "--lot", "L1", "--workspace", ws.toString()).code());
        CliTest.Run list = CliTest.run("cells", "list", "--lot", "L1", "--json", "--workspace", ws.toString());
        assertEquals(0, list.code(), list.err());
        JsonNode cells = Json.mapper().readTree(list.out());
        assertEquals(1, cells.size());
        assertEquals("battery-2", cells.get(0).get("cell").asText());
        Path show = dir.resolve("show.json");
        assertEquals(0, CliTest.run("cells", "show", "battery-2", "--json", show.toString(), "--workspace", ws.toString()).code());
        JsonNode timeline = Json.mapper().readTree(show.toFile());
        int ms = 0;
        for (JsonNode st : timeline.get("states")) ms += st.get("measurements").size();
        assertEquals(3, ms);
        CliTest.Run text = CliTest.run("cells", "show", "battery-2", "--workspace", ws.toString());
        assertTrue(text.out().contains("infiltration (process)") && text.out().contains("ut.transmitting_fraction"), text.out());
        assertEquals(2, CliTest.run("cells", "show", "nobody", "--workspace", ws.toString()).code());
        CliTest.Run stats = CliTest.run("lot", "stats", "L1", "--workspace", ws.toString());
        assertEquals(0, stats.code());
        assertTrue(stats.out().contains("infiltration: 1 measurements"), stats.out());
        assertEquals(0, CliTest.run("reanalyze", "--lot", "L1", "--workspace", ws.toString()).code());
        // synthetic load-test cells are real records: they list, and re-analyse from their stored scans
        assertEquals(0, CliTest.run("bench", "--populate", "5", "--workspace", ws.toString()).code());
        assertEquals(5, Json.mapper().readTree(CliTest.run("cells", "list", "--lot", "bench-5", "--json", "--workspace", ws.toString()).out()).size());
        CliTest.Run re = CliTest.run("reanalyze", "--lot", "bench-5", "--workspace", ws.toString());
        assertEquals(0, re.code(), re.err());
        assertTrue(re.out().contains("15 measurements"), re.out());
        Path csv = dir.resolve("l1.csv");
        assertEquals(0, CliTest.run("export", "--lot", "L1", "--format", "csv", "--out", csv.toString(), "--workspace", ws.toString()).code());
        assertEquals(4, Files.readAllLines(csv).size());
        assertEquals(2, CliTest.run("export", "--lot", "L1", "--format", "xlsx", "--out", dir.resolve("x").toString(), "--workspace", ws.toString()).code());
        assertTrue(!Files.exists(dir.resolve("x")));
    }
}
