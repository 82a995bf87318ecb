package org.solidscope.tomo;

/**
 * Otsu's threshold on the full 16-bit histogram (65,536 bins, not a 256-bin reduction): the value t
 * maximising the between-class variance w₀w₁(μ₀ − μ₁)² of the classes {v ≤ t} and {v > t}. As in
 * scikit-image's {@code threshold_otsu}, foreground is {@code v > t}.
 */
public final class Otsu {
    private Otsu() {}

    public static long[] histogram(Volume16 v) {
        long[] h = new long[65536];
        for (short[] s : v.slices()) for (short x : s) h[x & 0xFFFF]++;
        return h;
    }

    public static int threshold(long[] hist) {
        double total = 0, sum = 0;
        for (int i = 0; i < hist.length; i++) { total += hist[i]; sum += (double) i * hist[i]; }
        double w0 = 0, sum0 = 0, best = -1;
        int t = 0;
        for (int i = 0; i < hist.length - 1; i++) {
            w0 += hist[i];
            sum0 += (double) i * hist[i];
            double w1 = total - w0;
            if (w0 == 0 || w1 == 0) continue;
            double m0 = sum0 / w0, m1 = (sum - sum0) / w1;
            double between = w0 * w1 * (m0 - m1) * (m0 - m1);
            if (between > best) { best = between; t = i; }
        }
        return t;
    }

    /** Voxels above the threshold. */
    public static Mask3 apply(Volume16 v, int t) {
        byte[][] m = new byte[v.nz()][];
        for (int z = 0; z < v.nz(); z++) {
            short[] s = v.slices()[z];
            byte[] b = new byte[s.length];
            for (int i = 0; i < s.length; i++) b[i] = (byte) ((s[i] & 0xFFFF) > t ? 1 : 0);
            m[z] = b;
        }
        return new Mask3(v.nx(), v.ny(), v.nz(), m);
    }
}
