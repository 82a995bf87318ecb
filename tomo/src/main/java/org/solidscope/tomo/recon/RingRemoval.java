package org.solidscope.tomo.recon;

import java.util.Locale;

/**
 * Removes stripes from a sinogram, which would otherwise reconstruct as rings (a detector pixel
 * that reads too high or too low at every angle).
 *
 * <ul>
 * <li>{@link Method#SORTING}: after Vo, Atwood &amp; Drakopoulos, Opt. Express 26 (2018) 28396, the
 * sorting-based algorithm. Each detector column is sorted over the angles; in the sorted image a
 * stripe is a column that is off along its whole length, which a median across the detector axis
 * removes; the values go back to their original angles.</li>
 * <li>{@link Method#FILTERING}: after the same paper's filtering-based algorithm. The sinogram is
 * split along the angle axis into a smooth part (a Gaussian of σ angles) and the rest; stripes
 * live in the smooth part, which alone is corrected by the sorting step; the rest is added back
 * untouched, so fine detail is not median-filtered.</li>
 * </ul>
 */
public final class RingRemoval {
    private RingRemoval() {}

    public enum Method {
        NONE, SORTING, FILTERING;

        public static Method parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ring removal: expected none, sorting or filtering, found '" + s + "'");
            }
        }
    }

    /** Applies {@code method} with a median window of {@code size} bins (odd) and, for filtering, σ in angles. */
    public static Sinogram apply(Sinogram s, Method method, int size, double sigma) {
        return switch (method) {
            case NONE -> s;
            case SORTING -> s.withValues(sorting(s.values(), s.angles(), s.detectors(), size));
            case FILTERING -> s.withValues(filtering(s.values(), s.angles(), s.detectors(), size, sigma));
        };
    }

    static float[] sorting(float[] v, int na, int nd, int size) {
        if (size < 3 || size % 2 == 0) throw new IllegalArgumentException("ring removal: median size must be odd and ≥ 3, found " + size);
        // sort each column, keeping where each value came from
        float[] sorted = new float[na * nd];
        int[] from = new int[na * nd];
        long[] keys = new long[na];
        for (int k = 0; k < nd; k++) {
            for (int a = 0; a < na; a++) keys[a] = (sortableBits(v[a * nd + k]) << 32) | a;
            java.util.Arrays.sort(keys);
            for (int r = 0; r < na; r++) {
                int a = (int) (keys[r] & 0xffffffffL);
                sorted[r * nd + k] = v[a * nd + k];
                from[r * nd + k] = a;
            }
        }
        // median across the detector at each rank, then back to the original angles
        float[] out = new float[na * nd];
        float[] window = new float[size];
        int h = size / 2;
        for (int r = 0; r < na; r++) {
            for (int k = 0; k < nd; k++) {
                int m = 0;
                for (int q = k - h; q <= k + h; q++) {
                    int qq = q < 0 ? -q : q >= nd ? 2 * nd - 2 - q : q; // mirrored edges
                    window[m++] = sorted[r * nd + Math.max(0, Math.min(nd - 1, qq))];
                }
                java.util.Arrays.sort(window, 0, m);
                out[from[r * nd + k] * nd + k] = window[m / 2];
            }
        }
        return out;
    }

    static float[] filtering(float[] v, int na, int nd, int size, double sigma) {
        if (!(sigma > 0)) throw new IllegalArgumentException("ring removal: sigma must be positive, found " + sigma);
        int h = (int) Math.ceil(3 * sigma);
        double[] w = new double[2 * h + 1];
        double sw = 0;
        for (int i = -h; i <= h; i++) sw += w[i + h] = Math.exp(-i * i / (2 * sigma * sigma));
        float[] smooth = new float[na * nd];
        for (int a = 0; a < na; a++) {
            for (int k = 0; k < nd; k++) {
                double s = 0;
                for (int i = -h; i <= h; i++) {
                    int aa = Math.floorMod(a + i, 2 * na); // mirrored along the angles
                    if (aa >= na) aa = 2 * na - 1 - aa;
                    s += w[i + h] * v[aa * nd + k];
                }
                smooth[a * nd + k] = (float) (s / sw);
            }
        }
        float[] corrected = sorting(smooth, na, nd, size);
        float[] out = new float[na * nd];
        for (int i = 0; i < out.length; i++) out[i] = corrected[i] + (v[i] - smooth[i]);
        return out;
    }

    /** A signed int that orders like the float (sign-magnitude to two's complement), widened for a key's high half. */
    private static long sortableBits(float f) {
        int b = Float.floatToIntBits(f);
        return b ^ ((b >> 31) & 0x7fffffff);
    }
}
