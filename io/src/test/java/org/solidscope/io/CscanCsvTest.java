package org.solidscope.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.InputException;
import org.solidscope.core.ScalarMap;

class CscanCsvTest {
    @TempDir
    Path dir;

    @Test
    void readsHeaderAndRowsWithGeometry() throws IOException {
        Path f = dir.resolve("a.csv");
        Files.writeString(f, "# pitch_mm: 0.5\n# gain_db: 30\n1,2,3\n4,5,6\n");
        CscanGrid g = CscanCsv.read(f);
        assertEquals(3, g.amplitude().width());
        assertEquals(2, g.amplitude().height());
        assertEquals(0.5, g.amplitude().geometry().pitchMm());
        assertEquals(30, g.gainDb());
        assertEquals(CscanGrid.PERCENT_FSH, g.amplitudeUnit());
        assertEquals(100, g.fullScale());
        assertEquals(6f, g.amplitude().get(2, 1));
        assertEquals(1.0, g.amplitude().geometry().xMm(2)); // x_mm = column × pitch
    }

    @Test
    void roundTrip() {
        float[] v = {0.5f, 99.9f, 12.25f, 3f, 4f, 5f};
        ScalarMap m = new ScalarMap(new GridGeometry(3, 2, 0.25), "percent_fsh", v);
        Path f = dir.resolve("r.csv");
        CscanCsv.write(f, m, 15, "percent_fsh", 100);
        CscanGrid g = CscanCsv.read(f);
        assertArrayEquals(v, g.amplitude().values());
        assertEquals(15, g.gainDb());
        assertEquals(0.25, g.amplitude().geometry().pitchMm());
    }

    private InputException bad(String text) throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, text);
        InputException e = assertThrows(InputException.class, () -> CscanCsv.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), "names the file: " + e.getMessage());
        return e;
    }

    @Test
    void nonNumericCellNamesLineAndColumn() throws IOException {
        InputException e = bad("# pitch_mm: 0.5\n# gain_db: 15\n1,2,3\n4,abc,6\n");
        assertEquals("line 4, column 2", e.field());
        assertEquals("'abc'", e.found());
    }

    @Test
    void nanIsRejected() throws IOException {
        assertEquals("line 3, column 1", bad("# pitch_mm: 0.5\n# gain_db: 15\nNaN,2\n").field());
    }

    @Test
    void zeroAndNegativePitchAreRejected() throws IOException {
        assertEquals("pitch_mm", bad("# pitch_mm: 0\n# gain_db: 15\n1,2\n").field());
        assertEquals("pitch_mm", bad("# pitch_mm: -0.5\n# gain_db: 15\n1,2\n").field());
        assertEquals("pitch_mm", bad("# gain_db: 15\n1,2\n").field());
        assertEquals("pitch_mm", bad("# pitch_mm: half\n# gain_db: 15\n1,2\n").field());
    }

    @Test
    void raggedRowsAndMissingGainAreRejected() throws IOException {
        assertEquals("line 4", bad("# pitch_mm: 0.5\n# gain_db: 15\n1,2\n1,2,3\n").field());
        assertEquals("gain_db", bad("# pitch_mm: 0.5\n1,2\n").field());
        assertEquals("data", bad("# pitch_mm: 0.5\n# gain_db: 1\n").field());
    }

    /**
     * The plain reader gives the general reader's grid, float for float, or leaves the file to it: numbers at the edges of
     * the float fast path (7 and 8 digits, 10 and 11 decimals, 2^24), random decimals, CRLF, blank lines, comments, and
     * the layouts only the general reader takes (spaces in cells, exponents, a header after data, ragged rows).
     */
    @Test
    void thePlainReaderReadsAsTheGeneralReaderOrLeavesTheFileToIt() throws IOException {
        java.util.Random rnd = new java.util.Random(7);
        StringBuilder many = new StringBuilder("# pitch_mm: 0.5\r\n# gain_db: 15\r\n# a comment\r\n\r\n");
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 30; x++) {
                if (x > 0) many.append(',');
                double v = (rnd.nextDouble() - 0.3) * Math.pow(10, rnd.nextInt(9) - 2);
                many.append(switch (rnd.nextInt(4)) {
                    case 0 -> String.format(java.util.Locale.ROOT, "%.1f", v);
                    case 1 -> String.format(java.util.Locale.ROOT, "%.4f", v);
                    case 2 -> Double.toString(v).contains("E") ? "7" : Double.toString(v); // up to 17 digits
                    default -> Long.toString(Math.round(v));
                });
            }
            many.append(y % 7 == 3 ? "\r\n\r\n" : "\n");
        }
        String head = "# pitch_mm: 0.5\n# gain_db: 15\n";
        String[] plain = {many.toString(), head + "16777215,16777216,16777217,-0,.5,100.,1234567.8\n1.0000000001,0.12345678901,99999999,3.4e0x\n",
            head + "1,2,3\n4,5,6", head + "0.1,0.2,0.3\n1e3,2,3\n", head + "1, 2,3\n4,5,6\n", head + "1,2,3\n# gain_db: 9\n4,5,6\n",
            head + "1,2,3\n4,5\n", head + "1,2,3\n4,5,6,7\n", head + "1,,3\n", head + "+1,2\n", head + "1e39,2\n"};
        int taken = 0;
        for (String text : plain) {
            Path f = dir.resolve("p.csv");
            Files.writeString(f, text);
            CscanGrid fast = CscanCsv.readPlain(f.toString(), f, Files.readAllBytes(f));
            CscanGrid general;
            try {
                general = CscanCsv.readGeneral(f.toString(), f);
            } catch (InputException e) {
                assertEquals(null, fast, "the general reader refuses: " + e.getMessage());
                continue;
            }
            if (fast == null) continue;
            taken++;
            assertArrayEquals(general.amplitude().values(), fast.amplitude().values(), text);
            assertEquals(general.amplitude().geometry(), fast.amplitude().geometry());
            assertEquals(general.gainDb(), fast.gainDb());
        }
        assertTrue(taken >= 2, taken + " files read by the plain reader");
    }
}
