package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a sidecar says is not ignored: a lot that disagrees with --lot is refused, and a spectra cube whose sidecar lacks its
 * kind is refused as a spectra cube, not taken for a CT volume.
 */
class IngestSidecarsCliTest {
    @TempDir Path dir;

    @Test
    void sidecarsAreHeard() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path rate = in.resolve("cellA_formation.csv");
        CliTest.run("cycling", "simulate", "--preset", "seed004-rate", "--out", rate.toString());
        Files.writeString(in.resolve("cellA_formation.csv.json"), "{\"lot\": \"Q9\"}");
        // an XCS cube's sidecar without "kind"
        CliTest.Run sim = CliTest.run("xcs", "simulate", "--kind", "cube", "--rows", "8", "--cols", "8", "--states", "pristine", "--out", dir.resolve("xcs").toString());
        Path cube;
        try (var s = Files.list(dir.resolve("xcs"))) {
            cube = s.filter(p -> p.getFileName().toString().endsWith(".npy") && !p.getFileName().toString().contains("truth")).findFirst().orElseThrow();
        }
        {
            String side = Files.readString(cube.resolveSibling(cube.getFileName() + ".json")).replaceAll("\"kind\"\\s*:\\s*\"spectra\"\\s*,?", "");
            Files.copy(cube, in.resolve("cellB_pristine.npy"));
            Files.writeString(in.resolve("cellB_pristine.npy.json"), side.replace(",}", "}").replace(",\n}", "\n}"));
        }
        CliTest.Run r = CliTest.run("ingest", in.toString(), "--workspace", dir.resolve("ws").toString(), "--lot", "Q1");
        String all = r.out() + r.err();
        assertTrue(r.code() != 0, all);
        assertTrue(all.contains("cellA_formation.csv.json") && all.contains("'Q9'"), all);
        assertTrue(all.contains("cellB_pristine.npy.json") && all.contains("kind"), sim.out() + all);
        assertTrue(all.contains("0 stored"), all);
    }

    @Test
    void messagesEscapeWhatTheyQuoteAndNameEveryModality() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in2"));
        Path rate = in.resolve("cellC_formation.csv");
        CliTest.run("cycling", "simulate", "--preset", "seed004-rate", "--out", rate.toString());
        Files.writeString(in.resolve("cellC_formation.csv.json"), "{\"cell_id\": \"bad\\u0000id\\nsecond line\"}");
        Files.write(in.resolve("junk_formation.bin"), new byte[] {0x13, 0x37, 0, 1, 2, 3});
        CliTest.Run r = CliTest.run("ingest", in.toString(), "--workspace", dir.resolve("ws2").toString(), "--lot", "Q1");
        String all = r.out() + r.err();
        assertTrue(all.contains("\\u0000") && all.contains("\\u000a") && all.indexOf(0) < 0, all);
        r = CliTest.run("ingest", in.resolve("junk_formation.bin").toString(), "--workspace", dir.resolve("ws2").toString(), "--lot", "Q1");
        all = r.out() + r.err();
        assertTrue(all.contains("junk_formation.bin") && all.contains("cycling") && all.contains("eis") && all.contains("xcs"), all);
    }
}
