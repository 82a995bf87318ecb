package org.solidscope.echem.cycling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.InputException;

/** Seed 004's figures recovered from simulated runs; integration against the instrument's columns; cycles found without indices; refusals. */
class CyclingTest {
    @TempDir
    Path dir;

    @Test
    void seed004RateTestIsRecovered() {
        Path f = dir.resolve("rate.csv");
        CyclingSimulator.write(CyclingSimulator.seed004Rate(), f);
        CyclerFiles.Summary s = CyclerFiles.summarise(f, null, 1e-9);
        assertEquals("Arbin", s.vendor());
        List<CycleSummary.Cycle> c = s.result().cycles();
        assertEquals(12, c.size());
        double mass = CyclingSimulator.SEED_MASS_MG / 1000; // g
        assertEquals(170.3, c.get(0).dischargeCapacityMah() / mass, 0.005 * 170.3, "0.07 C");
        assertEquals(134.2, c.get(9).dischargeCapacityMah() / mass, 0.005 * 134.2, "1 C");
        assertEquals(3.29, c.get(0).dischargeCapacityMah(), 0.005 * 3.29, "mAh/cm² on 1 cm²");
        assertEquals(0.999, c.get(0).coulombicEfficiency(), 1e-5);
        // ohmic drops at each rate: the jump into every current step, grouped by current
        double[] rates = {0.07, 0.2, 0.5, 1}, drops = {10, 30, 70, 140};
        for (int k = 0; k < rates.length; k++) {
            double iA = rates[k] * CyclingSimulator.SEED_1C_MA / 1000;
            double mean = s.result().ohmicDrops().stream().filter(d -> Math.abs(Math.abs(d.currentA()) - iA) < 1e-6).mapToDouble(CycleSummary.OhmicDrop::dropMv)
                    .average().orElseThrow();
            assertEquals(drops[k], mean, 2, rates[k] + " C");
        }
        // capacities by integration equal the instrument's own columns
        for (CycleSummary.Cycle x : c) {
            assertEquals(x.instrumentChargeCapacityMah(), x.chargeCapacityMah(), 1e-5 * x.chargeCapacityMah(), "cycle " + x.cycle());
            assertEquals(x.instrumentDischargeCapacityMah(), x.dischargeCapacityMah(), 1e-5 * x.dischargeCapacityMah(), "cycle " + x.cycle());
        }
    }

    @Test
    void seed004RetentionAfter200Cycles() {
        Path f = dir.resolve("life.csv");
        CyclingSimulator.write(CyclingSimulator.seed004Life(), f);
        CycleSummary.Result r = CyclerFiles.summarise(f, null, 1e-9).result();
        assertEquals(200, r.cycles().size());
        assertEquals(0.90, r.retention(200), 0.005);
    }

    @Test
    void cyclesAreFoundWithoutIndicesAsTheFileNumbersThem() throws IOException {
        Path f = dir.resolve("rate.csv");
        CyclingSimulator.write(CyclingSimulator.seed004Rate(), f);
        // the same rows without Step_Index and Cycle_Index, as a plain export would have them
        List<String> lines = Files.readAllLines(f);
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            String[] p = l.split(",");
            b.append(p[0]).append(',').append(p[1]).append(',').append(p[4]).append(',').append(p[5]).append('\n');
        }
        Path plain = Files.writeString(dir.resolve("plain.csv"), b.toString());
        List<CycleSummary.Cycle> withIdx = CyclerFiles.summarise(f, null, 1e-9).result().cycles();
        List<CycleSummary.Cycle> found = CyclerFiles.summarise(plain, null, 1e-9).result().cycles();
        assertEquals(withIdx.size(), found.size());
        for (int k = 0; k < found.size(); k++) {
            assertEquals(withIdx.get(k).cycle(), found.get(k).cycle());
            assertEquals(withIdx.get(k).dischargeCapacityMah(), found.get(k).dischargeCapacityMah(), 1e-6 * withIdx.get(k).dischargeCapacityMah());
        }
    }

    @Test
    void vendorHeadersAndMappings() throws IOException {
        // Maccor-style tab export with a preamble, Neware-style with mA, and a mapped custom CSV: one cycle each, same answer
        String maccor = "Today's Date 11/29/2026\nFilename: run.001\nRec#\tCyc#\tStep\tTestTime(s)\tAmps\tVolts\n"
                + "1\t1\t1\t0\t0\t3.5\n1\t1\t1\t9.999\t0\t3.5\n2\t1\t2\t10\t0.001\t3.6\n3\t1\t2\t3610\t0.001\t4.1\n4\t1\t3\t3620\t-0.001\t4.0\n5\t1\t3\t7220\t-0.001\t3.4\n";
        String neware = "Record ID,Cycle ID,Step ID,Total Time(s),Current(mA),Voltage(V)\n1,1,1,0,0,3.5\n1,1,1,9.999,0,3.5\n2,1,2,10,1,3.6\n3,1,2,3610,1,4.1\n4,1,3,3620,-1,4.0\n5,1,3,7220,-1,3.4\n";
        String custom = "t [h];U;I\n0;3.5;0\n0.0027775;3.5;0\n0.0027777777777777779;3.6;1\n1.0027777777777778;4.1;1\n1.0055555555555556;4.0;-1\n2.0055555555555556;3.4;-1\n";
        for (Object[] k : new Object[][] {{"maccor.txt", maccor, null}, {"neware.csv", neware, null}, {"custom.csv", custom, "time=t [h],voltage=U,current=I[mA]"}}) {
            Path f = Files.writeString(dir.resolve((String) k[0]), (String) k[1]);
            CycleSummary.Cycle c = CyclerFiles.summarise(f, (String) k[2], 1e-9).result().cycles().get(0);
            assertEquals(1.0, c.chargeCapacityMah(), 1e-6, (String) k[0]);
            assertEquals(1.0, c.dischargeCapacityMah(), 1e-6, (String) k[0]);
        }
        // the same Neware table with plain numbers under a time column without a unit: seconds or minutes cannot be told
        Path plain = Files.writeString(dir.resolve("plain.csv"), neware.replace("Total Time(s)", "Total Time"));
        InputException e = assertThrows(InputException.class, () -> CyclerFiles.summarise(plain, null, 1e-9));
        assertTrue(e.field().contains("'Total Time' unit") && e.getMessage().contains("--columns 'time=Total Time[min]'"), e.getMessage());
        assertEquals(1.0, CyclerFiles.summarise(plain, "time=Total Time[s]", 1e-9).result().cycles().get(0).chargeCapacityMah(), 1e-6);
    }

    @Test
    void badFilesAreRefusedNamingLineAndField() throws IOException {
        Path cols = Files.writeString(dir.resolve("cols.csv"), "a,b,c\n1,2,3\n");
        assertEquals("columns", assertThrows(InputException.class, () -> CyclerFiles.summarise(cols, null, 1e-9)).field());
        Path unit = Files.writeString(dir.resolve("unit.csv"), "Test_Time(s),Voltage(V),Current\n0,3.5,0\n");
        assertEquals("current unit", assertThrows(InputException.class, () -> CyclerFiles.summarise(unit, null, 1e-9)).field());
        Path back = Files.writeString(dir.resolve("back.csv"), "Test_Time(s),Voltage(V),Current(A)\n0,3.5,0\n10,3.6,0.001\n5,3.7,0.001\n");
        InputException e = assertThrows(InputException.class, () -> CyclerFiles.summarise(back, null, 1e-9));
        assertTrue(e.field().contains("row 4") && e.field().contains("time"), e.getMessage());
        Path text = Files.writeString(dir.resolve("text.csv"), "Test_Time(s),Voltage(V),Current(A)\n0,3.5,0\n10,high,0.001\n");
        assertTrue(assertThrows(InputException.class, () -> CyclerFiles.summarise(text, null, 1e-9)).field().contains("row 3"));
    }

    @Test
    void fastNumbersEqualJavasParser() {
        Random r = new Random(3);
        int[] end = new int[1];
        for (int k = 0; k < 200_000; k++) {
            double v = switch (k % 4) {
                case 0 -> r.nextDouble() * 1e4;
                case 1 -> -r.nextDouble() * 1e-3;
                case 2 -> r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20);
                default -> Math.round(r.nextDouble() * 1e9) / 1e6;
            };
            String s = k % 3 == 0 ? Double.toString(v) : String.format(java.util.Locale.ROOT, "%." + (k % 13) + "f", v);
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            // alone, and as a field followed by a separator and more
            assertEquals(Double.parseDouble(s), FastNumbers.field(b, 0, b.length, (byte) ',', end), 0, s);
            assertEquals(b.length, end[0]);
            byte[] row = (s + ",7\n").getBytes(StandardCharsets.US_ASCII);
            assertEquals(Double.parseDouble(s), FastNumbers.field(row, 0, row.length, (byte) ',', end), 0, s);
            assertEquals(s.length(), end[0]);
        }
        // 16 to 19 significant digits and exponents far from 0 (the Eisel–Lemire path), halfway cases, extremes
        for (int k = 0; k < 300_000; k++) {
            String s = switch (k % 6) {
                case 0 -> Double.toString(r.nextDouble() * 10); // 16–17 digits, as Arbin's exports write float64
                case 1 -> Double.toString(Double.longBitsToDouble(r.nextLong() & 0x7FEFFFFFFFFFFFFFL)); // any magnitude
                case 2 -> String.format(java.util.Locale.ROOT, "%.18f", r.nextDouble());
                case 3 -> (1 + r.nextInt(9)) + String.valueOf(Math.abs(r.nextLong() % 1_000_000_000_000_000L)) + "e" + (r.nextInt(600) - 320);
                case 4 -> java.math.BigDecimal.valueOf(Math.ulp(1.0) * r.nextInt(1 << 20)).add(java.math.BigDecimal.ONE)
                        .add(java.math.BigDecimal.valueOf(Math.ulp(1.0) / 2)).toPlainString(); // near halfway between doubles
                default -> "9007199254740993" + "e" + (r.nextInt(40) - 20); // 2^53 + 1: a tie
            };
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            assertEquals(Double.doubleToLongBits(Double.parseDouble(s)), Double.doubleToLongBits(FastNumbers.field(b, 0, b.length, (byte) ',', end)), s);
            assertEquals(Double.doubleToLongBits(Double.parseDouble(s)), Double.doubleToLongBits(FastNumbers.general(b, 0, b.length)), s);
        }
        byte[] junk = "1.2.3".getBytes(StandardCharsets.US_ASCII);
        assertTrue(Double.isNaN(FastNumbers.field(junk, 0, junk.length, (byte) ',', end)));
    }

    @Test
    void blocksOfAnySizeGiveTheSameRowsAndLineNumbers() throws IOException {
        // lines of varied length, CRLF and LF, blank lines and a last line without its line feed
        Random r = new Random(9);
        StringBuilder b = new StringBuilder("# preamble\nTest_Time(s),Voltage(V),Current(A),Cycle_Index\n");
        for (int k = 0; k < 300; k++) {
            b.append(k * 1.5).append(',').append(3 + r.nextInt(100_000) / 1e5).append(',').append(r.nextBoolean() ? "0.001" : "-0.00100000000").append(',')
                    .append(1 + k / 50).append(k % 7 == 0 ? "\r\n" : "\n");
            if (k % 41 == 0) b.append('\n');
        }
        b.append("450,3.3,0,7");
        Path f = Files.writeString(dir.resolve("seams.csv"), b.toString());
        List<double[]> whole = new java.util.ArrayList<>();
        CyclerFiles.read(f, null, (t, v, i, c, qc, qd, where) -> whole.add(new double[] {t, v, i, c, where}));
        assertEquals(301, whole.size());
        for (int block : new int[] {1, 2, 3, 7, 16, 33, 64, 100, 257, 1000}) {
            List<double[]> cut = new java.util.ArrayList<>();
            CyclerFiles.read(f, null, (t, v, i, c, qc, qd, where) -> cut.add(new double[] {t, v, i, c, where}), block);
            assertEquals(whole.size(), cut.size(), "block " + block);
            for (int k = 0; k < whole.size(); k++) assertTrue(java.util.Arrays.equals(whole.get(k), cut.get(k)), "block " + block + ", row " + k);
        }
    }

    @Test
    void skippingEightBytesAtATimeFindsWhatAByteLoopFinds() {
        Random r = new Random(5);
        byte[] alphabet = ",\n;\t0123456789.-e\u0080\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        for (int k = 0; k < 20_000; k++) {
            byte[] b = new byte[r.nextInt(40)];
            for (int q = 0; q < b.length; q++) b[q] = r.nextInt(4) == 0 ? alphabet[r.nextInt(alphabet.length)] : (byte) r.nextInt(256);
            int from = b.length == 0 ? 0 : r.nextInt(b.length + 1);
            for (byte sep : new byte[] {',', ';', '\t'}) {
                int naive = from;
                while (naive < b.length && b[naive] != sep && b[naive] != '\n') naive++;
                assertEquals(naive, FastNumbers.skip(b, from, b.length, sep));
            }
            int lf = from;
            while (lf < b.length && b[lf] != '\n') lf++;
            assertEquals(lf, FastNumbers.lineEnd(b, from, b.length));
        }
    }

    @Test
    void differentialCapacityKeepsTheCapacityAndPeaksWhereTheCurveIsFlattest() {
        Path f = dir.resolve("rate.csv");
        CyclingSimulator.write(CyclingSimulator.seed004Rate(), f);
        List<DifferentialCapacity.Segment> segs = DifferentialCapacity.of(CyclerFiles.readAll(f, null), 0.005, 1e-9);
        assertEquals(24, segs.size(), "12 cycles, a charge and a discharge each");
        List<CycleSummary.Cycle> cycles = CyclerFiles.summarise(f, null, 1e-9).result().cycles();
        for (int k = 0; k < segs.size(); k++) {
            DifferentialCapacity.Segment s = segs.get(k);
            double area = 0;
            for (double d : s.dqdvMahPerV()) area += d * s.binV();
            double q = s.charging() ? cycles.get(k / 2).chargeCapacityMah() : cycles.get(k / 2).dischargeCapacityMah();
            assertEquals(q, area, 1e-6 * q, "∫ dQ/dV dV = Q, segment " + s.index());
        }
        // the open-circuit curve is flattest (dV/dx smallest) at one state of charge: the discharge peak sits there, shifted by −I·R
        double best = Double.POSITIVE_INFINITY, xBest = 0;
        for (double x = 0.01; x < 0.99; x += 1e-4) {
            double slope = CyclingSimulator.ocv(x + 1e-5, 3.0, 4.3) - CyclingSimulator.ocv(x - 1e-5, 3.0, 4.3);
            if (slope < best) { best = slope; xBest = x; }
        }
        double expected = CyclingSimulator.ocv(xBest, 3.0, 4.3) - 0.010; // 0.07 C: 10 mV of ohmic drop
        DifferentialCapacity.Segment d1 = segs.get(1);
        assertEquals(1, d1.peaksV().length, java.util.Arrays.toString(d1.peaksV()));
        assertEquals(expected, d1.peaksV()[0], 0.0075, "peak within a bin and a half");
    }

    /** A BioLogic GCPL .mpr as EC-Lab lays it out (data module version 2): flags, time/s (f8), Ewe/V (f4), I/mA (f4), cycle number (f8). */
    static byte[] gcplMpr(double[] t, float[] v, float[] iMa, double[] cycle) {
        int[] ids = {1, 4, 6, 8, 24};
        int n = t.length, start = 405, record = 1 + 8 + 4 + 4 + 8;
        java.nio.ByteBuffer d = java.nio.ByteBuffer.allocate(start + n * record).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        d.putInt(0, n);
        d.put(4, (byte) ids.length);
        for (int k = 0; k < ids.length; k++) d.putShort(5 + 2 * k, (short) ids[k]);
        for (int r = 0; r < n; r++) {
            int at = start + r * record;
            d.put(at, (byte) 1);
            d.putDouble(at + 1, t[r]).putFloat(at + 9, v[r]).putFloat(at + 13, iMa[r]).putDouble(at + 17, cycle[r]);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(String.format("%-48s", "BIO-LOGIC MODULAR FILE\u001a").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[4]);
        for (Object[] m : new Object[][] {{"VMP Set", 0, new byte[16]}, {"VMP data", 2, d.array()}}) {
            byte[] body = (byte[]) m[2];
            java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(57).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            h.put("MODULE".getBytes(StandardCharsets.ISO_8859_1)).put(String.format("%-10s", m[0]).getBytes(StandardCharsets.ISO_8859_1))
                    .put(String.format("%-25s", "Galvanostatic Cycling").getBytes(StandardCharsets.ISO_8859_1)).putInt(body.length).putInt((Integer) m[1])
                    .put("11/29/26".getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(h.array());
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    @Test
    void aGalvanostaticMprReadsBackItsCyclesExactly() throws IOException {
        // two cycles of 1 mA for an hour each way, 10 s apart at step changes (exact in float32 and float64)
        int per = 13;
        double[] t = new double[4 * per], cyc = new double[4 * per];
        float[] v = new float[4 * per], i = new float[4 * per];
        int r = 0;
        double now = 0;
        for (int c = 0; c < 2; c++) {
            for (int half = 0; half < 2; half++) {
                for (int k = 0; k < per; k++) {
                    t[r] = now + k * 300.0;
                    v[r] = half == 0 ? 3.5f + 0.0625f * k : 4.25f - 0.0625f * k;
                    i[r] = k == 0 ? 0f : half == 0 ? 1f : -1f;
                    cyc[r] = c;
                    r++;
                }
                now += 12 * 300.0;
            }
        }
        Path f = Files.write(dir.resolve("gcpl.mpr"), gcplMpr(t, v, i, cyc));
        CyclerFiles.Summary s = CyclerFiles.summarise(f, null, 1e-9);
        assertEquals("BioLogic mpr", s.vendor());
        assertEquals(2, s.result().cycles().size());
        for (CycleSummary.Cycle c : s.result().cycles()) {
            // the first rest row of each half is at rest: 11 intervals of 300 s at 1 mA plus half of the first = 3450 s
            assertEquals(3450 / 3600.0, c.chargeCapacityMah(), 1e-12, "cycle " + c.cycle());
            assertEquals(3450 / 3600.0, c.dischargeCapacityMah(), 1e-12, "cycle " + c.cycle());
        }
        CyclerFiles.Run run = CyclerFiles.readAll(f, null);
        for (int k = 0; k < t.length; k++) {
            assertEquals(t[k], run.timeS()[k], 0);
            assertEquals(v[k], run.voltageV()[k], 0);
            assertEquals(i[k] * 1e-3, run.currentA()[k], 1e-15);
        }
    }
}
