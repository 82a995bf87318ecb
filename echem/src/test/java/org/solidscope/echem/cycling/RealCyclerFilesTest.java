package org.solidscope.echem.cycling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.solidscope.echem.BioLogicMpr;
import org.solidscope.echem.RealData;

/**
 * Cycler files recorded by real instruments ({@code shared/realdata}: cellpy's, navani's and BEEP's test data), read and
 * summarised. Each file's per-cycle capacities are checked against the file's own capacity columns, read here by a plain
 * split of each line (independent of the reader under test): per-step counters (Maccor's {@code Amp-hr}, Neware's
 * {@code Chg. Cap.}) as the sum of each step's last value, per-cycle counters (PEC, Arbin) as the cycle's largest value,
 * BioLogic's per-half-cycle {@code Q charge/discharge} as each half cycle's last value. The integrated capacity (∫|I|dt)
 * is checked within 1 % where the file holds every sample; BEEP's truncated exports were thinned and are checked on the
 * instrument's columns only.
 */
class RealCyclerFilesTest {
    private static final double REST_A = 1e-9;

    /** A delimited table read plainly: the header line is the first that contains {@code marker}. */
    record Table(List<String> header, List<String[]> rows) {
        static Table read(Path file, String marker, String sep) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            int h = 0;
            while (!lines.get(h).contains(marker)) h++;
            List<String> header = List.of(lines.get(h).replace("\r", "").split(sep, -1));
            List<String[]> rows = new ArrayList<>();
            for (String l : lines.subList(h + 1, lines.size())) if (!l.isBlank()) rows.add(l.replace("\r", "").split(sep, -1));
            return new Table(header, rows);
        }

        int col(String name) {
            int k = header.indexOf(name);
            assertTrue(k >= 0, name + " in " + header);
            return k;
        }

        double num(String[] row, int k) {
            return Double.parseDouble(row[k].strip());
        }
    }

    /** Per cycle: {charge, discharge} in mAh, from a per-step counter whose direction a mode column gives. */
    private static Map<Integer, double[]> perStep(Table t, String cycle, String step, String counter, String mode, double toMah) {
        Map<String, double[]> last = new LinkedHashMap<>(); // (cycle, step, mode) → {cycle, sign, value}
        int c = t.col(cycle), s = t.col(step), q = t.col(counter), m = t.col(mode);
        for (String[] r : t.rows()) {
            String md = r[m].strip();
            int sign = md.equals("C") || md.contains("Chg") && !md.contains("DChg") ? 1 : md.equals("D") || md.contains("DChg") ? -1 : 0;
            last.put(r[c] + "/" + r[s] + "/" + md, new double[] {Double.parseDouble(r[c]), sign, t.num(r, q)});
        }
        Map<Integer, double[]> out = new TreeMap<>();
        for (double[] v : last.values()) {
            double[] cy = out.computeIfAbsent((int) v[0], k -> new double[2]);
            if (v[1] > 0) cy[0] += v[2] * toMah; else if (v[1] < 0) cy[1] += v[2] * toMah;
        }
        return out;
    }

    private static void instrumentMatches(Map<Integer, double[]> reference, CycleSummary.Result r, String file) {
        Map<Integer, CycleSummary.Cycle> ours = new TreeMap<>();
        for (CycleSummary.Cycle c : r.cycles()) ours.put(c.cycle(), c);
        for (var e : reference.entrySet()) {
            CycleSummary.Cycle c = ours.get(e.getKey());
            double[] ref = e.getValue();
            if (c == null) {
                assertTrue(ref[0] == 0 && ref[1] == 0, file + ": cycle " + e.getKey() + " with capacity is missing");
                continue;
            }
            assertEquals(ref[0], orZero(c.instrumentChargeCapacityMah()), 1e-4 * Math.max(ref[0], 1e-6), file + " cycle " + c.cycle() + " charge");
            assertEquals(ref[1], orZero(c.instrumentDischargeCapacityMah()), 1e-4 * Math.max(ref[1], 1e-6), file + " cycle " + c.cycle() + " discharge");
        }
    }

    private static double orZero(double x) {
        return Double.isNaN(x) ? 0 : x;
    }

    /** The integrated capacities within 1 % of the instrument's, for every capacity above 1 ‰ of the run's largest. */
    private static void integratedMatches(CycleSummary.Result r, String file) {
        double largest = r.cycles().stream().mapToDouble(c -> Math.max(c.chargeCapacityMah(), c.dischargeCapacityMah())).max().orElse(0);
        for (CycleSummary.Cycle c : r.cycles()) {
            for (double[] p : new double[][] {{c.chargeCapacityMah(), orZero(c.instrumentChargeCapacityMah())},
                    {c.dischargeCapacityMah(), orZero(c.instrumentDischargeCapacityMah())}}) {
                if (Math.max(p[0], p[1]) < 1e-3 * largest) continue;
                assertEquals(p[1], p[0], 0.01 * p[1], file + " cycle " + c.cycle() + ": integrated against the instrument's");
            }
        }
        assertTrue(r.warnings().isEmpty(), file + ": " + r.warnings());
    }

    private static double spanH(CycleSummary.Result r) {
        var s = r.steps();
        return (s.get(s.size() - 1).startTimeS() + s.get(s.size() - 1).durationS() - s.get(0).startTimeS()) / 3600;
    }

    @Test
    void maccorTextWithPreambleMinutesAndUnsignedCurrent() throws IOException {
        Path f = RealData.file("cellpy/maccor_002.txt");
        CyclerFiles.Summary s = CyclerFiles.summarise(f, null, REST_A);
        assertEquals("Maccor", s.vendor());
        assertEquals(7446, s.result().rows());
        assertEquals(2, s.result().cycles().size());
        // the file's own columns: cycle 1 charge 2.44 mAh, discharge 2.25 mAh; TestTime in minutes (3,810 of them, 63.5 h)
        CycleSummary.Cycle first = s.result().cycles().get(0);
        assertEquals(2.44213, first.chargeCapacityMah(), 0.01 * 2.44213);
        assertEquals(2.25098, first.dischargeCapacityMah(), 0.01 * 2.25098);
        assertEquals(3809.841833 / 60, spanH(s.result()), 1e-6);
        instrumentMatches(perStep(Table.read(f, "TestTime", "\t"), "Cycle C", "Step", "Cap. [Ah]", "Md", 1000), s.result(), f.toString());
        integratedMatches(s.result(), f.toString());
        assertEquals(CycleSummary.RunKind.GALVANOSTATIC, s.result().kind());
    }

    @Test
    void beepMaccorExportsOneLinePreambleSecondsAndState() throws IOException {
        Path f = RealData.file("beep/PreDiag_000229_000229_truncated.034");
        CyclerFiles.Summary s = CyclerFiles.summarise(f, null, REST_A);
        assertEquals("Maccor", s.vendor());
        assertEquals(4061, s.result().rows());
        instrumentMatches(perStep(Table.read(f, "Rec#", "\t"), "Cyc#", "Step", "Amp-hr", "State", 1000), s.result(), f.toString());
        Path g = RealData.file("beep/PredictionDiagnostics_000151_test.052");
        CyclerFiles.Summary d = CyclerFiles.summarise(g, null, REST_A);
        assertEquals(333, d.result().rows());
        assertEquals(37, d.result().cycles().get(0).cycle());
        assertTrue(d.result().cycles().get(0).dischargeCapacityMah() > 0 && d.result().cycles().get(0).chargeCapacityMah() == 0, "a discharge, signed by State D");
        // the fragment begins mid-step: its counter counts from its first value there
        Table t = Table.read(g, "Rec#", "\t");
        double q0 = t.num(t.rows().get(0), t.col("Amp-hr")), q1 = t.num(t.rows().get(t.rows().size() - 1), t.col("Amp-hr"));
        assertEquals((q1 - q0) * 1000, d.result().cycles().get(0).instrumentDischargeCapacityMah(), 1e-9);
        assertEquals((q1 - q0) * 1000, d.result().cycles().get(0).dischargeCapacityMah(), 0.01 * (q1 - q0) * 1000);
    }

    @Test
    void arbinCsvWithoutUnitsInItsHeader() throws IOException {
        Path f = RealData.file("beep/2017-05-09_test-TC-contact_CH33.csv");
        CyclerFiles.Summary s = CyclerFiles.summarise(f, null, REST_A);
        assertEquals("Arbin", s.vendor());
        assertEquals(287, s.result().rows());
        Table t = Table.read(f, "Test_Time", ",");
        int q = t.col("Charge_Capacity");
        double first = t.num(t.rows().get(0), q), max = first;
        for (String[] r : t.rows()) max = Math.max(max, t.num(r, q));
        assertEquals(1, s.result().cycles().size());
        assertEquals((max - first) * 1000, s.result().cycles().get(0).instrumentChargeCapacityMah(), 1e-4 * (max - first) * 1000);
        integratedMatches(s.result(), f.toString());
        // Test_Time in s: the span equals the DateTime column's (epoch seconds)
        double t0 = t.num(t.rows().get(0), t.col("DateTime")), t1 = t.num(t.rows().get(t.rows().size() - 1), t.col("DateTime"));
        assertEquals((t1 - t0) / 3600, spanH(s.result()), 1e-3);
    }

    @Test
    void newareCsvStepClockAndCumulativeClock() throws IOException {
        Path f = RealData.file("cellpy/neware_uio.csv");
        CyclerFiles.Summary s = CyclerFiles.summarise(f, null, REST_A);
        assertEquals("Neware", s.vendor());
        assertEquals(9065, s.result().rows());
        assertEquals(144, spanH(s.result()), 1.5); // "about 144 h": the test clock, not the step clock
        Table t = Table.read(f, "Cumulative Time", ",");
        Map<Integer, double[]> ref = perStep(t, "Cycle Index", "Step Index", "Chg. Cap.(Ah)", "Step Type", 1000);
        Map<Integer, double[]> dis = perStep(t, "Cycle Index", "Step Index", "DChg. Cap.(Ah)", "Step Type", 1000);
        for (var e : ref.entrySet()) e.getValue()[1] = dis.get(e.getKey())[1];
        instrumentMatches(ref, s.result(), f.toString());
        integratedMatches(s.result(), f.toString());
    }

    @Test
    void pecCsvWithItsPreamble() throws IOException {
        Path f = RealData.file("cellpy/pec.csv");
        CyclerFiles.Summary s = CyclerFiles.summarise(f, null, REST_A);
        assertEquals("PEC", s.vendor());
        assertEquals(16255, s.result().rows());
        assertEquals(89.7, spanH(s.result()), 0.1);
        Table t = Table.read(f, "Total Time (Seconds)", ",");
        int c = t.col("Cycle"), qc = t.col("Charge Capacity (mAh)"), qd = t.col("Discharge Capacity (mAh)");
        Map<Integer, double[]> ref = new TreeMap<>(); // PEC counts per cycle: the cycle's largest value
        for (String[] r : t.rows()) {
            double[] v = ref.computeIfAbsent((int) t.num(r, c), k -> new double[2]);
            v[0] = Math.max(v[0], t.num(r, qc));
            v[1] = Math.max(v[1], t.num(r, qd));
        }
        instrumentMatches(ref, s.result(), f.toString());
        integratedMatches(s.result(), f.toString());
    }

    @Test
    void bioLogicGcplFromTheChargeOfEachInterval() throws IOException {
        Path f = RealData.file("navani/jdb11-1_c3_gcpl_5cycles_2V-3p8V_C-24_data_C09.mpr");
        CyclerFiles.Summary s = CyclerFiles.summarise(f, null, REST_A);
        assertEquals(46102, s.result().rows());
        var cols = BioLogicMpr.read(f.toString(), Files.readAllBytes(f)).columns();
        double[] half = cols.get("half cycle"), q = cols.get("Q charge/discharge/mA.h");
        // each half cycle's last |Q|, its direction from Q's sign; a cycle begins with a charge after a discharge
        Map<Integer, double[]> ref = new TreeMap<>();
        int cycle = 1;
        boolean discharged = false;
        for (int k = 0; k < half.length; k++) {
            if (k + 1 < half.length && half[k + 1] == half[k]) continue;
            boolean charge = q[k] > 0;
            if (charge && discharged) { cycle++; discharged = false; }
            if (!charge) discharged = true;
            ref.computeIfAbsent(cycle, x -> new double[2])[charge ? 0 : 1] += Math.abs(q[k]);
        }
        // half cycles 0 … 13: the opening rest and discharge, then six charge–discharge pairs (EC-Lab's "5 cycles" repeats the
        // pair five times after the first); a cycle begins with each charge, so the opening discharge is cycle 1 of 7
        assertEquals(13, (int) half[half.length - 1]);
        assertEquals(7, s.result().cycles().size());
        instrumentMatches(ref, s.result(), f.toString());
        integratedMatches(s.result(), f.toString());
    }

    @Test
    void bioLogicSequenceWithImpedancePointsAndAnUnknownBeforeColumn() throws IOException {
        Path f = RealData.file("cellpy/biol.mpr"); // column id 430: phase of Zwe−ce, float32
        CyclerFiles.Summary s = CyclerFiles.summarise(f, null, REST_A);
        assertEquals(23561, s.result().rows());
        double[] q = BioLogicMpr.read(f.toString(), Files.readAllBytes(f)).columns().get("Q charge/discharge/mA.h");
        double total = 0;
        for (int k = 0; k + 1 < q.length; k++) if (q[k + 1] < q[k]) total += q[k];
        total += q[q.length - 1];
        double ours = s.result().cycles().stream().mapToDouble(CycleSummary.Cycle::instrumentChargeCapacityMah).sum();
        assertEquals(total, ours, 1e-4 * total);
        assertEquals(total, s.result().cycles().stream().mapToDouble(CycleSummary.Cycle::chargeCapacityMah).sum(), 0.01 * total);
    }

    @Test
    void openCircuitAndModuloBatFilesAreRunsNotErrors() {
        CyclerFiles.Summary ocv = CyclerFiles.summarise(RealData.file("navani/00_test_01_OCV_C01.mpr"), null, REST_A);
        assertEquals(CycleSummary.RunKind.OPEN_CIRCUIT, ocv.result().kind());
        assertTrue(ocv.result().cycles().isEmpty());
        assertTrue(ocv.result().rows() > 0);
        CyclerFiles.Summary mb = CyclerFiles.summarise(RealData.file("navani/00_test_02_MB_C01.mpr"), null, REST_A);
        assertEquals(11, mb.result().rows());
    }

    @Test
    void arbinResAccessDatabase() throws IOException {
        Path f = RealData.file("navani/arbin_example.res");
        CyclerFiles.Summary s = CyclerFiles.summarise(f, null, REST_A);
        assertEquals("Arbin res", s.vendor());
        assertEquals(2150, s.result().rows());
        // the database read directly: Arbin counts capacity per cycle, so a cycle's capacity is its largest value
        Map<Integer, double[]> ref = new TreeMap<>();
        try (var db = new com.healthmarketscience.jackcess.DatabaseBuilder(f.toFile()).setReadOnly(true).open()) {
            for (var r : db.getTable("Channel_Normal_Table")) {
                double[] v = ref.computeIfAbsent(((Number) r.get("Cycle_Index")).intValue(), k -> new double[2]);
                v[0] = Math.max(v[0], ((Number) r.get("Charge_Capacity")).doubleValue() * 1000);
                v[1] = Math.max(v[1], ((Number) r.get("Discharge_Capacity")).doubleValue() * 1000);
            }
        }
        assertEquals(5, ref.size()); // the fifth only begins: no capacity, no cycle in the summary
        instrumentMatches(ref, s.result(), f.toString());
        integratedMatches(s.result(), f.toString());
    }

    @Test
    void newareBinaryNdaAndNdax() {
        Path nda = RealData.file("navani/test.nda");
        CyclerFiles.Summary a = CyclerFiles.summarise(nda, null, REST_A);
        assertEquals("Neware nda", a.vendor());
        assertEquals(439, a.result().rows());
        Path ndax = RealData.file("navani/test.ndax");
        CyclerFiles.Summary b = CyclerFiles.summarise(ndax, null, REST_A);
        assertEquals("Neware ndax", b.vendor());
        assertEquals(1464, b.result().rows());
        assertEquals(12.1667, spanH(b.result()), 1e-3); // TestInfo.xml: 2024-02-01 20:24:23 to 2024-02-02 08:34:23
        integratedMatches(b.result(), ndax.toString());
        // NewareNDA (v2025.02.13) on the same files, each step's last capacity summed per cycle: the same numbers
        double[][] newareNda = {{0, 6.530556e-05}, {6.965278e-04, 7.009194e-03}}, newareNdax = {{0.5930392, 0.6254508}};
        for (int k = 0; k < 2; k++) {
            assertEquals(newareNda[k][0], a.result().cycles().get(k).instrumentChargeCapacityMah(), 1e-4 * newareNda[k][0] + 1e-12);
            assertEquals(newareNda[k][1], a.result().cycles().get(k).instrumentDischargeCapacityMah(), 1e-4 * newareNda[k][1]);
        }
        assertEquals(newareNdax[0][0], b.result().cycles().get(0).instrumentChargeCapacityMah(), 1e-4 * newareNdax[0][0]);
        assertEquals(newareNdax[0][1], b.result().cycles().get(0).instrumentDischargeCapacityMah(), 1e-4 * newareNdax[0][1]);
    }

    @Test
    void arbinWorkbook() {
        Path f = RealData.file("navani/bs542_004_gr_li_50ua_50mv_1v_191020_Channel_11.xlsx");
        CyclerFiles.Summary s = CyclerFiles.summarise(f, null, REST_A);
        assertTrue(s.result().rows() > 4000);
        integratedMatches(s.result(), f.toString());
    }
}
