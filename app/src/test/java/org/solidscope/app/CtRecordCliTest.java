package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.Json;

/** CT volumes into the record from the command line: ingest with bad files among good ones, and ct pipeline --store. */
class CtRecordCliTest {
    @TempDir
    Path dir;

    Path phantom(Path out, String voxelJson) throws Exception {
        assertEquals(0, CliTest.run("ct", "phantom", "--kind", "cell", "--size", "32", "--amplitude", "2", "--out", out.toString()).code());
        if (voxelJson != null) Files.writeString(out.resolveSibling(out.getFileName() + ".json"), voxelJson);
        return out;
    }

    @Test
    void badVolumesAreNamedWithTheirFieldAndTheGoodOnesGoIn() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in")), ws = dir.resolve("ws");
        phantom(in.resolve("c1_pristine.npy"), "{\"voxel_um\": 0.65}");
        phantom(in.resolve("volume.npy"), "{\"voxel_um\": 0.65}");                       // no cell id anywhere
        phantom(in.resolve("c2_half_charged.npy"), "{\"voxel_um\": 0.65}");              // no such state
        Files.write(in.resolve("c3_pristine.raw"), new byte[32 * 32 * 31 * 2]);          // truncated
        Files.writeString(in.resolve("c3_pristine.raw.json"), "{\"shape\": [32, 32, 32], \"dtype\": \"uint16\", \"voxel_um\": 0.65}");
        CliTest.Run r = CliTest.run("ingest", in.toString(), "--lot", "L-ct", "--workspace", ws.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("1 stored") && r.out().contains("3 failed"), r.out());
        assertTrue(r.err().contains("volume.npy: cell_id: expected"), r.err());
        assertTrue(r.err().contains("c2_half_charged.npy: state: expected") && r.err().contains("'charged'"), r.err());
        assertTrue(r.err().contains("c3_pristine.raw") && r.err().contains("shape"), r.err());
        JsonNode cells = Json.mapper().readTree(CliTest.run("cells", "list", "--lot", "L-ct", "--json", "--workspace", ws.toString()).out());
        assertEquals(1, cells.size());
        assertEquals("c1", cells.get(0).get("cell").asText());
        // the array store holds the good volume and its five arrays, nothing of the failed ones
        long blobs;
        try (var w = Files.walk(ws.resolve("arrays"))) {
            blobs = w.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().length() == 64).count();
        }
        assertEquals(6, blobs);
    }

    @Test
    void ctPipelineStoresItsRunAndRefusesAStateThatDoesNotExistBeforeComputing() throws Exception {
        Path v = phantom(dir.resolve("section.npy"), "{\"voxel_um\": 0.65, \"cell_id\": \"B-7\"}"), ws = dir.resolve("ws");
        CliTest.Run bad = CliTest.run("ct", "pipeline", v.toString(), "--out-dir", dir.resolve("rep0").toString(), "--store", "--lot", "L2", "--state",
                "sometime", "--workspace", ws.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("state") && bad.err().contains("'sometime'"), bad.err());
        assertTrue(!Files.exists(dir.resolve("rep0").resolve("report.html")), "nothing computed or written");
        CliTest.Run ok = CliTest.run("ct", "pipeline", v.toString(), "--out-dir", dir.resolve("rep").toString(), "--store", "--lot", "L2", "--state",
                "cycle_10", "--workspace", ws.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("record: stored, cell B-7, state cycle_10"), ok.out());
        JsonNode pipeline = Json.mapper().readTree(dir.resolve("rep").resolve("pipeline.json").toFile());
        Path tl = dir.resolve("tl.json");
        assertEquals(0, CliTest.run("cells", "show", "B-7", "--json", tl.toString(), "--workspace", ws.toString()).code());
        JsonNode m = Json.mapper().readTree(tl.toFile()).get("states").get(0).get("measurements").get(0);
        assertEquals("ct", m.get("modality").asText());
        assertEquals(pipeline.get("ra_um").asDouble(), m.get("metrics").get("ct.ra_um").get("value").asDouble(), 0, "the record holds what the run wrote");
        CliTest.Run again = CliTest.run("ct", "pipeline", v.toString(), "--out-dir", dir.resolve("rep2").toString(), "--store", "--lot", "L2", "--state",
                "cycle_10", "--workspace", ws.toString());
        assertTrue(again.out().contains("record: already_present"), again.out());
    }
}
