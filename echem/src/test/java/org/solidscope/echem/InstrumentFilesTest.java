package org.solidscope.echem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.InputException;

/** Gamry .DTA and BioLogic .mpt spectra written here in their layouts, told apart by content; one sign convention out. */
class InstrumentFilesTest {
    @TempDir
    Path dir;

    static final double[] F = {100000, 1000, 10}, RE = {10.5, 35.25, 61}, IM = {-1.5, -20.75, -8};

    @Test
    void gamryDtaWithDecimalCommas() throws IOException {
        StringBuilder b = new StringBuilder("EXPLAIN\nTAG\tEISPOT\nTITLE\tLABEL\tPotentiostatic EIS\tTest &Identifier\nAREA\tQUANT\t1,0\tSample &Area (cm^2)\n"
                + "ZCURVE\tTABLE\n\tPt\tTime\tFreq\tZreal\tZimag\tZsig\tZmod\tZphz\n\t#\ts\tHz\tohm\tohm\tV\tohm\t°\n");
        for (int i = 0; i < F.length; i++) {
            b.append('\t').append(i).append('\t').append(i + 1).append('\t').append(String.valueOf(F[i]).replace('.', ',')).append('\t')
                    .append(String.valueOf(RE[i]).replace('.', ',')).append('\t').append(String.valueOf(IM[i]).replace('.', ',')).append("\t1\t1\t1\n");
        }
        b.append("EXPERIMENTABORTED\tTOGGLE\tT\n");
        Path f = Files.writeString(dir.resolve("cell.DTA"), b.toString(), StandardCharsets.ISO_8859_1);
        ImpedanceSpectrum s = InstrumentFiles.read(f);
        assertArrayEquals(F, s.frequencyHz());
        assertArrayEquals(RE, s.zRealOhm());
        assertArrayEquals(IM, s.zImagOhm(), "Gamry's Zimag is already Z''");
        Path cv = Files.writeString(dir.resolve("cv.DTA"), "EXPLAIN\nTAG\tCV\nCURVE\tTABLE\n\tPt\tT\tVf\n", StandardCharsets.ISO_8859_1);
        assertEquals("ZCURVE", assertThrows(InputException.class, () -> InstrumentFiles.read(cv)).field());
    }

    @Test
    void bioLogicMptNegatesBack() throws IOException {
        StringBuilder b = new StringBuilder("EC-Lab ASCII FILE\nNb header lines : 4\n\nfreq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\t|Z|/Ohm\n");
        for (int i = 0; i < F.length; i++) b.append(String.valueOf(F[i]).replace('.', ',')).append('\t').append(RE[i]).append('\t').append(-IM[i]).append("\t1\n");
        Path f = Files.writeString(dir.resolve("cell.mpt"), b.toString(), StandardCharsets.ISO_8859_1);
        ImpedanceSpectrum s = InstrumentFiles.read(f);
        assertArrayEquals(F, s.frequencyHz());
        assertArrayEquals(IM, s.zImagOhm(), 1e-12);
        // the content decides, not the name: the same bytes named .txt read the same
        Path renamed = Files.copy(f, dir.resolve("export.txt"));
        assertArrayEquals(IM, InstrumentFiles.read(renamed).zImagOhm(), 1e-12);
        Path mpr = Files.write(dir.resolve("x.mpr"), "BIO-LOGIC MODULAR FILE\u001a                         ".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("magic", assertThrows(InputException.class, () -> InstrumentFiles.read(mpr)).field(), "too short for an .mpr");
    }
}
