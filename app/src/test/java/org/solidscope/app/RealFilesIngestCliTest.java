package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every family of real instrument files reaches the record through ingest, told apart by content whatever the extension. */
class RealFilesIngestCliTest {
    @TempDir Path dir;

    @Test
    void everyFamilyIsStored() throws IOException {
        Path root = ReaderFuzzTest.realData();
        Assumptions.assumeTrue(root != null && Files.isDirectory(root.resolve("navani")), "shared/realdata is not here");
        String[][] files = {{"beep/PreDiag_000229_000229_truncated.034", "c1_formation.034"}, {"navani/test.nda", "c2_formation.nda"},
            {"navani/arbin_example.res", "c3_formation.res"}, {"navani/test.ndax", "c4_formation.ndax"}, {"cellpy/maccor_002.txt", "c5_formation.txt"},
            {"navani/jdb11-1_c3_gcpl_5cycles_2V-3p8V_C-24_data_C09.mpr", "c6_formation.mpr"}, {"cellpy/neware_uio.csv", "c7_formation.csv"},
            {"cellpy/pec.csv", "c8_formation.csv"}, {"beep/2017-05-09_test-TC-contact_CH33.csv", "c9_formation.csv"},
            {"pyDRTtools/data/1ZARC.csv", "c10_formation.csv"}};
        Path in = Files.createDirectories(dir.resolve("in"));
        for (String[] f : files) {
            Assumptions.assumeTrue(Files.isRegularFile(root.resolve(f[0])), f[0]);
            Files.copy(root.resolve(f[0]), in.resolve(f[1]));
        }
        CliTest.Run r = CliTest.run("ingest", in.toString(), "--workspace", dir.resolve("ws").toString(), "--lot", "real");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains(files.length + " stored") && r.out().contains("0 failed"), r.out());
    }
}
