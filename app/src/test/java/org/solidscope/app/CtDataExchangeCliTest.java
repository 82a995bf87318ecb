package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.Json;
import org.solidscope.io.Npy;

/**
 * TomoPy's real tooth projections in the Data Exchange layout (shared/realdata/tomopy/tooth.h5) reconstructed from the file
 * alone: its flats, darks and angles are taken from the same file, and the slice equals the one made with each given
 * explicitly.
 */
class CtDataExchangeCliTest {
    @TempDir Path dir;

    @Test
    void toothFromItsOwnFile() throws IOException {
        Path root = ReaderFuzzTest.realData();
        Assumptions.assumeTrue(root != null && Files.isRegularFile(root.resolve("tomopy/tooth.h5")), "shared/realdata/tomopy is not here");
        String h5 = root.resolve("tomopy/tooth.h5").toString();
        Path a = dir.resolve("a.npy"), b = dir.resolve("b.npy"), ja = dir.resolve("a.json");
        CliTest.Run r = CliTest.run("ct", "reconstruct", h5, "--out", a.toString(), "--json", ja.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("181 angles from /exchange/theta") && r.out().contains("/exchange/data_white"), r.out());
        JsonNode j = Json.mapper().readTree(ja.toFile());
        assertEquals("/exchange/theta", j.get("angles_from").asText());
        assertEquals(295.83, j.get("centre").asDouble(), 0.05, "the centre the realdata README gives");
        assertEquals(0, j.get("clipped_pixels").asInt(), "flats and darks applied");
        // the same with every part named: flats, darks, and the even angles that /exchange/theta holds (0 … 179.0055°)
        r = CliTest.run("ct", "reconstruct", h5 + ":/exchange/data", "--flat", h5 + ":/exchange/data_white", "--dark", h5 + ":/exchange/data_dark",
                "--range", "180", "--out", b.toString());
        assertEquals(0, r.code(), r.err());
        int[] shape = new int[3];
        float[][] va = Npy.readVolumeF32(a, shape), vb = Npy.readVolumeF32(b, new int[3]);
        double worst = 0, scale = 0;
        for (int z = 0; z < va.length; z++) {
            for (int i = 0; i < va[z].length; i++) {
                worst = Math.max(worst, Math.abs(va[z][i] - vb[z][i]));
                scale = Math.max(scale, Math.abs(vb[z][i]));
            }
        }
        assertTrue(worst <= 1e-4 * scale, "slices agree: " + worst + " of " + scale);
    }
}
