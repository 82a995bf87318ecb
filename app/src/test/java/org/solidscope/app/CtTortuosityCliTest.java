package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.Json;
import org.solidscope.io.Npy;
import org.solidscope.io.VolumeIO;

class CtTortuosityCliTest {
    @TempDir Path dir;

    @Test
    void channelsAlongZAndNothingAcross() throws Exception {
        int n = 12;
        byte[][] s = new byte[n][n * n];
        for (int z = 0; z < n; z++) for (int y = 2; y < 5; y++) for (int x = 3; x < 7; x++) s[z][y * n + x] = 2; // label 2
        Path in = dir.resolve("labels.npy"), j = dir.resolve("t.json"), flux = dir.resolve("flux.tif");
        Npy.writeVolume(in, n, n, n, s);
        assertEquals(0, CliTest.run("ct", "tortuosity", in.toString(), "--phase", "2", "--axis", "all", "--flux-out", flux.toString(), "--json", j.toString()).code());
        JsonNode r = Json.mapper().readTree(j.toFile()).get("results");
        assertEquals(1.0, r.get(0).get("tau").asDouble(), 1e-3, "along z");
        assertEquals(12.0 / 144, r.get(0).get("d_eff_over_d").asDouble(), 1e-4);
        assertFalse(r.get(1).get("percolates").asBoolean(), "along y");
        assertEquals(0, r.get(2).get("d_eff").asDouble(), 0);
        float[][] f = (float[][]) VolumeIO.read(flux.toString()).slices();
        assertEquals(1.0 / n, f[5][3 * n + 4], 1e-4, "unit concentration drop over n voxels");
        assertEquals(0, f[5][0], 0);
    }

    @Test
    void emptyPhaseAndBadAxis() throws Exception {
        Npy.writeVolume(dir.resolve("zero.npy"), 4, 4, 4, new byte[4][16]);
        String z = dir.resolve("zero.npy").toString();
        CliTest.assertBadInput(dir.resolve("o1"), "empty phase", "ct", "tortuosity", z, "--json", dir.resolve("o1/t.json").toString());
        CliTest.assertBadInput(dir.resolve("o2"), "--axis", "ct", "tortuosity", z, "--axis", "w", "--json", dir.resolve("o2/t.json").toString());
    }
}
