package org.solidscope.tomo.recon;

import java.util.stream.IntStream;
import org.solidscope.core.Fft;

/**
 * Parallel-beam filtered back-projection of one slice.
 *
 * <p>Geometry: pixel (row i, column j) of an n × n slice sits at x = j − (n−1)/2, y = i − (n−1)/2
 * (pixels); a ray at angle θ meets the detector at s = x·cosθ + y·sinθ, read at bin
 * {@code s + centre} with linear interpolation (zero outside the detector). The angles must cover a
 * half or a full turn evenly; the sum over angles is scaled by π/(2·angles), which with the
 * doubled ramp of {@link FbpFilter} is Δθ for a half turn and Δθ/2 for a full one. Values come out
 * per pixel: divide by the pixel size for an attenuation coefficient per length.
 */
public final class FilteredBackProjection {
    private FilteredBackProjection() {}

    /** Zero-padded size of the filter FFT: at least twice the detector, as skimage does. */
    static int paddedSize(int detectors) {
        return Math.max(64, Fft.nextPowerOfTwo(2 * detectors));
    }

    /** Filtered rows are stored with one zero before and two after, so interpolation needs no bounds test. */
    static final int PAD_BEFORE = 1, PAD = 3;

    /**
     * Filters every projection row; returns rows of length {@code detectors + 3}: a zero, the
     * filtered bins, two zeros (see {@link #PAD_BEFORE}).
     */
    public static float[] filter(Sinogram s, FbpFilter filter) {
        return filter(s, filter, false);
    }

    /** As {@link #filter(Sinogram, FbpFilter)}, with the rows split over all cores when {@code parallel}. */
    public static float[] filter(Sinogram s, FbpFilter filter, boolean parallel) {
        return filterRows(s, filter, parallel, false);
    }

    /**
     * The filtered rows ({@code fine == false}, rows of {@code detectors + PAD}) or straight away their oversampled
     * form ({@link #upsample}): each task oversamples the rows it has just filtered, on its own core.
     */
    private static float[] filterRows(Sinogram s, FbpFilter filter, boolean parallel, boolean fine) {
        int d = s.detectors(), stride = d + PAD, size = paddedSize(d), fineStride = (stride - 1) * UPSAMPLE + 1;
        double[] h = filter.response(size);
        float[] out = new float[s.angles() * (fine ? fineStride : stride)];
        final int rowsPerTask = 32;
        int tasks = (s.angles() + rowsPerTask - 1) / rowsPerTask;
        IntStream range = IntStream.range(0, tasks);
        (parallel ? range.parallel() : range).forEach(task -> {
            double[] re = new double[size], im = new double[size];
            float[] row = new float[stride];
            int end = Math.min(s.angles(), (task + 1) * rowsPerTask);
            for (int a = task * rowsPerTask; a < end; a += 2) filterPair(s, a, a + 1 < end, h, re, im, row, out, fine);
        });
        return out;
    }

    /**
     * Rows a and, when {@code pair}, a + 1 through one complex FFT: the filter is real and even, so the two stay apart
     * in re and im. A method of its own so that the JIT compiles it by its calls, early in a cold call.
     */
    private static void filterPair(Sinogram s, int a, boolean pair, double[] h, double[] re, double[] im, float[] row, float[] out, boolean fine) {
        int d = s.detectors(), stride = row.length, fineStride = (stride - 1) * UPSAMPLE + 1;
        float[] v = s.values();
        java.util.Arrays.fill(re, 0);
        java.util.Arrays.fill(im, 0);
        for (int k = 0; k < d; k++) re[k] = v[a * d + k];
        if (pair) for (int k = 0; k < d; k++) im[k] = v[(a + 1) * d + k];
        Fft.transform(re, im, false);
        for (int i = 0; i < re.length; i++) { re[i] *= h[i]; im[i] *= h[i]; }
        Fft.transform(re, im, true);
        for (int r = 0; r < (pair ? 2 : 1); r++) {
            double[] f = r == 0 ? re : im;
            for (int k = 0; k < d; k++) row[PAD_BEFORE + k] = (float) f[k];
            if (fine) upsampleRow(row, 0, stride, out, (a + r) * fineStride);
            else System.arraycopy(row, 0, out, (a + r) * stride, stride);
        }
    }

    /** Reconstructs an n × n slice with the rotation axis at detector bin {@code centre}. */
    public static float[] reconstruct(Sinogram s, FbpFilter filter, double centre, int n, boolean parallel) {
        return backProjectFine(filterRows(s, filter, parallel, true), s.anglesRad(), s.detectors(), centre, n, parallel);
    }

    /** Back-projects rows filtered by {@link #filter}; {@code parallel} splits the slice's rows over all cores. */
    public static float[] backProject(float[] filtered, double[] anglesRad, int detectors, double centre, int n, boolean parallel) {
        return backProjectFine(upsample(filtered, anglesRad.length, detectors + PAD), anglesRad, detectors, centre, n, parallel);
    }

    /** Back-projects rows already oversampled by {@link #upsample}. */
    private static float[] backProjectFine(float[] fine, double[] anglesRad, int detectors, double centre, int n, boolean parallel) {
        int na = anglesRad.length;
        double[] cos = new double[na], sin = new double[na];
        for (int a = 0; a < na; a++) { cos[a] = Math.cos(anglesRad[a]); sin[a] = Math.sin(anglesRad[a]); }
        float[] img = new float[n * n];
        final int block = 16;
        int blocks = (n + block - 1) / block;
        IntStream range = IntStream.range(0, blocks);
        (parallel ? range.parallel() : range).forEach(b -> backProjectRows(cos, sin, detectors, centre, n,
                b * block, Math.min(n, (b + 1) * block), img, fine));
        float scale = (float) (Math.PI / (2 * na));
        for (int i = 0; i < img.length; i++) img[i] *= scale;
        return img;
    }

    /** Sub-bin steps of the oversampled rows: the lookup is off by at most 1/(2·UPSAMPLE) bin from exact linear interpolation. */
    static final int UPSAMPLE = 8;

    /**
     * Each filtered row linearly interpolated at UPSAMPLE points per bin. The back-projector then
     * needs one load per voxel update instead of two loads and a multiply; the sample it takes is
     * the linear interpolation at the nearest 1/UPSAMPLE of a bin.
     */
    static float[] upsample(float[] f, int rows, int stride) {
        int fineStride = (stride - 1) * UPSAMPLE + 1;
        float[] q = new float[rows * fineStride];
        for (int r = 0; r < rows; r++) upsampleRow(f, r * stride, stride, q, r * fineStride);
        return q;
    }

    /** One row of {@link #upsample}: {@code stride} values from {@code f[o]} to {@code (stride − 1)·UPSAMPLE + 1} at {@code q[fo]}. */
    private static void upsampleRow(float[] f, int o, int stride, float[] q, int fo) {
        for (int k = 0; k < stride - 1; k++) {
            float p0 = f[o + k], dp = (f[o + k + 1] - p0) / UPSAMPLE;
            for (int u = 0; u < UPSAMPLE; u++) q[fo + k * UPSAMPLE + u] = p0 + u * dp;
        }
        q[fo + (stride - 1) * UPSAMPLE] = f[o + stride - 1];
    }

    private static void backProjectRows(double[] cos, double[] sin, int d, double centre, int n, int i0, int i1, float[] img, float[] q) {
        int[] lo = new int[GROUP], hi = new int[GROUP];
        float[] tb = new float[GROUP], cf = new float[GROUP];
        // eight angles per pass over a row: the accumulator is loaded and stored once for eight updates;
        // the eight oversampled rows (8 × 16 KB at 512 bins) stay in cache while the block's rows pass
        for (int a = 0; a < cos.length; a += GROUP) {
            for (int i = i0; i < i1; i++) backProjectRow(cos, sin, a, i, d, centre, n, img, q, lo, hi, tb, cf);
        }
    }

    /** Angles per pass over a row. */
    private static final int GROUP = 8;

    /**
     * Angles a … a + 7 onto row i. A method of its own, called once per row and group of angles: the JIT compiles it
     * (and what it calls) within the first rows of a cold call, where as the body of the loop nest it ran
     * interpreted until the whole nest had been compiled on stack.
     */
    private static void backProjectRow(double[] cos, double[] sin, int a, int i, int d, double centre, int n, float[] img, float[] q,
                                       int[] lo, int[] hi, float[] tb, float[] cf) {
        int fineStride = (d + PAD - 1) * UPSAMPLE + 1, row = i * n;
        double half = (n - 1) / 2.0;
        int m = Math.min(GROUP, cos.length - a), clo = 0, chi = n - 1;
        for (int g = 0; g < m; g++) {
            double c = cos[a + g];
            // s(j) = base + j·c in stored-bin units (PAD_BEFORE added); keep 1 ≤ s ≤ d
            double base = -half * c + (i - half) * sin[a + g] + centre + PAD_BEFORE;
            // the columns where 1 ≤ s(j) ≤ d; no branch on the angle, which the JIT would compile as a trap while the
            // first angles it profiles lie on one side of 90°; |c| < 1e-12 (a ray along the columns) is all or nothing
            double cs = Math.copySign(Math.max(Math.abs(c), 1e-12), c);
            double t0 = (PAD_BEFORE - base) / cs, t1 = (d - 1 + PAD_BEFORE - base) / cs;
            int jlo = (int) Math.ceil(Math.min(t0, t1)), jhi = (int) Math.floor(Math.max(t0, t1));
            lo[g] = Math.max(jlo, 0);
            hi[g] = Math.min(jhi, n - 1);
            // fine-sample units, + ½ so that truncation rounds to the nearest sample
            tb[g] = (float) (base * UPSAMPLE + 0.5);
            cf[g] = (float) (c * UPSAMPLE);
            clo = Math.max(clo, lo[g]);
            chi = Math.min(chi, hi[g]);
        }
        if (m == GROUP && clo <= chi) {
            int o0 = a * fineStride, o1 = o0 + fineStride, o2 = o1 + fineStride, o3 = o2 + fineStride;
            int o4 = o3 + fineStride, o5 = o4 + fineStride, o6 = o5 + fineStride, o7 = o6 + fineStride;
            accumulate8(q, o0, o1, o2, o3, o4, o5, o6, o7, tb, cf, clo, chi, img, row);
            for (int g = 0; g < GROUP; g++) {
                accumulate(q, (a + g) * fineStride, tb[g], cf[g], lo[g], Math.min(hi[g], clo - 1), img, row);
                accumulate(q, (a + g) * fineStride, tb[g], cf[g], Math.max(lo[g], chi + 1), hi[g], img, row);
            }
        } else {
            for (int g = 0; g < m; g++) accumulate(q, (a + g) * fineStride, tb[g], cf[g], lo[g], hi[g], img, row);
        }
    }

    /**
     * Eight angles' contributions to columns clo … chi of a row, where all eight fall on the detector. A method of its
     * own, called once per row and group of angles: the JIT compiles this small loop within the first rows of a cold
     * call, where inside the whole back-projector it waited for the compilation of the enclosing loop nest.
     */
    private static void accumulate8(float[] q, int o0, int o1, int o2, int o3, int o4, int o5, int o6, int o7, float[] tb, float[] cf,
                                    int clo, int chi, float[] img, int row) {
        float b0 = tb[0], b1 = tb[1], b2 = tb[2], b3 = tb[3], c0 = cf[0], c1 = cf[1], c2 = cf[2], c3 = cf[3];
        float b4 = tb[4], b5 = tb[5], b6 = tb[6], b7 = tb[7], c4 = cf[4], c5 = cf[5], c6 = cf[6], c7 = cf[7];
        for (int j = clo; j <= chi; j++) {
            // no running sum (no drift); the padding keeps the index inside the row despite rounding
            img[row + j] += (q[o0 + (int) (b0 + j * c0)] + q[o1 + (int) (b1 + j * c1)])
                    + (q[o2 + (int) (b2 + j * c2)] + q[o3 + (int) (b3 + j * c3)])
                    + ((q[o4 + (int) (b4 + j * c4)] + q[o5 + (int) (b5 + j * c5)])
                    + (q[o6 + (int) (b6 + j * c6)] + q[o7 + (int) (b7 + j * c7)]));
        }
    }

    /** One angle's contribution to columns jlo … jhi of a row. */
    private static void accumulate(float[] q, int off, float tb, float cf, int jlo, int jhi, float[] img, int row) {
        for (int j = jlo; j <= jhi; j++) img[row + j] += q[off + (int) (tb + j * cf)];
    }
}
