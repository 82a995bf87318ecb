package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.Json;
import org.solidscope.io.Npy;

class CtPipelineCliTest {
    @TempDir Path dir;

    /** A cell phantom with a sin·sin interface of amplitude A: Ra = 4A/π², Rq = A/2 (the opening rounds it a little). */
    @Test
    void pipelineOnACellPhantom() throws Exception {
        Path v = dir.resolve("cell.npy"), out = dir.resolve("rep");
        CliTest.Run ph = CliTest.run("ct", "phantom", "--kind", "cell", "--size", "64", "--amplitude", "3", "--out", v.toString());
        assertEquals(0, ph.code());
        assertTrue(ph.out().startsWith("wrote " + v + ": uint16 [64, 64, 64]"), "ct phantom prints through the writer it is given: " + ph.out());
        CliTest.Run run = CliTest.run("ct", "pipeline", v.toString(), "--voxel-um", "2", "--ball", "1", "--out-dir", out.toString());
        assertEquals(0, run.code());
        JsonNode j = Json.mapper().readTree(out.resolve("pipeline.json").toFile());
        assertTrue(run.out().contains(String.format(java.util.Locale.ROOT, "Ra %.3f µm", j.get("ra_um").asDouble())), run.out());
        double a = 3 * 2.0; // µm
        assertEquals(4 * a / (Math.PI * Math.PI), j.get("ra_um").asDouble(), 0.1 * 4 * a / (Math.PI * Math.PI));
        assertEquals(a / 2, j.get("rq_um").asDouble(), 0.1 * a / 2);
        for (String f : new String[] {"report.html", "height.png", "height.npy", "slice_xy.png", "slice_xz.png"}) assertTrue(Files.size(out.resolve(f)) > 0, f);
    }

    /** Li needles on the interface: the anode's volume, needles included, is the phantom's own. */
    @Test
    void anodeVolumeWithDendritesIsThePhantoms() throws Exception {
        Path v = dir.resolve("dendrites.npy"), out = dir.resolve("rep2");
        assertEquals(0, CliTest.run("ct", "phantom", "--kind", "cell", "--size", "64", "--amplitude", "2", "--dendrites", "6", "--out", v.toString()).code());
        assertEquals(0, CliTest.run("ct", "pipeline", v.toString(), "--voxel-um", "1", "--out-dir", out.toString()).code());
        JsonNode j = Json.mapper().readTree(out.resolve("pipeline.json").toFile());
        long truth = org.solidscope.tomo.Phantoms.cellAnodeVoxels(64, 64, 64, 2, 6, 1), plain = org.solidscope.tomo.Phantoms.cellAnodeVoxels(64, 64, 64, 2, 0, 1);
        assertTrue(truth > plain * 1.01, "the needles add " + (truth - plain) + " voxels");
        // measured +0.7 %: the grey opening with ball(3) darkens bright gaps narrower than the ball (at the needles' feet)
        assertEquals(truth, j.get("anode_voxels").asDouble(), 0.015 * truth, "anode with its needles");
        // the column-volume rule counts the needles as the roughness they are: Rq rises above the plain A/2
        assertTrue(j.get("rq_um").asDouble() > 1.5 * 2 / 2.0, "Rq " + j.get("rq_um").asDouble());
    }

    @Test
    void refusesAFloatVolume() throws Exception {
        Npy.writeVolume(dir.resolve("f.npy"), 4, 4, 4, new float[4][16]);
        CliTest.assertBadInput(dir.resolve("o1"), "uint16", "ct", "pipeline", dir.resolve("f.npy").toString(), "--voxel-um", "1", "--out-dir", dir.resolve("o1/r").toString());
    }
}
