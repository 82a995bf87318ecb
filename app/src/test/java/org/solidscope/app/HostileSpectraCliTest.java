package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spectra no instrument gives — |Z| of 10³⁰⁰ or 10⁻³⁰⁰ Ω, 61 points at one frequency — are refused by every command with the
 * file and the field named and no Java exception's words (they had ended in "matrix is singular" and exit 1), and ingest
 * names the file and stores nothing.
 */
class HostileSpectraCliTest {
    @TempDir Path dir;

    private Path spectrum(String name, double scale, boolean oneFrequency) throws IOException {
        StringBuilder b = new StringBuilder("frequency_hz,z_real_ohm,z_imag_ohm\n");
        for (int i = 0; i < 61; i++) {
            double f = oneFrequency ? 1000 : Math.pow(10, 5 - i * 0.12);
            b.append(f).append(',').append(10 * scale).append(',').append(-scale * (1 + i % 7)).append('\n');
        }
        return Files.writeString(dir.resolve(name), b.toString());
    }

    @Test
    void refusedEverywhereNamingFileAndField() throws IOException {
        Path huge = spectrum("cellH_formation.csv", 1e300, false), tiny = spectrum("cellT_formation.csv", 1e-300, false),
                one = spectrum("cellO_formation.csv", 1, true);
        Path out = dir.resolve("out.json");
        for (Path f : new Path[] {huge, tiny, one}) {
            for (String[] c : new String[][] {{"eis", "fit", f.toString(), "--circuit", "R0-p(R1,C1)", "--json", out.toString()},
                    {"eis", "kk", f.toString(), "--json", out.toString()}, {"eis", "drt", f.toString(), "--json", out.toString()}}) {
                CliTest.Run r = CliTest.run(c);
                assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
                assertTrue(r.err().contains(f.getFileName().toString()) && (r.err().contains("|Z|") || r.err().contains("distinct frequencies")), r.err());
                assertFalse(r.err().contains("Exception") || r.err().contains("singular"), r.err());
                assertFalse(Files.exists(out));
            }
        }
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.copy(huge, in.resolve(huge.getFileName()));
        CliTest.Run r = CliTest.run("ingest", in.toString(), "--workspace", dir.resolve("ws").toString(), "--lot", "L");
        assertTrue(r.code() != 0, r.out());
        assertTrue((r.out() + r.err()).contains("cellH_formation.csv") && (r.out() + r.err()).contains("|Z|"), r.out() + r.err());
        assertTrue((r.out() + r.err()).contains("0 stored"), r.out());
    }
}
