package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.InputException;
import org.solidscope.echem.ImpedanceSpectrum;
import org.solidscope.echem.InstrumentFiles;
import org.solidscope.echem.cycling.CyclerFiles;
import org.solidscope.io.xcs.PixelValues;

/**
 * Every text file of shared/realdata cut at every byte of its last line: each cut copy is either refused with an
 * {@link InputException} naming the file, or read to exactly the numbers of the whole file (a cut that only
 * drops the line end). A number cut mid-way ({@code -26.94} to {@code -26.9}) is still a number, so without the last-row
 * check such copies read as valid with a wrong last value.
 */
class CutLastLineTest {
    @TempDir
    Path dir;

    private static Path real(String relative) {
        Path root = ReaderFuzzTest.realData();
        Assumptions.assumeTrue(root != null && Files.isRegularFile(root.resolve(relative)),
                "shared/realdata/" + relative + " is not here (set SOLIDSCOPE_REALDATA to the folder of public instrument files)");
        return root.resolve(relative);
    }

    /** Cuts {@code file} at every byte of its last line; returns how many cuts were refused. */
    private int everyCut(Path file, Function<Path, double[]> read) throws IOException {
        byte[] whole = Files.readAllBytes(file);
        int end = whole.length;
        while (end > 0 && (whole[end - 1] == '\n' || whole[end - 1] == '\r')) end--;
        int lineStart = end;
        while (lineStart > 0 && whole[lineStart - 1] != '\n') lineStart--;
        double[] reference = read.apply(file);
        int refused = 0;
        for (int cut = lineStart + 1; cut < whole.length; cut++) {
            Path copy = dir.resolve("cut-" + file.getFileName());
            Files.write(copy, Arrays.copyOf(whole, cut));
            try {
                double[] got = read.apply(copy);
                assertArrayEquals(reference, got, file.getFileName() + " cut at byte " + cut + " of " + whole.length
                        + " read as valid with other numbers: '" + new String(whole, lineStart, cut - lineStart) + "'");
            } catch (InputException e) {
                assertTrue(e.getMessage().contains(copy.toString()), e.getMessage());
                refused++;
            }
        }
        return refused;
    }

    private static double[] spectrum(Path f) {
        ImpedanceSpectrum s = InstrumentFiles.read(f);
        double[] all = new double[3 * s.size()];
        for (int i = 0; i < s.size(); i++) {
            all[3 * i] = s.frequencyHz()[i];
            all[3 * i + 1] = s.zRealOhm()[i];
            all[3 * i + 2] = s.zImagOhm()[i];
        }
        return all;
    }

    private static double[] run(Path f) {
        CyclerFiles.Run r = CyclerFiles.readAll(f, null);
        double[] all = new double[3 * r.size()];
        for (int i = 0; i < r.size(); i++) {
            all[3 * i] = r.timeS()[i];
            all[3 * i + 1] = r.voltageV()[i];
            all[3 * i + 2] = r.currentA()[i];
        }
        return all;
    }

    @Test
    void impedanceFilesCutInTheirLastLine() throws IOException {
        List<String> files = List.of("impedance.py/exampleData.csv", "impedance.py/exampleDataAutolab.txt",
                "impedance.py/exampleDataBioLogic.mpt", "impedance.py/exampleDataCHInstruments.txt", "impedance.py/exampleDataGamry.DTA",
                "impedance.py/exampleDataParstat.txt", "impedance.py/exampleDataPowersuite.txt", "impedance.py/exampleDataVersaStudio.par",
                "impedance.py/exampleDataZPlot.z", "impedance.py/exampleDataZPlot_noComments.z", "impedance.py/Circuit1_EIS_1.z",
                "pyDRTtools/data/1ZARC.csv", "pyDRTtools/data/2ZARC1.csv");
        for (String f : files) {
            Path p = real(f);
            int refused = everyCut(p, CutLastLineTest::spectrum);
            // VersaStudio's last line closes its XML trailer: cutting it cuts no number, so nothing there is refused
            assertTrue(refused > 0 || f.endsWith(".par"), f + ": no cut refused");
        }
    }

    @Test
    void cyclerTextFilesCutInTheirLastLine() throws IOException {
        for (String f : List.of("cellpy/maccor_002.txt", "cellpy/neware_uio.csv", "cellpy/pec.csv", "beep/2017-05-09_test-TC-contact_CH33.csv",
                "beep/PreDiag_000229_000229_truncated.034", "beep/PredictionDiagnostics_000151_test.052")) {
            Path p = real(f);
            int refused = everyCut(p, CutLastLineTest::run);
            assertTrue(refused > 0, f + ": no cut refused");
        }
    }

    @Test
    void detectorCalibrationFilesCutInTheirLastLine() throws IOException {
        for (String f : List.of("hexitec/c.txt", "hexitec/m.txt", "hexitec/threshold1.txt")) {
            Path p = real(f);
            int refused = everyCut(p, q -> {
                float[] v = PixelValues.read(q, 160, 480, "intercept");
                double[] d = new double[v.length];
                for (int i = 0; i < v.length; i++) d[i] = v[i];
                return d;
            });
            assertTrue(refused > 0, f + ": no cut refused");
        }
    }

    @Test
    void binaryCyclerFilesCutInsideTheirLastRecord() throws IOException {
        // Neware .nda (version 29: 86-byte records to the end of the file), BioLogic .mpr (modules that state their
        // length), an Arbin .res (an Access database) and a Neware .ndax and an Arbin workbook (zip archives, whose directory
        // sits at the end): each cut within its last 100 bytes is refused or reads to exactly the numbers of the whole file
        for (String f : List.of("navani/test.nda", "navani/jdb11-1_c3_gcpl_5cycles_2V-3p8V_C-24_data_C09.mpr", "navani/arbin_example.res",
                "navani/test.ndax", "navani/bs542_004_gr_li_50ua_50mv_1v_191020_Channel_11.xlsx")) {
            Path p = real(f);
            byte[] whole = Files.readAllBytes(p);
            double[] reference = run(p);
            int refused = 0;
            for (int cut = whole.length - 100; cut < whole.length; cut++) {
                Path copy = dir.resolve("cut-" + p.getFileName());
                Files.write(copy, Arrays.copyOf(whole, cut));
                boolean boundary = f.endsWith(".nda") && cut == whole.length - 86;
                try {
                    double[] got = run(copy);
                    if (boundary) { // between two records: a shorter run, which the format cannot tell from a cut (it keeps no count)
                        assertArrayEquals(Arrays.copyOf(reference, reference.length - 3), got, f + " cut between its last two records");
                    } else {
                        assertArrayEquals(reference, got, f + " cut at byte " + cut + " of " + whole.length + " read as valid with other numbers");
                    }
                } catch (InputException e) {
                    refused++;
                }
            }
            assertTrue(refused == 100 || f.endsWith(".nda") && refused == 99, f + ": " + refused + " of 100 cuts refused");
        }
    }
}
