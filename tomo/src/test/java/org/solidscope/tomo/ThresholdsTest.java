package org.solidscope.tomo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Thresholds against scikit-image 0.19.3 on the same full-resolution histograms, against brute-force
 * optima of their own criteria, and against the Bayes decision point of a known two-Gaussian mixture.
 */
class ThresholdsTest {
    /** Three parabolic phases on 0…4095 (integer arithmetic, so Python builds the identical histogram). */
    static long[] histA() {
        long[] h = new long[65536];
        long[][] bumps = {{20000, 800, 260}, {50000, 2000, 430}, {15000, 3200, 350}};
        for (int i = 0; i < 4096; i++) {
            for (long[] b : bumps) h[i] += Math.max(0, b[0] * (b[2] * b[2] - (i - b[1]) * (i - b[1])) / (b[2] * b[2]));
        }
        return h;
    }

    /** One peak with a long 1/v² tail on 0…3000. */
    static long[] histB() {
        long[] h = new long[65536];
        for (long i = 0; i <= 3000; i++) h[(int) i] = i < 200 ? 500 * i : 100000L * 40000 / (i * i);
        return h;
    }

    /**
     * Values printed by {@code bench/thresholds_vs_skimage.py} (scikit-image 0.19.3, uint16 image of
     * these histograms, whose integer bins are the full histogram).
     */
    @Test
    void equalScikitImageOnTheSameHistograms() {
        long[] a = histA(), b = histB();
        assertEquals(2429, Thresholds.Method.OTSU.threshold(a));
        assertArrayEquals(new int[] {1059, 2429}, Thresholds.multiOtsu(a, 3));
        assertEquals(1517, Thresholds.isoData(a));
        assertEquals(1305, Thresholds.li(a), "skimage: 1305.25");
        assertEquals(2430, Thresholds.triangle(a));
        assertEquals(940, Thresholds.Method.OTSU.threshold(b));
        assertArrayEquals(new int[] {543, 1443}, Thresholds.multiOtsu(b, 3));
        assertEquals(940, Thresholds.isoData(b));
        assertEquals(607, Thresholds.li(b), "skimage: 607.60");
        assertEquals(608, Thresholds.triangle(b));
    }

    static long[] randomHistogram(SplittableRandom r, int lo, int n) {
        long[] h = new long[65536];
        for (int i = 0; i < n; i++) h[lo + i] = r.nextDouble() < 0.2 ? 0 : r.nextInt(1, 1000);
        h[lo] = 5;
        h[lo + n - 1] = 7;
        return h;
    }

    /** Between-class Σ S_k²/W_k of the classes cut at the given thresholds, summed voxel value by value. */
    static double between(long[] h, int lo, int hi, int... t) {
        double total = 0;
        int from = lo;
        for (int k = 0; k <= t.length; k++) {
            int to = k < t.length ? t[k] : hi;
            double w = 0, s = 0;
            for (int v = from; v <= to; v++) { w += h[v]; s += (double) v * h[v]; }
            if (w > 0) total += s * s / w;
            from = to + 1;
        }
        return total;
    }

    @Test
    void multiOtsuFindsTheBruteForceMaximum() {
        SplittableRandom r = new SplittableRandom(7);
        for (int trial = 0; trial < 5; trial++) {
            int lo = 1000 + r.nextInt(30000), n = 60 + r.nextInt(60);
            long[] h = randomHistogram(r, lo, n);
            int[] t3 = Thresholds.multiOtsu(h, 3);
            double best = -1;
            for (int a = lo; a < lo + n; a++) for (int b = a + 1; b < lo + n - 1; b++) best = Math.max(best, between(h, lo, lo + n, a, b));
            assertEquals(best, between(h, lo, lo + n, t3), 1e-9 * best, "three classes, trial " + trial);
            int[] t4 = Thresholds.multiOtsu(h, 4);
            double best4 = -1;
            for (int a = lo; a < lo + n; a++) for (int b = a + 1; b < lo + n; b++) for (int c = b + 1; c < lo + n - 1; c++) {
                best4 = Math.max(best4, between(h, lo, lo + n, a, b, c));
            }
            assertEquals(best4, between(h, lo, lo + n, t4), 1e-9 * best4, "four classes, trial " + trial);
            assertTrue(t4[0] < t4[1] && t4[1] < t4[2]);
        }
        // two classes: the same as Otsu
        long[] h = randomHistogram(r, 500, 300);
        assertEquals(Otsu.threshold(h), Thresholds.multiOtsu(h, 2)[0]);
    }

    /** Kittler–Illingworth J(t) from class statistics computed directly. */
    static double kittler(long[] h, int t) {
        double[] p = new double[2], m = new double[2], var = new double[2];
        double n = 0;
        for (long c : h) n += c;
        for (int k = 0; k < 2; k++) {
            int from = k == 0 ? 0 : t + 1, to = k == 0 ? t : h.length - 1;
            double w = 0, s = 0;
            for (int v = from; v <= to; v++) { w += h[v]; s += (double) v * h[v]; }
            if (w == 0) return Double.NaN;
            double mu = s / w, q = 0;
            for (int v = from; v <= to; v++) q += h[v] * (v - mu) * (v - mu);
            p[k] = w / n; m[k] = mu; var[k] = q / w;
            if (var[k] <= 0) return Double.NaN;
        }
        return 1 + p[0] * Math.log(var[0]) + p[1] * Math.log(var[1]) - 2 * (p[0] * Math.log(p[0]) + p[1] * Math.log(p[1]));
    }

    static long[] mixture(double p1, double m1, double s1, double m2, double s2) {
        long[] h = new long[65536];
        for (int v = 0; v < 4000; v++) {
            double g1 = p1 * Math.exp(-0.5 * Math.pow((v - m1) / s1, 2)) / s1, g2 = (1 - p1) * Math.exp(-0.5 * Math.pow((v - m2) / s2, 2)) / s2;
            h[v] = Math.round(1e6 * (g1 + g2));
        }
        return h;
    }

    @Test
    void minimumErrorIsTheGlobalMinimumOfKittlerIllingworthAndNearTheBayesPoint() {
        long[] h = mixture(0.4, 1000, 60, 1400, 100);
        int t = Thresholds.minimumError(h);
        double best = Double.POSITIVE_INFINITY;
        int arg = -1;
        for (int c = 0; c < 4000; c++) {
            double j = kittler(h, c);
            if (j < best) { best = j; arg = c; }
        }
        assertEquals(arg, t, "global minimum of J");
        // Bayes point: 0.4·N(t; 1000, 60) = 0.6·N(t; 1400, 100), between the means
        double a = 1000, b = 1400;
        for (int i = 0; i < 100; i++) {
            double mid = (a + b) / 2;
            double d = 0.4 * Math.exp(-0.5 * Math.pow((mid - 1000) / 60, 2)) / 60 - 0.6 * Math.exp(-0.5 * Math.pow((mid - 1400) / 100, 2)) / 100;
            if (d > 0) a = mid; else b = mid;
        }
        assertEquals(a, t, 3, "classes 4σ apart: the fitted normals are those of the mixture");
    }

    @Test
    void isoDataSatisfiesItsDefiningEquationAtTheLowestGreyLevel() {
        SplittableRandom r = new SplittableRandom(11);
        for (int trial = 0; trial < 5; trial++) {
            long[] h = mixture(0.2 + 0.6 * r.nextDouble(), 800 + r.nextInt(200), 40 + r.nextInt(60), 1500 + r.nextInt(300), 50 + r.nextInt(90));
            int t = Thresholds.isoData(h);
            int first = -1;
            for (int c = 0; c < 3999 && first < 0; c++) {
                double w0 = 0, s0 = 0, w1 = 0, s1 = 0;
                for (int v = 0; v < 4000; v++) {
                    if (v <= c) { w0 += h[v]; s0 += (double) v * h[v]; } else { w1 += h[v]; s1 += (double) v * h[v]; }
                }
                if (w0 == 0 || w1 == 0) continue;
                double mid = (s0 / w0 + s1 / w1) / 2;
                if (mid >= c && mid < c + 1) first = c;
            }
            assertEquals(first, t, "trial " + trial);
        }
    }

    @Test
    void liIsAFixedPointNearTheMinimumCrossEntropy() {
        long[] h = mixture(0.35, 900, 70, 1600, 120);
        int t = Thresholds.li(h);
        int lo = 0;
        while (h[lo] == 0) lo++;
        // Li and Tam's criterion on values shifted to start at 0, as the iteration sees them:
        // η(t) = −Σ_{v≤t} v·h·ln μ_b − Σ_{v>t} v·h·ln μ_f (up to a constant)
        double best = Double.POSITIVE_INFINITY;
        int arg = -1;
        for (int c = lo + 1; c < 3999; c++) {
            double w0 = 0, s0 = 0, w1 = 0, s1 = 0;
            for (int v = lo; v < 4000; v++) {
                double x = v - lo;
                if (v <= c) { w0 += h[v]; s0 += x * h[v]; } else { w1 += h[v]; s1 += x * h[v]; }
            }
            if (w0 == 0 || w1 == 0 || s0 == 0) continue;
            double eta = -s0 * Math.log(s0 / w0) - s1 * Math.log(s1 / w1);
            if (eta < best) { best = eta; arg = c; }
        }
        assertEquals(arg, t, 1, "the iteration converges to the minimum of the cross entropy");
    }

    @Test
    void triangleOfAPeakWithAStraightTailPicksTheKnee() {
        // a peak at 100 and a tail that falls linearly to 0 at 1100 except for a dip: the bin farthest
        // below the peak-to-end line is the bottom of the dip
        long[] h = new long[65536];
        for (int v = 50; v <= 100; v++) h[v] = 1000L * (v - 49);
        for (int v = 101; v <= 1100; v++) h[v] = 51000L * (1100 - v) / 1000 + 1;
        for (int v = 400; v <= 500; v++) h[v] -= 5000L - 100L * Math.abs(v - 450);
        assertEquals(450, Thresholds.triangle(h));
        // mirrored: the tail below the peak
        long[] m = new long[65536];
        for (int v = 0; v < 2000; v++) m[2000 - v] = h[v];
        assertEquals(2000 - 450, Thresholds.triangle(m));
    }

    @Test
    void tooFewGreyLevelsAreRefused() {
        long[] h = new long[65536];
        h[1234] = 99;
        assertThrows(IllegalArgumentException.class, () -> Thresholds.isoData(h));
        h[2000] = 1;
        h[3000] = 1;
        assertThrows(IllegalArgumentException.class, () -> Thresholds.multiOtsu(h, 4));
        assertEquals(3, Thresholds.multiOtsu(h, 3).length + 1);
    }

    @Test
    void classifyFollowsTheLowerClassConvention() {
        Volume16 v = Volume16.zeros(4, 1, 1, 1);
        short[] s = v.slices()[0];
        s[0] = 10; s[1] = 11; s[2] = 20; s[3] = 21;
        byte[] c = Thresholds.classify(v, new int[] {10, 20})[0];
        assertArrayEquals(new byte[] {0, 1, 1, 2}, c);
    }
}
