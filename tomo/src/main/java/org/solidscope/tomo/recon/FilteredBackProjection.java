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

    /**
     * Filters every projection row; returns rows of length {@code detectors + 1} (a trailing zero
     * lets the back-projector interpolate at the last bin without a bounds test).
     */
    public static float[] filter(Sinogram s, FbpFilter filter) {
        int d = s.detectors(), stride = d + 1, size = paddedSize(d);
        double[] h = filter.response(size);
        float[] out = new float[s.angles() * stride];
        double[] re = new double[size], im = new double[size];
        // two real rows per complex FFT: the filter is real and even, so they stay apart in re and im
        for (int a = 0; a < s.angles(); a += 2) {
            java.util.Arrays.fill(re, 0);
            java.util.Arrays.fill(im, 0);
            boolean pair = a + 1 < s.angles();
            for (int k = 0; k < d; k++) {
                re[k] = s.values()[a * d + k];
                if (pair) im[k] = s.values()[(a + 1) * d + k];
            }
            Fft.transform(re, im, false);
            for (int i = 0; i < size; i++) { re[i] *= h[i]; im[i] *= h[i]; }
            Fft.transform(re, im, true);
            for (int k = 0; k < d; k++) {
                out[a * stride + k] = (float) re[k];
                if (pair) out[(a + 1) * stride + k] = (float) im[k];
            }
        }
        return out;
    }

    /** Reconstructs an n × n slice with the rotation axis at detector bin {@code centre}. */
    public static float[] reconstruct(Sinogram s, FbpFilter filter, double centre, int n, boolean parallel) {
        return backProject(filter(s, filter), s.anglesRad(), s.detectors(), centre, n, parallel);
    }

    /** Back-projects rows filtered by {@link #filter}; {@code parallel} splits the slice's rows over all cores. */
    public static float[] backProject(float[] filtered, double[] anglesRad, int detectors, double centre, int n, boolean parallel) {
        int na = anglesRad.length;
        double[] cos = new double[na], sin = new double[na];
        for (int a = 0; a < na; a++) { cos[a] = Math.cos(anglesRad[a]); sin[a] = Math.sin(anglesRad[a]); }
        float[] img = new float[n * n];
        final int block = 8;
        int blocks = (n + block - 1) / block;
        IntStream range = IntStream.range(0, blocks);
        (parallel ? range.parallel() : range).forEach(b -> backProjectRows(filtered, cos, sin, detectors, centre, n,
                b * block, Math.min(n, (b + 1) * block), img));
        float scale = (float) (Math.PI / (2 * na));
        for (int i = 0; i < img.length; i++) img[i] *= scale;
        return img;
    }

    private static void backProjectRows(float[] f, double[] cos, double[] sin, int d, double centre, int n, int i0, int i1, float[] img) {
        int stride = d + 1;
        double half = (n - 1) / 2.0;
        for (int a = 0; a < cos.length; a++) {
            double c = cos[a], sn = sin[a];
            int off = a * stride;
            for (int i = i0; i < i1; i++) {
                // s(j) = base + j·c; keep the j with 0 ≤ s ≤ d − 1 (bins k and k + 1 both stored)
                double base = -half * c + (i - half) * sn + centre;
                int jlo, jhi;
                if (c > 1e-12) {
                    jlo = (int) Math.ceil(-base / c);
                    jhi = (int) Math.floor((d - 1 - base) / c);
                } else if (c < -1e-12) {
                    jlo = (int) Math.ceil((d - 1 - base) / c);
                    jhi = (int) Math.floor(-base / c);
                } else if (base >= 0 && base <= d - 1) {
                    jlo = 0;
                    jhi = n - 1;
                } else {
                    continue;
                }
                jlo = Math.max(jlo, 0);
                jhi = Math.min(jhi, n - 1);
                int row = i * n;
                float cf = (float) c;
                float tb = (float) base;
                for (int j = jlo; j <= jhi; j++) {
                    float t = tb + j * cf;               // no running sum: no drift across the row
                    int k = (int) t;                     // t ≥ 0 up to rounding, so truncation is floor
                    k = Math.min(Math.max(k, 0), d - 1); // rounding of the float step must not leave the row
                    float p0 = f[off + k];
                    img[row + j] += p0 + (t - k) * (f[off + k + 1] - p0);
                }
            }
        }
    }
}
