package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs never land on the record: an export, a summary or a report aimed at a workspace's database or at a blob of its
 * array store (directly or through a symbolic link) is refused with exit 2 and the workspace is unchanged; an output that
 * names an existing directory is refused; a blob damaged behind the record's back is not taken for an identical earlier
 * run.
 */
class RecordOutputsCliTest {
    @TempDir Path dir;

    private static byte[] bytes(Path p) throws IOException {
        return Files.readAllBytes(p);
    }

    @Test
    void outputsAimedAtTheRecordAreRefused() throws IOException {
        Path ws = dir.resolve("ws"), rate = dir.resolve("cellA_formation.csv");
        assertEquals(0, CliTest.run("cycling", "simulate", "--preset", "seed004-rate", "--out", rate.toString()).code());
        CliTest.Run in = CliTest.run("ingest", rate.toString(), "--workspace", ws.toString(), "--lot", "Q1");
        assertEquals(0, in.code(), in.err() + in.out());
        Path db = ws.resolve("catalog.mv.db");
        Path blob;
        try (Stream<Path> s = Files.walk(ws.resolve("arrays"))) {
            blob = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().matches("[0-9a-f]{64}")).findFirst().orElseThrow();
        }
        byte[] dbBefore = bytes(db), blobBefore = bytes(blob);
        Path link = Files.createSymbolicLink(dir.resolve("innocent.csv"), blob);
        String[][] calls = {
            {"export", "--workspace", ws.toString(), "--lot", "Q1", "--out", db.toString(), "--format", "csv"},
            {"cycling", "summary", rate.toString(), "--csv", blob.toString()},
            {"cycling", "summary", rate.toString(), "--json", link.toString()},
            {"cycling", "summary", rate.toString(), "--json", dir.toString()},
        };
        for (String[] c : calls) {
            CliTest.Run r = CliTest.run(c);
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err() + r.out());
            assertTrue(r.err().contains("output"), r.err());
        }
        assertArrayEquals(dbBefore, bytes(db), "the database is unchanged");
        assertArrayEquals(blobBefore, bytes(blob), "the blob is unchanged");
        CliTest.Run list = CliTest.run("cells", "list", "--workspace", ws.toString(), "--lot", "Q1");
        assertEquals(0, list.code(), list.err());
        // a blob changed behind the record's back: reanalysis names it instead of trusting the earlier run
        Files.write(blob, new byte[] {1, 2, 3});
        CliTest.Run re = CliTest.run("reanalyze", "--workspace", ws.toString(), "--lot", "Q1");
        assertTrue(re.code() != 0, re.out());
        assertTrue((re.err() + re.out()).contains("corrupt") || (re.err() + re.out()).contains("reads as"), re.err() + re.out());
        // storing the same file again repairs the blob
        assertEquals(0, CliTest.run("ingest", rate.toString(), "--workspace", ws.toString(), "--lot", "Q1").code());
        assertArrayEquals(blobBefore, bytes(blob), "the blob is whole again");
    }
}
