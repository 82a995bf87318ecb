package org.solidscope.workflow.analytics;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.stat.ranking.NaNStrategy;
import org.hipparchus.stat.ranking.NaturalRanking;
import org.hipparchus.stat.ranking.TiesStrategy;

/**
 * Correlation of two variables over the same cells: Pearson's r and Spearman's ρ (Pearson's r of the ranks, ties given
 * their average rank), each with its two-sided p-value: r's from Student's t with n − 2 degrees of freedom
 * (t = r √((n − 2) / (1 − r²))); ρ's exact, by every permutation of the ranks, up to {@value #EXACT_SPEARMAN_MAX_N}
 * cells (where the t approximation is far off: ρ = 1 of 4 cells has p = 1/12, not 0), and from t above; and a 95 %
 * percentile bootstrap interval
 * (cells drawn with replacement; resamples whose values do not vary are skipped). Ranks by Hipparchus's
 * {@link NaturalRanking}; the bootstrap is seeded, so a result is reproducible.
 */
public final class Correlation {
    private Correlation() {}

    /** A two-sided interval; NaN ends when the bootstrap was not run. */
    public record Interval(double low, double high) {
        public boolean contains(double v) { return v >= low && v <= high; }
    }

    /**
     * @param pearson  Pearson's r; NaN when either variable does not vary
     * @param spearman Spearman's ρ
     */
    public record Result(String x, String y, int n, double pearson, double pearsonP, Interval pearsonCi, double spearman, double spearmanP,
                         Interval spearmanCi, int bootstrap) {}

    static final NaturalRanking RANKING = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);

    /** Up to this many cells Spearman's p is exact (8! = 40,320 permutations). */
    public static final int EXACT_SPEARMAN_MAX_N = 8;

    /** Both coefficients of paired values ({@code x[i]} and {@code y[i]} of one cell); {@code bootstrap} resamples (0: none). */
    public static Result of(String xName, double[] x, String yName, double[] y, int bootstrap, long seed) {
        if (x.length != y.length) throw new IllegalArgumentException("paired values: " + x.length + " and " + y.length);
        int n = x.length;
        double[] rx = RANKING.rank(x), ry = RANKING.rank(y);
        double r = pearson(x, y), rho = pearson(rx, ry);
        Interval ri = new Interval(Double.NaN, Double.NaN), rhoi = ri;
        if (bootstrap > 0) {
            double[][] b = bootstrap(x, y, bootstrap, seed);
            ri = percentile95(b[0]);
            rhoi = percentile95(b[1]);
        }
        return new Result(xName, yName, n, r, pValue(r, n), ri, rho, spearmanP(rx, ry, rho), rhoi, bootstrap);
    }

    /** Pearson's r in one pass over centred values; NaN when either does not vary or n < 2. */
    public static double pearson(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) return Double.NaN;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) return Double.NaN;
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }

    /** Two-sided p of a correlation r over n pairs (t with n − 2 degrees of freedom); NaN for n < 3 or r NaN. */
    public static double pValue(double r, int n) {
        if (n < 3 || Double.isNaN(r)) return Double.NaN;
        if (Math.abs(r) >= 1) return 0;
        double t = Math.abs(r) * Math.sqrt((n - 2) / (1 - r * r));
        return 2 * (1 - new TDistribution(n - 2).cumulativeProbability(t));
    }

    /** Spearman's two-sided p for ranks {@code rx}, {@code ry} with ρ = {@code rho}: exact for few cells, else from t. */
    public static double spearmanP(double[] rx, double[] ry, double rho) {
        int n = rx.length;
        if (n > EXACT_SPEARMAN_MAX_N || Double.isNaN(rho)) return pValue(rho, n);
        if (n < 3) return Double.NaN;
        // every arrangement of y's ranks against x's, equally likely when the two are independent (Heap's algorithm)
        double[] a = ry.clone();
        int[] c = new int[n];
        long total = 0, extreme = 0;
        double limit = Math.abs(rho) - 1e-12;
        double rPerm = pearson(rx, a);
        total++;
        if (Math.abs(rPerm) >= limit) extreme++;
        int i = 0;
        while (i < n) {
            if (c[i] < i) {
                int j = i % 2 == 0 ? 0 : c[i];
                double t = a[j];
                a[j] = a[i];
                a[i] = t;
                rPerm = pearson(rx, a);
                total++;
                if (!Double.isNaN(rPerm) && Math.abs(rPerm) >= limit) extreme++;
                c[i]++;
                i = 0;
            } else {
                c[i] = 0;
                i++;
            }
        }
        return (double) extreme / total;
    }

    /** r and ρ of {@code count} resamples of the pairs; resamples without variation are left out. */
    static double[][] bootstrap(double[] x, double[] y, int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = x.length;
        double[] rs = new double[count], rhos = new double[count], bx = new double[n], by = new double[n];
        int k = 0;
        for (int b = 0; b < count; b++) {
            for (int i = 0; i < n; i++) {
                int j = rnd.nextInt(n);
                bx[i] = x[j];
                by[i] = y[j];
            }
            double r = pearson(bx, by);
            if (Double.isNaN(r)) continue;
            rs[k] = r;
            rhos[k] = pearson(RANKING.rank(bx), RANKING.rank(by));
            k++;
        }
        return new double[][] {Arrays.copyOf(rs, k), Arrays.copyOf(rhos, k)};
    }

    /** The 2.5th and 97.5th percentiles (linear between closest ranks). */
    static Interval percentile95(double[] v) {
        if (v.length == 0) return new Interval(Double.NaN, Double.NaN);
        double[] s = v.clone();
        Arrays.sort(s);
        return new Interval(quantile(s, 0.025), quantile(s, 0.975));
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * Benjamini–Hochberg adjusted p-values (q-values): the false discovery rate at which each test would be declared,
     * q₍ᵢ₎ = min over j ≥ i of p₍ⱼ₎ m / j, capped at 1. NaN p-values stay NaN and do not count among the m tests.
     */
    public static double[] benjaminiHochberg(double[] p) {
        Integer[] order = new Integer[p.length];
        int m = 0;
        for (int i = 0; i < p.length; i++) if (!Double.isNaN(p[i])) order[m++] = i;
        Integer[] idx = Arrays.copyOf(order, m);
        Arrays.sort(idx, (a, b) -> Double.compare(p[a], p[b]));
        double[] q = new double[p.length];
        Arrays.fill(q, Double.NaN);
        double min = 1;
        for (int k = m - 1; k >= 0; k--) {
            min = Math.min(min, p[idx[k]] * m / (k + 1));
            q[idx[k]] = min;
        }
        return q;
    }
}
