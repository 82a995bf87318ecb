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
    /** @param intervals how the intervals were found: {@code bootstrap}, {@code fisher-z} or {@code none} */
    public record Result(String x, String y, int n, double pearson, double pearsonP, Interval pearsonCi, double spearman, double spearmanP,
                         Interval spearmanCi, int bootstrap, String intervals) {}

    /** Above this many cells the intervals come from Fisher's z rather than the bootstrap. */
    public static final int BOOTSTRAP_MAX_N = 500;

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
        String how = "none";
        if (bootstrap > 0 && n <= BOOTSTRAP_MAX_N) {
            double[][] b = bootstrap(x, y, bootstrap, seed);
            ri = percentile95(b[0]);
            rhoi = percentile95(b[1]);
            how = "bootstrap";
        } else if (bootstrap > 0) {
            ri = fisherZ(r, 1 / Math.sqrt(n - 3));
            rhoi = fisherZ(rho, Math.sqrt((1 + rho * rho / 2) / (n - 3)));
            how = "fisher-z";
        }
        return new Result(xName, yName, n, r, pValue(r, n), ri, rho, spearmanP(rx, ry, rho), rhoi, how.equals("bootstrap") ? bootstrap : 0, how);
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

    /**
     * r and ρ of {@code count} resamples of the pairs; resamples without variation are left out. A resample's ranks come
     * from the sorted order of the originals and how often each was drawn (ties averaged, as a fresh ranking would give),
     * in O(n) rather than a sort per resample.
     */
    static double[][] bootstrap(double[] x, double[] y, int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = x.length;
        int[] ox = ascending(x), oy = ascending(y);
        double[] rs = new double[count], rhos = new double[count];
        int[] times = new int[n];
        double[] rankX = new double[n], rankY = new double[n];
        int k = 0;
        for (int b = 0; b < count; b++) {
            // a resample is how often each cell is drawn: its statistics are the originals' weighted by those counts
            java.util.Arrays.fill(times, 0);
            for (int i = 0; i < n; i++) times[rnd.nextInt(n)]++;
            double r = weightedPearson(x, y, times);
            if (Double.isNaN(r)) continue;
            resampledRanks(x, ox, times, rankX);
            resampledRanks(y, oy, times, rankY);
            rs[k] = r;
            rhos[k] = weightedPearson(rankX, rankY, times);
            k++;
        }
        return new double[][] {Arrays.copyOf(rs, k), Arrays.copyOf(rhos, k)};
    }

    /** Pearson's r of the pairs each taken {@code w[i]} times (NaN when either does not vary). */
    static double weightedPearson(double[] x, double[] y, int[] w) {
        double sw = 0, sx = 0, sy = 0;
        for (int i = 0; i < x.length; i++) {
            if (w[i] == 0) continue;
            sw += w[i];
            sx += w[i] * x[i];
            sy += w[i] * y[i];
        }
        double mx = sx / sw, my = sy / sw, sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            if (w[i] == 0) continue;
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += w[i] * dx * dy;
            sxx += w[i] * dx * dx;
            syy += w[i] * dy * dy;
        }
        if (sxx == 0 || syy == 0) return Double.NaN;
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }

    /** Indices of {@code v} in ascending order of value. */
    private static int[] ascending(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = idx[i];
        return out;
    }

    /**
     * The average rank, within a resample, of each original element drawn {@code times[j]} times: walking the originals in
     * ascending order, a run of equal values drawn c times in all takes ranks start+1 … start+c, their average for each.
     */
    static void resampledRanks(double[] v, int[] ascending, int[] times, double[] rankOf) {
        int n = v.length, start = 0, i = 0;
        while (i < n) {
            int j = i, c = 0;
            while (j < n && v[ascending[j]] == v[ascending[i]]) c += times[ascending[j++]];
            double avg = start + (c + 1) / 2.0;
            for (int q = i; q < j; q++) rankOf[ascending[q]] = avg;
            start += c;
            i = j;
        }
    }

    /** tanh(atanh(r) ± 1.959964 σ): the 95 % interval of a correlation whose z has standard error σ. */
    static Interval fisherZ(double r, double sigma) {
        if (Double.isNaN(r)) return new Interval(Double.NaN, Double.NaN);
        double z = 0.5 * Math.log((1 + r) / (1 - r));
        return new Interval(Math.tanh(z - 1.959964 * sigma), Math.tanh(z + 1.959964 * sigma));
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
