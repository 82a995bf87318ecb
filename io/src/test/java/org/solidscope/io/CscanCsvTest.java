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
}
