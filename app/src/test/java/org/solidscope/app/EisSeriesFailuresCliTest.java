package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A series in which one spectrum cannot be fitted by the circuit: its row says why and carries no numbers (none of the
 * spectrum before it), the others are fitted, and the exit says that something failed.
 */
class EisSeriesFailuresCliTest {
    @TempDir Path dir;

    @Test
    void aFailedSpectrumHasItsOwnRowWithoutAnotherOnesNumbers() throws IOException {
        Path series = Files.createDirectories(dir.resolve("series"));
        for (String[] k : new String[][] {{"s1.csv", "10,100,1e-5"}, {"s2.csv", "10,120,1e-5"}, {"s4.csv", "10,140,1e-5"}}) {
            assertEquals(0, CliTest.run("eis", "simulate", "--circuit", "R0-p(R1,C1)", "--parameters", k[1], "--out", series.resolve(k[0]).toString()).code());
        }
        // an inductor's spectrum: no R-RC circuit comes within 10 % of it
        assertEquals(0, CliTest.run("eis", "simulate", "--circuit", "R0-L1", "--parameters", "1,1e-3", "--out", series.resolve("s3.csv").toString()).code());
        Path table = dir.resolve("fits.csv");
        CliTest.Run r = CliTest.run("eis", "series", series.toString(), "--circuit", "R0-p(R1,C1)", "--out", table.toString());
        assertEquals(1, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("1 failed") && r.out().contains("failed: s3.csv: no usable fit"), r.out());
        List<String> rows = Files.readAllLines(table);
        assertEquals(5, rows.size(), "a header and every file's row: " + rows);
        String s3 = rows.stream().filter(l -> l.startsWith("s3.csv")).findFirst().orElseThrow();
        assertTrue(s3.startsWith("s3.csv,,,,,,,,") && s3.contains("no usable fit"), s3);
        for (String l : rows.subList(1, rows.size())) {
            if (!l.startsWith("s3.csv")) assertTrue(l.split(",")[1].length() > 0 && !l.contains("no usable fit"), l);
        }
    }

    @Test
    void kkOverAFolderReportsEveryFileAndGoesOnPastABadOne() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("kk"));
        for (String[] k : new String[][] {{"a.csv", "10,100,1e-5"}, {"c.csv", "10,140,1e-5"}}) {
            assertEquals(0, CliTest.run("eis", "simulate", "--circuit", "R0-p(R1,C1)", "--parameters", k[1], "--out", folder.resolve(k[0]).toString()).code());
        }
        Files.writeString(folder.resolve("b.csv"), "frequency_hz,z_real_ohm,z_imag_ohm\n1000,10,-1\n100,11,-2\n");
        Path table = dir.resolve("kk.csv");
        CliTest.Run r = CliTest.run("eis", "kk", folder.toString(), "--out", table.toString());
        assertEquals(1, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("failed: b.csv") && r.out().contains("1 of 3 spectra failed"), r.out());
        List<String> rows = Files.readAllLines(table);
        assertEquals(4, rows.size(), rows.toString());
        assertTrue(rows.get(2).startsWith("b.csv,,,,") && rows.get(1).startsWith("a.csv,") && rows.get(3).startsWith("c.csv,"), rows.toString());
        assertTrue(rows.get(3).split(",")[1].length() > 0, "the file after the bad one is tested: " + rows);
    }

    @Test
    void devicesDirectoriesAndHostileCircuitsAreRefusedAtOnce() {
        long t0 = System.nanoTime();
        CliTest.Run r = CliTest.run("eis", "read", "/dev/urandom");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("/dev/urandom") && r.err().contains("not a regular file"), r.err());
        r = CliTest.run("eis", "read", dir.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("a directory"), r.err());
        r = CliTest.run("cycling", "summary", dir.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("a directory"), r.err());
        r = CliTest.run("eis", "simulate", "--circuit", "p(".repeat(1000) + "R0,R1" + ")".repeat(1000), "--parameters", "1,1", "--out", dir.resolve("x.csv").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("deep"), r.err());
        assertTrue((System.nanoTime() - t0) / 1e9 < 20, "at once");
    }
}
