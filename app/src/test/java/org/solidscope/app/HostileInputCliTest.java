package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of the hostile-input corpus ({@code src/test/resources/hostile/README.md}) and the
 * message faults found beside them: the exit code, the message, and what exists afterwards. No case
 * may end in a stack trace, an OutOfMemoryError or a hang.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileInputCliTest {
    @TempDir
    static Path dir;
    static Path scans;

    @BeforeAll
    static void setUp() throws IOException {
        scans = dir.resolve("scans");
        assertEquals(0, CliTest.run("ut", "simulate", "--cell", "battery-3", "--out", scans.toString()).code());
    }

    /** A corpus file copied into a fresh directory of its own (some need a data file beside them). */
    static Path corpus(String name) throws IOException {
        Path d = Files.createTempDirectory(dir, "case");
        try (InputStream in = HostileInputCliTest.class.getResourceAsStream("/hostile/" + name)) {
            if (in == null) throw new IllegalStateException("corpus file missing: " + name);
            Files.copy(in, d.resolve(name));
        }
        return d.resolve(name);
    }

    static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Runs, expects exit 2 with {@code mention} in the message, no stack trace, nothing new in {@code outDir}. */
    static CliTest.Run refused(String mention, Path outDir, String... args) throws IOException {
        List<String> before = names(outDir);
        CliTest.Run r = CliTest.run(args);
        assertEquals(2, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
        assertTrue(r.err().contains(mention), "message should mention '" + mention + "': " + r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception:") || r.err().contains("Error:"), "no stack trace or raw exception: " + r.err());
        assertFalse(r.err().chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t'), "no control characters: " + r.err());
        assertEquals(before, names(outDir), "nothing written");
        return r;
    }

    /** A sparse file of {@code bytes} (no disk used): a size that matches a crafted shape. */
    static Path sparse(Path file, long bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes);
        }
        return file;
    }

    @Test
    void aTiffWhoseDirectoryPointsToItselfIsRefused() throws IOException {
        Path tif = corpus("tiff-ifd-loop.tif");
        refused("a loop", tif.getParent(), "ct", "median", tif.toString(), "--out", tif.resolveSibling("m.npy").toString());
    }

    @Test
    void anHdf5FileWhoseStructuresRunPastItsEndIsRefusedAtOnce() throws IOException {
        Path h5 = corpus("hdf5-structure-past-end.h5");
        refused("HDF5", h5.getParent(), "ct", "median", h5 + ":/entry/data/data", "--out", h5.resolveSibling("m.npy").toString());
    }

    @Test
    void nestedRepeatsInAStackFileAreBounded() throws IOException {
        Path stack = corpus("stack-nested-repeat.json");
        refused("at most 100000 layers", stack.getParent(), "acoustics", "transmission", "--stack", stack.toString(), "--frequency-mhz", "1",
                "--json", stack.resolveSibling("t.json").toString());
    }

    @Test
    void aRawVolumeOfTwentyGigabytesIsRefusedWithTheFigure() throws IOException {
        Path side = corpus("raw-20gb.raw.json");
        Path raw = sparse(side.resolveSibling("raw-20gb.raw"), 2L * 10000 * 1000 * 1000);
        try {
            CliTest.Run r = refused("needs 18.6 GiB", side.getParent(), "ct", "median", raw.toString(), "--out", side.resolveSibling("m.npy").toString());
            assertTrue(r.err().contains("-Xmx"), "says how to raise the limit: " + r.err());
        } finally {
            Files.delete(raw);
        }
    }

    @Test
    void anAscanVolumeOfTwentyGigabytesIsRefusedByGate() throws IOException {
        Path side = corpus("ascan-20gb.raw.json");
        Path raw = sparse(side.resolveSibling("ascan-20gb.raw"), 2L * 100000 * 1000 * 100);
        try {
            refused("needs", side.getParent(), "ut", "gate", raw.toString(), "--gate-us", "1:1", "--out", side.resolveSibling("c.csv").toString());
        } finally {
            Files.delete(raw);
        }
    }

    @Test
    void aPngClaimingSevenGigabytesIsRefusedBeforeDecoding() throws IOException {
        Path png = corpus("png-huge-header.png");
        try (InputStream in = getClass().getResourceAsStream("/hostile/png-huge-header.png.json")) {
            Files.copy(in, png.resolveSibling("png-huge-header.png.json"));
        }
        refused("needs 33.5 GiB", png.getParent(), "ut", "analyze", png.toString(), "--stage", "infiltration");
    }

    @Test
    void randomBytesAsCsvAreNotText() throws IOException {
        Path csv = corpus("random-bytes.csv");
        refused("expected UTF-8 text", csv.getParent(), "ut", "analyze", csv.toString(), "--stage", "infiltration",
                "--json", csv.resolveSibling("a.json").toString());
    }

    @Test
    void aValueBeyondFloat32IsCalledThat() throws IOException {
        Path csv = corpus("huge-value.csv");
        refused("float32 range", csv.getParent(), "ut", "analyze", csv.toString(), "--stage", "infiltration");
    }

    @Test
    void damagedNpyHeadersNameTheirFault() throws IOException {
        Path t = corpus("npy-truncated-header.npy");
        refused("header length", t.getParent(), "ct", "median", t.toString(), "--out", t.resolveSibling("m.npy").toString());
        Path n = corpus("npy-negative-shape.npy");
        refused("sizes ≥ 0", n.getParent(), "ct", "median", n.toString(), "--out", n.resolveSibling("m.npy").toString());
        Path h = corpus("npy-header-4gib.npy");
        refused("header length", h.getParent(), "ct", "median", h.toString(), "--out", h.resolveSibling("m.npy").toString());
    }

    @Test
    void aFloat64VolumeIsCalledFloat64() throws IOException {
        Path f = corpus("float64-volume.npy");
        refused("found float64", f.getParent(), "ct", "median", f.toString(), "--out", f.resolveSibling("m.npy").toString());
    }

    @Test
    void partialAndMisspeltSpecificationsAreRefusedAndChangeNoVerdict() throws IOException {
        Path partial = corpus("spec-partial.json");
        Path scan = scans.resolve("battery-3_infiltration.csv");
        refused("rules: expected", partial.getParent(), "ut", "analyze", scan.toString(), "--stage", "infiltration", "--spec", partial.toString(),
                "--json", partial.resolveSibling("a.json").toString());
        Path typo = corpus("spec-unknown-metric.json");
        refused("transmiting_fraction", typo.getParent(), "ut", "analyze", scan.toString(), "--stage", "infiltration", "--spec", typo.toString());

        // reanalyze with such a file leaves every current verdict of the lot as it was
        Path ws = dir.resolve("ws-spec");
        assertEquals(0, CliTest.run("ingest", scans.toString(), "--lot", "L-spec", "--workspace", ws.toString()).code());
        String before = CliTest.run("cells", "list", "--lot", "L-spec", "--workspace", ws.toString()).out();
        assertTrue(before.contains("FAIL"), "battery-3 fails under the shipped specification: " + before);
        refused("rules: expected", partial.getParent(), "reanalyze", "--lot", "L-spec", "--spec", partial.toString(), "--workspace", ws.toString());
        assertEquals(before, CliTest.run("cells", "list", "--lot", "L-spec", "--workspace", ws.toString()).out());
    }

    @Test
    void aSidecarThatIsNotJsonSaysWhereWithoutParserNotes() throws IOException {
        Path d = Files.createTempDirectory(dir, "npy");
        assertEquals(0, CliTest.run("ut", "simulate", "--cell", "battery-1", "--stage", "formation", "--format", "npy", "--out", d.toString()).code());
        Path npy = d.resolve("battery-1_formation.npy");
        try (InputStream in = getClass().getResourceAsStream("/hostile/bad-sidecar.npy.json")) {
            Files.copy(in, d.resolve("battery-1_formation.npy.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        CliTest.Run r = refused("line 2", d, "ut", "analyze", npy.toString(), "--stage", "formation");
        assertFalse(r.err().contains("REDACTED") || r.err().contains("StreamReadFeature"), r.err());
    }

    @Test
    void aWorkspaceHeldByAnotherProcessNamesItAndTheRemedy() throws Exception {
        Path ws = dir.resolve("ws-held");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HoldWorkspace.class.getName(), ws.toString())
                .redirectErrorStream(true).start();
        try {
            byte[] line = new byte[8];
            assertEquals(8, holder.getInputStream().readNBytes(line, 0, 8), "the holder opened the workspace");
            CliTest.Run r = refused("in use by process " + holder.pid(), dir, "cells", "list", "--workspace", ws.toString());
            assertTrue(r.err().contains("--db"), "names the shared-record remedy: " + r.err());
            assertFalse(r.err().contains("jdbc:h2"), "no raw database URL: " + r.err());
        } finally {
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(0, CliTest.run("cells", "list", "--workspace", ws.toString()).code(), "free again once the holder stopped");
    }

    @Test
    void aCellOfOneLotIsNotFiledUnderAnotherAndStoredBytesKeepTheirIdentity() throws IOException {
        String ws = dir.resolve("ws-lots").toString();
        assertEquals(0, CliTest.run("ingest", scans.resolve("battery-3_infiltration.csv").toString(), "--lot", "L1", "--workspace", ws).code());
        // once stored under L1 and reported as "lot L2: 1 stored"
        CliTest.Run r = CliTest.run("ingest", scans.resolve("battery-3_solidification.csv").toString(), "--lot", "L2", "--workspace", ws);
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("'L1'") && r.err().contains("'L2'"), "both lots named: " + r.err());
        assertTrue(r.out().contains("0 stored"), r.out());
        assertTrue(CliTest.run("cells", "show", "battery-3", "--workspace", ws).out().contains("infiltration"));
        assertFalse(CliTest.run("cells", "show", "battery-3", "--workspace", ws).out().contains("solidification"), "nothing filed");
        // the same bytes offered as another cell: refused, named where they are, nothing stored
        Path copy = Files.createTempDirectory(dir, "copy").resolve("battery-9_infiltration.csv");
        Files.copy(scans.resolve("battery-3_infiltration.csv"), copy);
        r = CliTest.run("ingest", copy.toString(), "--lot", "L1", "--workspace", ws);
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("stored already as cell battery-3"), r.err());
        assertTrue(r.out().contains("1 refused"), r.out());
        assertEquals(2, CliTest.run("cells", "show", "battery-9", "--workspace", ws).code(), "no such cell");
        // a batch with a file whose cell id is 300 characters: that file refused, the ones after it stored
        Path batch = Files.createTempDirectory(dir, "batch");
        Files.copy(scans.resolve("battery-3_formation.csv"), batch.resolve("a_formation.csv"));
        Files.writeString(batch.resolve("a_formation.csv.json"), "{\"cell_id\": \"" + "c".repeat(300) + "\"}");
        Files.copy(scans.resolve("battery-3_solidification.csv"), batch.resolve("b-7_solidification.csv"));
        r = CliTest.run("ingest", batch.toString(), "--lot", "L3", "--workspace", ws);
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("cell") && r.err().contains("300"), r.err());
        assertTrue(r.out().contains("1 stored"), r.out());
        assertEquals(0, CliTest.run("cells", "show", "b-7", "--workspace", ws).code());
    }

    @Test
    void aMistypedWorkspaceIsNotCreated() throws IOException {
        Path typo = dir.resolve("solidscope-wrok");
        refused("no record in", dir, "cells", "list", "--workspace", typo.toString());
        assertFalse(Files.exists(typo));
        refused("no record in", dir, "export", "--lot", "L", "--out", dir.resolve("x.csv").toString(), "--workspace", typo.toString());
    }

    @Test
    void optionsOutsideTheirDomainAreRefused() throws IOException {
        refused("--porosity", dir, "ct", "phantom", "--porosity", "2", "--out", dir.resolve("p.npy").toString());
        refused("--frequency-mhz", dir, "acoustics", "transmission", "--frequency-mhz", "1e300");
    }

    @Test
    void exportTakesItsFormatFromTheNameOrRefusesAContradiction() throws IOException {
        Path ws = dir.resolve("ws-export");
        assertEquals(0, CliTest.run("ingest", scans.resolve("battery-3_infiltration.csv").toString(), "--lot", "L-x", "--workspace", ws.toString()).code());
        Path pq = dir.resolve("k.parquet");
        assertEquals(0, CliTest.run("export", "--lot", "L-x", "--out", pq.toString(), "--workspace", ws.toString()).code());
        byte[] b = Files.readAllBytes(pq);
        assertEquals("PAR1", new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII), "a .parquet name gets Parquet");
        refused("'.parquet'", dir, "export", "--lot", "L-x", "--format", "csv", "--out", dir.resolve("c.parquet").toString(), "--workspace", ws.toString());
    }

    @Test
    void aWriteFailureSaysWhy() throws IOException {
        Path blocker = Files.writeString(dir.resolve("blocker"), "x");
        CliTest.Run r = CliTest.run("ut", "analyze", scans.resolve("battery-3_formation.csv").toString(), "--stage", "formation",
                "--json", blocker.resolve("a.json").toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("is a file where a directory is needed"), r.err());
    }
}
