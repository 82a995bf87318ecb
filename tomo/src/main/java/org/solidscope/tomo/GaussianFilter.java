package org.solidscope.tomo;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.solidscope.core.Progress;

/**
 * Gaussian smoothing of a 16-bit volume with standard deviation σ (in voxels, the same on every axis).
 * The kernel is exp(−x²/2σ²) sampled at integer offsets |x| ≤ ⌊4σ + ½⌋ and normalised to sum 1, with
 * SciPy's {@code mode='reflect'} edges, as {@code scipy.ndimage.gaussian_filter} with its default
 * truncation of 4σ. Results are rounded to the nearest grey level (SciPy truncates towards zero, so its
 * uint16 output is lower by up to one grey level).
 *
 * <p>Separable and chunked: each output slice sums its 2R + 1 input slices along z into a float
 * buffer, then filters that along x and y; memory beyond the output is three slice buffers per thread,
 * so the volume may be as large as its input and output allow. Slices run in parallel.
 */
public final class GaussianFilter {
    private GaussianFilter() {}

    /** The normalised kernel, index R + x for offset x. */
    public static double[] kernel(double sigmaVoxels) {
        if (!(sigmaVoxels > 0) || sigmaVoxels > 100) {
            throw new IllegalArgumentException("sigma must be in (0, 100] voxels, got " + sigmaVoxels);
        }
        int radius = (int) (4.0 * sigmaVoxels + 0.5);
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        for (int x = -radius; x <= radius; x++) sum += k[x + radius] = Math.exp(-0.5 * x * x / (sigmaVoxels * sigmaVoxels));
        for (int i = 0; i < k.length; i++) k[i] /= sum;
        return k;
    }

    public static Volume16 filter(Volume16 in, double sigmaVoxels, Progress progress) {
        double[] kd = kernel(sigmaVoxels);
        int radius = kd.length / 2;
        float[] k = new float[kd.length];
        for (int i = 0; i < k.length; i++) k[i] = (float) kd[i];
        int nx = in.nx(), ny = in.ny(), nz = in.nz();
        int[] xs = MedianFilter.reflectedIndices(nx, radius), ys = MedianFilter.reflectedIndices(ny, radius);
        short[][] out = new short[nz][];
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, nz).parallel().forEach(z -> {
            float[] a = new float[nx * ny], b = new float[nx * ny];
            // along z
            for (int d = -radius; d <= radius; d++) {
                short[] s = in.slices()[MedianFilter.reflect(z + d, nz)];
                float w = k[d + radius];
                for (int i = 0; i < a.length; i++) a[i] += w * (s[i] & 0xFFFF);
            }
            // along x, a → b: each row padded by reflection, then one pass per kernel tap (contiguous, vectorisable)
            float[] row = new float[nx + 2 * radius];
            for (int y = 0; y < ny; y++) {
                int base = y * nx;
                for (int i = 0; i < row.length; i++) row[i] = a[base + xs[i]];
                java.util.Arrays.fill(b, base, base + nx, 0f);
                for (int d = 0; d < k.length; d++) {
                    float w = k[d];
                    for (int x = 0; x < nx; x++) b[base + x] += w * row[x + d];
                }
            }
            // along y, b → a, rows at a time so the inner loop runs along x
            java.util.Arrays.fill(a, 0f);
            for (int y = 0; y < ny; y++) {
                int base = y * nx;
                for (int d = 0; d < k.length; d++) {
                    int src = ys[y + d] * nx;
                    float w = k[d];
                    for (int x = 0; x < nx; x++) a[base + x] += w * b[src + x];
                }
            }
            short[] o = new short[nx * ny];
            for (int i = 0; i < o.length; i++) o[i] = (short) Math.max(0, Math.min(65535, Math.round(a[i])));
            out[z] = o;
            progress.update(done.incrementAndGet(), nz);
        });
        return new Volume16(nx, ny, nz, in.voxelUm(), out);
    }
}
