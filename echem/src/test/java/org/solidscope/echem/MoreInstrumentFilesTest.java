package org.solidscope.echem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.InputException;

/**
 * Every further reader on a file written here in its instrument's layout, values read back exactly
 * (float32 formats: exactly as float32), metadata where the format carries it, and broken files refused.
 */
class MoreInstrumentFilesTest {
    @TempDir
    Path dir;

    static final double[] F = {100000, 1000, 10, 0.5}, RE = {10.5, 35.25, 61, 70.125}, IM = {-1.5, -20.75, -8, -3.25};

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.ISO_8859_1);
    }

    private static void assertPoints(ImpedanceSpectrum s) {
        assertArrayEquals(F, s.frequencyHz());
        assertArrayEquals(RE, s.zRealOhm());
        assertArrayEquals(IM, s.zImagOhm());
    }

    @Test
    void zPlotWithHeader() throws IOException {
        StringBuilder b = new StringBuilder("ZPLOT2 ASCII\n  Measured Data, ZPlot:       3.2c\n  Date:                       10-12-2018\n"
                + "  Begin Experiment:           0\n    Potential-AC:             10\n  End Experiment:             0\n"
                + "    Surface Area:             0.785\n  Freq(Hz)\tAmpl\tBias\tTime(Sec)\tZ'(a)\tZ''(b)\tGD\tErr\tRange\nEnd Comments\n");
        for (int i = 0; i < F.length; i++) b.append(String.format("%.6E\t1.0000E-02\t0.0000E+00\t%d\t%s\t%s\t0\t0\t4%n", F[i], i, RE[i], IM[i]));
        ImpedanceSpectrum s = InstrumentFiles.read(write("cell.z", b.toString()));
        assertPoints(s);
        assertEquals("10-12-2018", s.metadata().get("date"));
        assertEquals("10", s.metadata().get("amplitude_mv"));
        assertEquals("0.785", s.metadata().get("area_cm2"));
    }

    @Test
    void zPlotWindowsAndAutolabStyle() throws IOException {
        for (String title : new String[] {"ZPlotW Data File: Version 3.2c", "Z60W Data File: Version 1.1"}) {
            StringBuilder b = new StringBuilder("\"" + title + "\"\n\"\"\n\"\"\n0,2,0,1,0.1,10000\n" + F.length + "\n"
                    + "\"  Freq(Hz)    Ampl     Bias   Time(Sec)   Z'(a)    Z''(b)    GD   Err   Range\"\n");
            for (int i = 0; i < F.length; i++) b.append(F[i]).append(", 0.01, 0, ").append(i).append(", ").append(RE[i]).append(", ").append(IM[i]).append(", 0, 0, 5\n");
            assertPoints(InstrumentFiles.read(write("export.txt", b.toString())));
        }
    }

    @Test
    void chInstruments() throws IOException {
        StringBuilder b = new StringBuilder("Feb. 20, 2020   15:55:08\nA.C. Impedance\nFile: run.bin\nData Source:  Experiment\nInstrument Model:  CHI660E\n\n"
                + "Init E (V) = 0\nAmplitude (V) = 0.025\n\nFreq/Hz, Z'/ohm, Z\"/ohm, Z/ohm, Phase/deg\n\n");
        for (int i = 0; i < F.length; i++) b.append(F[i]).append(", ").append(RE[i]).append(", ").append(IM[i]).append(", 1, -1\n");
        ImpedanceSpectrum s = InstrumentFiles.read(write("chi.txt", b.toString()));
        assertPoints(s);
        assertEquals(25.0, Double.parseDouble(s.metadata().get("amplitude_mv")), 1e-12);
    }

    @Test
    void versaStudioPar() throws IOException {
        StringBuilder b = new StringBuilder("<Application>\nName=VersaStudio\n</Application>\n<Segment1>\nType=2\nVersion=3\n"
                + "Definition=Segment #, Point #, E(V), I(A), Elapsed Time(s), ADC Sync Input(V), Current Range, Status, E Applied(V), Frequency(Hz), E Real, E Imag, I Real, I Imag, Z Real, Z Imag, AC Amplitude\n");
        for (int i = 0; i < F.length; i++) b.append("0,").append(i).append(",0,0,1,0,5,53,0,").append(F[i]).append(",0,0,0,0,").append(RE[i]).append(',').append(IM[i]).append(",0.02\n");
        b.append("</Segment1>\n");
        assertPoints(InstrumentFiles.read(write("run.par", b.toString())));
    }

    @Test
    void parstatAndPowerSuiteTables() throws IOException {
        StringBuilder p = new StringBuilder("Potential (V)\tCurrent (A)\tElapsed Time (s)\tFrequency (Hz)\tZre (ohms)\tZim (ohms)\t|Vac| (V)\t\n");
        p.append("3.49\t-0.15\t10\t0\t0\t0\t0\t\n"); // a chronoamperometry row of the same run: no frequency
        for (int i = 0; i < F.length; i++) p.append("3.5\t0\t").append(20 + i).append('\t').append(F[i]).append('\t').append(RE[i]).append('\t').append(IM[i]).append("\t0.01\t\n");
        assertPoints(InstrumentFiles.read(write("parstat.txt", p.toString())));
        StringBuilder w = new StringBuilder("Frequency\t Zre\t Zimg\n");
        for (int i = 0; i < F.length; i++) w.append(F[i]).append("\t ").append(RE[i]).append("\t ").append(IM[i]).append('\n');
        assertPoints(InstrumentFiles.read(write("powersuite.txt", w.toString())));
    }

    @Test
    void headerlessCsvIsFrequencyRealImaginary() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < F.length; i++) b.append(F[i]).append(',').append(RE[i]).append(',').append(IM[i]).append('\n');
        ImpedanceSpectrum s = InstrumentFiles.read(write("plain.csv", b.toString()));
        assertPoints(s);
        assertTrue(s.metadata().get("format").contains("without header"));
    }

    /** Writes an .mpr the way EC-Lab lays it out: magic, a settings module, a data module of the given version. */
    static byte[] mpr(int version, boolean wideIds, boolean newHeader, int[] ids, float[][] values, int truncateBy) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(String.format("%-48s", BioLogicMpr.MAGIC).getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[4]);
        module(out, "VMP Set", "Potentio EIS", 0, newHeader, new byte[20]);
        int n = values.length;
        int start = version == 2 ? 405 : version == 3 ? 406 : wideIds ? 1007 : 100;
        int record = 1 + 4 * (ids.length - 1); // one flags byte (id 1), then float32 columns
        ByteBuffer d = ByteBuffer.allocate(start + n * record).order(ByteOrder.LITTLE_ENDIAN);
        d.putInt(0, n);
        d.put(4, (byte) ids.length);
        for (int k = 0; k < ids.length; k++) {
            if (version == 0 && !wideIds) d.put(5 + k, (byte) ids[k]);
            else if (version == 0) { d.put(5 + 2 * k, (byte) (ids[k] >> 8)); d.put(6 + 2 * k, (byte) ids[k]); }
            else d.putShort(5 + 2 * k, (short) ids[k]);
        }
        for (int i = 0; i < n; i++) {
            int at = start + i * record;
            d.put(at, (byte) 2); // mode 2 in the flags byte
            for (int k = 1; k < ids.length; k++) d.putFloat(at + 1 + 4 * (k - 1), values[i][k - 1]);
        }
        byte[] body = Arrays.copyOf(d.array(), d.capacity());
        module(out, "VMP data", "Potentio EIS", version, newHeader, body);
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, all.length - truncateBy);
    }

    private static void module(ByteArrayOutputStream out, String shortName, String longName, int version, boolean newHeader, byte[] body) {
        ByteBuffer h = ByteBuffer.allocate(newHeader ? 59 : 51).order(ByteOrder.LITTLE_ENDIAN);
        h.put(String.format("%-10s", shortName).getBytes(StandardCharsets.ISO_8859_1));
        h.put(String.format("%-25s", longName).getBytes(StandardCharsets.ISO_8859_1));
        if (newHeader) h.putInt(-1);
        h.putInt(body.length).putInt(version);
        if (newHeader) h.putInt(11);
        h.put("07/31/26".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes("MODULE".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(h.array());
        out.writeBytes(body);
    }

    static float[][] table() {
        float[][] v = new float[F.length][];
        for (int i = 0; i < F.length; i++) v[i] = new float[] {(float) F[i], (float) RE[i], (float) -IM[i], 1.5f};
        return v;
    }

    @Test
    void bioLogicMprInEveryDataLayout() throws IOException {
        int[] ids = {1, 32, 37, 38, 6};
        for (int[] layout : new int[][] {{0, 0, 0}, {0, 1, 1}, {2, 0, 0}, {3, 0, 1}}) {
            byte[] b = mpr(layout[0], layout[1] == 1, layout[2] == 1, ids, table(), 0);
            ImpedanceSpectrum s = InstrumentFiles.read(Files.write(dir.resolve("peis" + layout[0] + layout[1] + ".mpr"), b));
            assertPoints(s); // every value here is exact in float32
            assertEquals("07/31/26", s.metadata().get("date"));
            BioLogicMpr.Data d = BioLogicMpr.read("x", b);
            assertArrayEquals(new double[] {2, 2, 2, 2}, d.columns().get("mode"));
            assertArrayEquals(new double[] {1.5, 1.5, 1.5, 1.5}, d.columns().get("Ewe/V"));
        }
    }

    @Test
    void theProjectsOwnMprReadsBack() throws IOException {
        ImpedanceSpectrum s = new ImpedanceSpectrum(F, RE, IM, "x");
        ImpedanceSpectrum back = InstrumentFiles.read(Files.write(dir.resolve("own.mpr"), BioLogicMpr.write(s, "11/29/26")));
        assertPoints(back);
        assertEquals("11/29/26", back.metadata().get("date"));
        assertEquals("3", back.metadata().get("data_module_version"));
    }

    @Test
    void brokenMprFilesAreRefusedWithTheReason() throws IOException {
        Path unknown = Files.write(dir.resolve("unknown.mpr"), mpr(2, false, false, new int[] {1, 32, 37, 38, 250}, table(), 0));
        InputException e = assertThrows(InputException.class, () -> InstrumentFiles.read(unknown));
        assertTrue(e.field().contains("column id 250"), e.getMessage());
        Path truncated = Files.write(dir.resolve("cut.mpr"), mpr(2, false, false, new int[] {1, 32, 37, 38, 6}, table(), 7));
        assertTrue(assertThrows(InputException.class, () -> InstrumentFiles.read(truncated)).getMessage().contains("truncated"));
        Path version = Files.write(dir.resolve("v9.mpr"), mpr(2, false, false, new int[] {1, 32, 37, 38, 6}, table(), 0));
        byte[] b = Files.readAllBytes(version);
        int at = new String(b, StandardCharsets.ISO_8859_1).lastIndexOf("VMP data") + 10 + 25 + 4;
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, 9);
        Files.write(version, b);
        assertTrue(assertThrows(InputException.class, () -> InstrumentFiles.read(version)).field().contains("version"));
        Path cycling = Files.write(dir.resolve("gcpl.mpr"), mpr(2, false, false, new int[] {1, 6, 8, 26, 27}, table(), 0));
        assertEquals("columns", assertThrows(InputException.class, () -> InstrumentFiles.read(cycling)).field());
    }

    @Test
    void truncatedGamryIsRefused() throws IOException {
        Path f = write("cut.DTA", "EXPLAIN\nTAG\tEISPOT\nZCURVE\tTABLE\n\tPt\tTime\tFreq\tZreal\tZimag\n\t#\ts\tHz\tohm\tohm\n");
        assertTrue(assertThrows(InputException.class, () -> InstrumentFiles.read(f)).getMessage().contains("truncated"));
    }
}
