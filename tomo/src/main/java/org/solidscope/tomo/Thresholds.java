package org.solidscope.tomo;

/**
 * Global thresholds computed on the full histogram of a 16-bit volume: one bin per grey value (65,536
 * bins), never a 256-bin reduction, so the result is a grey value of the data.
 *
 * <p>Convention for every method: a threshold t splits the grey values into {@code v ≤ t} (the lower
 * class) and {@code v > t}; multi-level thresholds t₁ < t₂ < … give classes {@code v ≤ t₁},
 * {@code t₁ < v ≤ t₂}, …. This matches scikit-image's {@code threshold_otsu} and its multi-Otsu indices.
 * Li's method is iterative on real numbers; its result is returned rounded down, which splits integer
 * data exactly as the real-valued threshold does.
 *
 * <p>Every method takes {@code long[] hist} with {@code hist[v]} = number of voxels of value v (see
 * {@link Otsu#histogram}) and throws {@link IllegalArgumentException} when the histogram holds fewer
 * distinct values than the method needs.
 */
public final class Thresholds {
    private Thresholds() {}

    /** The methods by name, for command lines and reports. */
    public enum Method {
        OTSU, ISODATA, LI, TRIANGLE, MINIMUM_ERROR;

        public int threshold(long[] hist) {
            return switch (this) {
                case OTSU -> Otsu.threshold(requireValues(hist, 2));
                case ISODATA -> isoData(hist);
                case LI -> li(hist);
                case TRIANGLE -> triangle(hist);
                case MINIMUM_ERROR -> minimumError(hist);
            };
        }
    }

    /**
     * Multi-level Otsu: the {@code classes − 1} thresholds that maximise the between-class variance
     * Σ w_k μ_k² (equivalently minimise the within-class sum of squares, the 1D k-means objective).
     * Exact: dynamic programming over the occupied grey range, each layer solved by divide and conquer on
     * the optimal split, which is monotone because the within-class sum of squares obeys the quadrangle
     * inequality. Cost O(classes · L log L) for L occupied grey levels, against O(L^(classes−1)) for a search.
     */
    public static int[] multiOtsu(long[] hist, int classes) {
        if (classes < 2) throw new IllegalArgumentException("classes must be at least 2, got " + classes);
        requireValues(hist, classes);
        int lo = first(hist), hi = last(hist);
        int n = hi - lo + 1;
        // prefix sums over the occupied range; values centred on the mean keep the squares small
        double mean = mean(hist, lo, hi);
        double[] w = new double[n + 1], s = new double[n + 1];
        for (int i = 0; i < n; i++) {
            w[i + 1] = w[i] + hist[lo + i];
            s[i + 1] = s[i] + (lo + i - mean) * hist[lo + i];
        }
        // f[b] = best Σ S²/W of the first k classes covering bins 0…b; split[k][b] = last bin of class k−1
        double[] f = new double[n], g = new double[n];
        for (int b = 0; b < n; b++) f[b] = gain(w, s, 0, b);
        int[][] split = new int[classes][n];
        for (int k = 1; k < classes; k++) {
            java.util.Arrays.fill(g, Double.NEGATIVE_INFINITY);
            // class k (0-based) needs at least one bin after k bins for the classes before it
            solveLayer(f, g, split[k], w, s, k, n - 1, k - 1, n - 2);
            double[] t = f; f = g; g = t;
        }
        int[] thresholds = new int[classes - 1];
        int b = n - 1;
        for (int k = classes - 1; k >= 1; k--) {
            b = split[k][b];
            thresholds[k - 1] = lo + b;
        }
        return thresholds;
    }

    /** Between-class term S²/W of the bins a…b (inclusive); 0 for an empty class. */
    private static double gain(double[] w, double[] s, int a, int b) {
        double ww = w[b + 1] - w[a];
        if (ww <= 0) return 0;
        double ss = s[b + 1] - s[a];
        return ss * ss / ww;
    }

    /** g[b] = max over j in [jLo, min(jHi, b − 1)] of f[j] + gain(j + 1, b), for b in [bLo, bHi]. */
    private static void solveLayer(double[] f, double[] g, int[] arg, double[] w, double[] s, int bLo, int bHi, int jLo, int jHi) {
        // iterative divide and conquer: a stack of (bLo, bHi, jLo, jHi) ranges
        int[] stack = new int[4 * 64];
        int top = 0;
        stack[top++] = bLo; stack[top++] = bHi; stack[top++] = jLo; stack[top++] = jHi;
        while (top > 0) {
            int qh = stack[--top], ql = stack[--top], bh = stack[--top], bl = stack[--top];
            if (bl > bh) continue;
            int mid = (bl + bh) >>> 1;
            double best = Double.NEGATIVE_INFINITY;
            int bestJ = ql;
            for (int j = ql, end = Math.min(qh, mid - 1); j <= end; j++) {
                double v = f[j] + gain(w, s, j + 1, mid);
                if (v > best) { best = v; bestJ = j; }
            }
            g[mid] = best;
            arg[mid] = bestJ;
            if (top + 8 > stack.length) stack = java.util.Arrays.copyOf(stack, stack.length * 2);
            stack[top++] = bl; stack[top++] = mid - 1; stack[top++] = ql; stack[top++] = bestJ;
            stack[top++] = mid + 1; stack[top++] = bh; stack[top++] = bestJ; stack[top++] = qh;
        }
    }

    /**
     * IsoData (Ridler–Calvard): the lowest t with t ≤ (μ_low(t) + μ_high(t))/2 < t + 1, where μ_low is the
     * mean of the values ≤ t and μ_high of those > t (scikit-image's {@code threshold_isodata} on
     * unit-width bins). Where no grey level satisfies it exactly, the last t below the mid-point is taken.
     */
    public static int isoData(long[] hist) {
        requireValues(hist, 2);
        int lo = first(hist), hi = last(hist);
        double total = 0, totalSum = 0;
        for (int v = lo; v <= hi; v++) { total += hist[v]; totalSum += (double) v * hist[v]; }
        double w = 0, sum = 0;
        int lastBelow = lo;
        for (int t = lo; t < hi; t++) {
            w += hist[t];
            sum += (double) t * hist[t];
            if (w == 0 || w == total) continue;
            double mid = (sum / w + (totalSum - sum) / (total - w)) / 2;
            if (mid >= t && mid < t + 1) return t;
            if (mid >= t) lastBelow = t;
        }
        return lastBelow;
    }

    /**
     * Li's minimum cross entropy, by Li and Tam's iteration t ← (μ_b − μ_f)/(ln μ_b − ln μ_f) on grey
     * values shifted so the smallest is 0, started at the mean and stopped when t moves by less than half
     * a grey level (scikit-image's {@code threshold_li} defaults). μ_f is the mean of the values above t,
     * μ_b of the others.
     */
    public static int li(long[] hist) {
        requireValues(hist, 2);
        int lo = first(hist), hi = last(hist);
        int n = hi - lo + 1;
        double[] w = new double[n + 1], s = new double[n + 1];
        for (int i = 0; i < n; i++) {
            w[i + 1] = w[i] + hist[lo + i];
            s[i + 1] = s[i] + (double) i * hist[lo + i];
        }
        double tolerance = 0.5;
        double next = s[n] / w[n], current = -2 * tolerance;
        for (int iter = 0; iter < 10_000 && Math.abs(next - current) > tolerance; iter++) {
            current = next;
            // background: shifted values ≤ current, i.e. bins 0…floor(current)
            int k = (int) Math.min(n - 1, Math.floor(current)) + 1;
            double wb = w[k], wf = w[n] - w[k];
            if (wb == 0 || wf == 0) break;
            double mb = s[k] / wb, mf = (s[n] - s[k]) / wf;
            if (mb == 0) break;
            next = (mb - mf) / (Math.log(mb) - Math.log(mf));
        }
        return lo + (int) Math.floor(next);
    }

    /**
     * Triangle (Zack et al. 1977): a line from the histogram's peak to the end of its longer tail (the
     * first or last occupied grey level); the threshold is the grey level between them whose bin lies
     * farthest below that line (scikit-image's {@code threshold_triangle}).
     */
    public static int triangle(long[] hist) {
        requireValues(hist, 2);
        int lo = first(hist), hi = last(hist);
        int peak = lo;
        for (int v = lo; v <= hi; v++) if (hist[v] > hist[peak]) peak = v;
        boolean tailAbove = peak - lo < hi - peak;
        // walk from the tail end towards the peak; distance below the line ∝ h_peak·d − width·h(v)
        int end = tailAbove ? hi : lo, step = tailAbove ? -1 : 1;
        double width = Math.abs(peak - end), height = hist[peak];
        double best = Double.NEGATIVE_INFINITY;
        int arg = end;
        for (int d = 0; d < width; d++) {
            int v = end + step * d;
            double dist = height * d - width * hist[v];
            if (dist > best) { best = dist; arg = v; }
        }
        return arg;
    }

    /**
     * Minimum error (Kittler and Illingworth 1986): models the two classes as normal distributions and
     * takes the t minimising J(t) = 1 + 2[P₁ ln σ₁ + P₂ ln σ₂] − 2[P₁ ln P₁ + P₂ ln P₂], over every t
     * whose two classes both have a spread (σ > 0). Global minimum, not the iterative search that can
     * stop in a local one.
     */
    public static int minimumError(long[] hist) {
        requireValues(hist, 2);
        int lo = first(hist), hi = last(hist);
        double mean = mean(hist, lo, hi);
        double total = 0, totalSum = 0, totalSq = 0;
        for (int v = lo; v <= hi; v++) {
            double x = v - mean;
            total += hist[v]; totalSum += x * hist[v]; totalSq += x * x * hist[v];
        }
        double w = 0, sum = 0, sq = 0, best = Double.POSITIVE_INFINITY;
        int arg = -1;
        for (int t = lo; t < hi; t++) {
            double x = t - mean;
            w += hist[t]; sum += x * hist[t]; sq += x * x * hist[t];
            double w2 = total - w;
            if (w == 0 || w2 == 0) continue;
            double var1 = sq / w - (sum / w) * (sum / w);
            double s2 = totalSum - sum, var2 = (totalSq - sq) / w2 - (s2 / w2) * (s2 / w2);
            if (var1 <= 0 || var2 <= 0) continue;
            double p1 = w / total, p2 = w2 / total;
            double j = 1 + (p1 * Math.log(var1) + p2 * Math.log(var2)) - 2 * (p1 * Math.log(p1) + p2 * Math.log(p2));
            if (j < best) { best = j; arg = t; }
        }
        if (arg < 0) throw new IllegalArgumentException("minimum error needs two classes with a spread; the histogram has too few grey levels");
        return arg;
    }

    /** Class of every voxel for thresholds t₁ < t₂ < …: 0 for v ≤ t₁, 1 for t₁ < v ≤ t₂, …. */
    public static byte[][] classify(Volume16 v, int[] thresholds) {
        byte[] lut = new byte[65536];
        for (int x = 0; x < 65536; x++) {
            int c = 0;
            while (c < thresholds.length && x > thresholds[c]) c++;
            lut[x] = (byte) c;
        }
        byte[][] out = new byte[v.nz()][];
        java.util.stream.IntStream.range(0, v.nz()).parallel().forEach(z -> {
            short[] s = v.slices()[z];
            byte[] b = new byte[s.length];
            for (int i = 0; i < s.length; i++) b[i] = lut[s[i] & 0xFFFF];
            out[z] = b;
        });
        return out;
    }

    private static long[] requireValues(long[] hist, int needed) {
        int distinct = 0;
        for (long c : hist) {
            if (c < 0) throw new IllegalArgumentException("histogram counts must not be negative");
            if (c > 0) distinct++;
        }
        if (distinct < needed) {
            throw new IllegalArgumentException("the volume holds " + distinct + " distinct grey value(s); at least " + needed + " are needed");
        }
        return hist;
    }

    private static int first(long[] h) { int i = 0; while (h[i] == 0) i++; return i; }

    private static int last(long[] h) { int i = h.length - 1; while (h[i] == 0) i--; return i; }

    private static double mean(long[] h, int lo, int hi) {
        double w = 0, s = 0;
        for (int v = lo; v <= hi; v++) { w += h[v]; s += (double) v * h[v]; }
        return s / w;
    }
}
