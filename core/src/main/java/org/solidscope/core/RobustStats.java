package org.solidscope.core;

import java.util.Arrays;

/**
 * Summary statistics over the finite values of an array, optionally restricted to a mask.
 * NaN values are always skipped. Percentiles use linear interpolation between order statistics
 * (the "linear" method of NumPy's {@code percentile}).
 */
public final class RobustStats {
    private RobustStats() {}

    /** Statistics of a sample. {@code mad} is the median absolute deviation (unscaled). */
    public record Summary(int count, double mean, double std, double median, double mad,
                          double min, double max) {
        /** Coefficient of variation std/mean (NaN when mean is 0 or no data). */
        public double cv() { return mean == 0 ? Double.NaN : std / mean; }

        /** Robust standard deviation estimate 1.4826·MAD (equals σ for normal data). */
        public double robustSigma() { return 1.4826 * mad; }
    }

    /** Finite values where mask is set (mask may be null for all pixels). */
    public static float[] select(float[] values, Mask mask) {
        float[] out = new float[values.length];
        int n = 0;
        boolean[] m = mask == null ? null : mask.bits();
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if ((m == null || m[i]) && !Float.isNaN(v) && !Float.isInfinite(v)) out[n++] = v;
        }
        return Arrays.copyOf(out, n);
    }

    public static Summary summarize(float[] values, Mask mask) {
        float[] v = select(values, mask);
        int n = v.length;
        if (n == 0) return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double sum = 0;
        for (float x : v) sum += x;
        double mean = sum / n;
        double ss = 0;
        for (float x : v) ss += (x - mean) * (x - mean);
        double std = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        Arrays.sort(v);
        double median = percentileSorted(v, 50);
        float[] dev = new float[n];
        for (int i = 0; i < n; i++) dev[i] = (float) Math.abs(v[i] - median);
        Arrays.sort(dev);
        return new Summary(n, mean, std, median, percentileSorted(dev, 50), v[0], v[n - 1]);
    }

    /** Percentile p in [0, 100] of finite values in the mask; NaN if none. */
    public static double percentile(float[] values, Mask mask, double p) {
        float[] v = select(values, mask);
        if (v.length == 0) return Double.NaN;
        Arrays.sort(v);
        return percentileSorted(v, p);
    }

    public static double median(float[] values, Mask mask) {
        return percentile(values, mask, 50);
    }

    /** Percentile of an ascending array (linear interpolation). */
    public static double percentileSorted(float[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        double pos = (p / 100.0) * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double f = pos - lo;
        return sorted[lo] + (sorted[hi] - sorted[lo]) * f;
    }
}
