package org.solidscope.workflow.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.catalog.Catalog;
import org.solidscope.catalog.RecordWriter;
import org.solidscope.core.Checksums;
import org.solidscope.core.InputException;
import org.solidscope.core.Provenance;
import org.solidscope.core.record.AnalysisRecord;
import org.solidscope.core.record.CellState;
import org.solidscope.core.record.Metric;
import org.solidscope.core.record.Modality;

/**
 * Correlations against closed forms and published values, their intervals' coverage on simulated samples, and a lot of 40
 * cells in the record with ρ = 0.7 planted between a CT metric and an impedance metric of another state.
 */
public class LotCorrelationTest {
    @TempDir
    Path dir;

    /** Anscombe's quartet (1973): four data sets of one Pearson r, 0.816. */
    @Test
    void pearsonOfAnscombesQuartet() {
        double[] x = {10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5};
        double[][] ys = {{8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68}, {9.14, 8.14, 8.74, 8.77, 9.26, 8.10, 6.13, 3.10, 9.13, 7.26, 4.74},
            {7.46, 6.77, 12.74, 7.11, 7.81, 8.84, 6.08, 5.39, 8.15, 6.42, 5.73}};
        for (double[] y : ys) assertEquals(0.816, Correlation.pearson(x, y), 0.0005);
        double[] x4 = {8, 8, 8, 8, 8, 8, 8, 19, 8, 8, 8}, y4 = {6.58, 5.76, 7.71, 8.84, 8.47, 7.04, 5.25, 12.50, 5.56, 7.91, 6.89};
        assertEquals(0.817, Correlation.pearson(x4, y4), 0.0005);
    }

    @Test
    void spearmanIsPearsonOfRanksWithTiesAveraged() {
        double[] x = {1, 2, 3, 4, 5, 6}, y = new double[6];
        for (int i = 0; i < 6; i++) y[i] = Math.exp(x[i]);
        Correlation.Result r = Correlation.of("x", x, "y", y, 0, 1);
        assertEquals(1.0, r.spearman(), 1e-15, "monotone: ρ = 1");
        assertTrue(r.pearson() < 0.9, "not linear: r < 1");
        // ties: ranks 1, 2.5, 2.5, 4 against 1, 2, 3, 4; ρ = r of those ranks
        double[] t = {1, 2, 2, 3}, u = {1, 2, 3, 4};
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, Correlation.RANKING.rank(t), 0);
        assertEquals(Correlation.pearson(new double[] {1, 2.5, 2.5, 4}, u), Correlation.of("t", t, "u", u, 0, 1).spearman(), 1e-15);
        assertEquals(Double.NaN, Correlation.pearson(new double[] {2, 2, 2}, new double[] {1, 2, 3}), "no variation: no r");
    }

    /** r = 0.5 over 20 pairs: t = 2.449 on 18 degrees of freedom, two-sided p = 0.0248 (tables). */
    @Test
    void pValueFromStudentsT() {
        assertEquals(0.0248, Correlation.pValue(0.5, 20), 0.00005);
        assertEquals(1.0, Correlation.pValue(0, 50), 1e-12);
        assertEquals(Double.NaN, Correlation.pValue(0.9, 2));
    }

    /** Four cells in the same order: ρ = 1, which 2 of the 24 orders reach (ρ = ±1): p = 1/12, not the t approximation's 0. */
    @Test
    void spearmansPIsExactForFewCells() {
        Correlation.Result r = Correlation.of("x", new double[] {1, 2, 3, 4}, "y", new double[] {10, 20, 30, 40}, 0, 1);
        assertEquals(1.0, r.spearman(), 0);
        assertEquals(1.0 / 12, r.spearmanP(), 1e-15);
        // five cells, one pair swapped: ρ = 0.9; its p is the share of the 120 orders as extreme, counted here by brute force
        double[] rx = {1, 2, 3, 4, 5}, ry = {1, 2, 3, 5, 4};
        double rho = Correlation.pearson(rx, ry);
        assertEquals(0.9, rho, 1e-12);
        long extreme = 0;
        for (int[] perm : permutations(5)) {
            double[] a = new double[5];
            for (int k = 0; k < 5; k++) a[k] = perm[k] + 1;
            if (Math.abs(Correlation.pearson(rx, a)) >= 0.9 - 1e-12) extreme++;
        }
        assertEquals((double) extreme / 120, Correlation.spearmanP(rx, ry, rho), 1e-15);
        assertEquals(Correlation.pValue(0.5, 20), Correlation.spearmanP(new double[20], new double[20], 0.5), "past 8 cells: from t");
    }

    static List<int[]> permutations(int n) {
        List<int[]> out = new java.util.ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] a, boolean[] used, int k, List<int[]> out) {
        if (k == a.length) {
            out.add(a.clone());
            return;
        }
        for (int v = 0; v < a.length; v++) {
            if (used[v]) continue;
            used[v] = true;
            a[k] = v;
            permute(a, used, k + 1, out);
            used[v] = false;
        }
    }

    @Test
    void benjaminiHochbergOnAWorkedExample() {
        // sorted 0.005, 0.01, 0.03, 0.04 of m = 4: p·m/rank 0.02, 0.02, 0.04, 0.04, then the running minimum from the top
        assertArrayEquals(new double[] {0.02, 0.04, 0.04, 0.02}, Correlation.benjaminiHochberg(new double[] {0.01, 0.04, 0.03, 0.005}), 1e-15);
        double[] q = Correlation.benjaminiHochberg(new double[] {0.5, Double.NaN, 0.9});
        assertEquals(List.of(0.9, Double.NaN, 0.9), List.of(q[0], q[1], q[2]), "NaN is not a test");
    }

    /** Past 500 cells the intervals are Fisher's z: for r = 0.5 of 1003 cells, tanh(atanh 0.5 ± 1.96/√1000) = [0.4521, 0.5450]. */
    @Test
    void fisherZIntervalsForLargeLots() {
        Correlation.Interval i = Correlation.fisherZ(0.5, 1 / Math.sqrt(1000));
        assertEquals(0.4521, i.low(), 0.0001);
        assertEquals(0.5450, i.high(), 0.0001);
        SplittableRandom rnd = new SplittableRandom(3);
        double[][] s = sample(rnd, 2000, 0.7);
        Correlation.Result r = Correlation.of("x", s[0], "y", s[1], 2000, 1);
        assertEquals("fisher-z", r.intervals());
        assertTrue(r.pearsonCi().contains(0.7) && r.spearmanCi().contains(r.spearman()), r.toString());
        // the bootstrap's interval on the same data, forced by a smaller sample of it, agrees with Fisher's within a few thousandths
        double[] x = java.util.Arrays.copyOf(s[0], 500), y = java.util.Arrays.copyOf(s[1], 500);
        Correlation.Result boot = Correlation.of("x", x, "y", y, 4000, 1);
        Correlation.Interval fz = Correlation.fisherZ(boot.pearson(), 1 / Math.sqrt(497));
        assertEquals("bootstrap", boot.intervals());
        assertEquals(fz.low(), boot.pearsonCi().low(), 0.02);
        assertEquals(fz.high(), boot.pearsonCi().high(), 0.02);
    }

    /** The bootstrap's resample ranks, found from the originals' order and draw counts, are a fresh ranking's. */
    @Test
    void resampledRanksAreAFreshRankingsOfTheResample() {
        double[] v = {3, 1, 2, 2, 5, 1, 4};
        int[] times = {2, 0, 1, 3, 0, 1, 0}; // the resample 3, 3, 2, 2, 2, 2, 1
        double[] byTheirOrder = new double[v.length];
        Integer[] idx = {1, 5, 2, 3, 0, 6, 4};
        int[] asc = java.util.Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
        Correlation.resampledRanks(v, asc, times, byTheirOrder);
        double[] resample = {3, 3, 2, 2, 2, 2, 1};
        double[] fresh = Correlation.RANKING.rank(resample);
        assertEquals(fresh[0], byTheirOrder[0], 0);
        assertEquals(fresh[2], byTheirOrder[2], 0);
        assertEquals(fresh[2], byTheirOrder[3], 0);
        assertEquals(fresh[6], byTheirOrder[5], 0);
    }

    /** Pairs of 40 cells, correlated ρ by construction (bivariate normal). */
    public static double[][] sample(SplittableRandom rnd, int n, double rho) {
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            double a = gauss(rnd), b = gauss(rnd);
            x[i] = a;
            y[i] = rho * a + Math.sqrt(1 - rho * rho) * b;
        }
        return new double[][] {x, y};
    }

    public static double gauss(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    /** The percentile bootstrap's 95 % intervals cover the planted ρ about 95 % of the time (a little less at n = 40). */
    @Test
    void bootstrapIntervalsCoverThePlantedCorrelation() {
        SplittableRandom rnd = new SplittableRandom(7);
        int covered = 0, coveredZero = 0, reps = 300;
        for (int k = 0; k < reps; k++) {
            double[][] s = sample(rnd, 40, 0.7);
            if (Correlation.of("x", s[0], "y", s[1], 500, k).pearsonCi().contains(0.7)) covered++;
            double[][] z = sample(rnd, 40, 0);
            if (Correlation.of("x", z[0], "y", z[1], 500, k).spearmanCi().contains(0)) coveredZero++;
        }
        assertTrue(covered >= 0.88 * reps && covered <= 0.99 * reps, covered + " of " + reps + " intervals cover ρ = 0.7");
        assertTrue(coveredZero >= 0.88 * reps && coveredZero <= 0.99 * reps, coveredZero + " of " + reps + " intervals cover ρ = 0");
    }

    /** Stores one analysis with one metric for a cell and state, as a modality would. */
    public static void store(RecordWriter w, Path dir, String lot, String cell, String state, String metric, double value) throws IOException {
        Path raw = Files.writeString(dir.resolve(cell + "_" + state + "_" + metric + ".txt"), cell + " " + state + " " + metric + " " + value);
        String modality = metric.substring(0, metric.indexOf('.'));
        AnalysisRecord a = new AnalysisRecord(modality, Provenance.of(modality + ".sim/1", Map.of(), Map.of(raw.getFileName().toString(), Checksums.sha256(raw))),
                List.of(Metric.of(metric, value, "1")), List.of(), List.of(), null, null, List.of());
        w.store(lot, new Modality.Identity(cell, CellState.parse("test", state)), modality, raw.getFileName().toString(), raw, Checksums.sha256(raw),
                Files.size(raw), new Modality.Analysed("sim", Map.of(), null, a, Double.NaN, Double.NaN));
    }

    @Test
    void aLotOf40CellsWithAPlantedCorrelation() throws IOException {
        Path raw = Files.createDirectories(dir.resolve("raw"));
        SplittableRandom rnd = new SplittableRandom(2026);
        double[][] s = sample(rnd, 40, 0.7);
        try (Catalog cat = Catalog.openWorkspace(dir.resolve("ws"))) {
            RecordWriter w = new RecordWriter(cat);
            for (int c = 0; c < 40; c++) {
                String cell = String.format("c%02d", c);
                store(w, raw, "L40", cell, "formation", "ct.ra_um", 2 + 0.5 * s[0][c]);
                store(w, raw, "L40", cell, "cycle_1", "eis.rct_ohm", 100 + 20 * s[1][c]);
                store(w, raw, "L40", cell, "charged_50", "xcs.emf_field", 1.8 + 0.05 * gauss(rnd));
                if (c < 2) store(w, raw, "L40", cell, "cycle_1", "cycling.ccd_ma_cm2", 0.6 + c); // two cells only
            }
            LotCorrelation.Table t = LotCorrelation.table(cat, "L40");
            assertEquals(40, t.cells().size());
            LotCorrelation.Pair p = LotCorrelation.pair(t, "ct.ra_um@formation", "eis.rct_ohm", 2000, 1);
            assertEquals(40, p.result().n());
            assertTrue(p.result().pearsonCi().contains(0.7) && p.result().spearmanCi().contains(0.7), p.result().toString());
            assertTrue(p.result().pearsonP() < 1e-4, "planted: p " + p.result().pearsonP());
            Correlation.Result none = LotCorrelation.pair(t, "ct.ra_um", "xcs.emf_field@charged_50", 2000, 1).result();
            assertTrue(none.pearsonCi().contains(0) && none.spearmanCi().contains(0), none.toString());

            LotCorrelation.Matrix m = LotCorrelation.matrix(t, false, 20, 1000, 1);
            assertEquals(List.of("ct.ra_um@formation", "eis.rct_ohm@cycle_1"), List.of(m.ranked().get(0).x(), m.ranked().get(0).y()), m.ranked().toString());
            assertEquals(3, m.variables(), "the CCD of two cells is left out: fewer than 3 values");
            assertEquals(3, m.pairs());
            assertTrue(m.ranked().get(0).spearmanQ() < 0.001);
            assertTrue(m.ranked().get(0).spearmanCi().contains(m.ranked().get(0).spearman()));

            // what cannot be answered is refused naming what is missing
            InputException unknown = assertThrows(InputException.class, () -> LotCorrelation.pair(t, "ct.rz_um@formation", "eis.rct_ohm", 0, 1));
            assertTrue(unknown.getMessage().contains("ct.rz_um"), unknown.getMessage());
            InputException state = assertThrows(InputException.class, () -> LotCorrelation.pair(t, "ct.ra_um@pristine", "eis.rct_ohm", 0, 1));
            assertTrue(state.getMessage().contains("[formation]"), state.getMessage());
            InputException few = assertThrows(InputException.class, () -> LotCorrelation.pair(t, "cycling.ccd_ma_cm2", "eis.rct_ohm", 0, 1));
            assertTrue(few.getMessage().contains("at least 3 cells") && few.getMessage().endsWith("found 2"), few.getMessage());
        }
    }
}
