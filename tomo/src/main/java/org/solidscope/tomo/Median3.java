package org.solidscope.tomo;

import java.util.stream.IntStream;
import org.solidscope.core.Progress;

/**
 * Exact 3×3×3 median of a 16-bit volume. Edges are handled as SciPy's {@code mode='reflect'}, which for
 * a radius of 1 repeats the edge voxel.
 *
 * <p>Method: along each row, the 9 values of the (y, z) cross-section at x form a column that is sorted
 * once and shared by the three windows that contain it; the median of a window is the 14th smallest of
 * its three sorted columns, found by a 14-step merge. Slices run in parallel.
 */
public final class Median3 {
    private Median3() {}

    public static Volume16 filter(Volume16 in, Progress progress) {
        int nx = in.nx(), ny = in.ny(), nz = in.nz();
        short[][] out = new short[nz][nx * ny];
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        IntStream.range(0, nz).parallel().forEach(z -> {
            short[][] planes = {in.slices()[Math.max(z - 1, 0)], in.slices()[z], in.slices()[Math.min(z + 1, nz - 1)]};
            int[][] cols = new int[nx][9];
            short[] o = out[z];
            for (int y = 0; y < ny; y++) {
                int r0 = Math.max(y - 1, 0) * nx, r1 = y * nx, r2 = Math.min(y + 1, ny - 1) * nx;
                for (int x = 0; x < nx; x++) {
                    int[] c = cols[x];
                    int k = 0;
                    for (short[] p : planes) {
                        c[k++] = p[r0 + x] & 0xFFFF;
                        c[k++] = p[r1 + x] & 0xFFFF;
                        c[k++] = p[r2 + x] & 0xFFFF;
                    }
                    sort9(c);
                }
                for (int x = 0; x < nx; x++) {
                    o[r1 + x] = (short) median27(cols[Math.max(x - 1, 0)], cols[x], cols[Math.min(x + 1, nx - 1)]);
                }
            }
            progress.update(done.incrementAndGet(), nz);
        });
        return new Volume16(nx, ny, nz, in.voxelUm(), out);
    }

    /** Insertion sort of 9 values (few enough that it beats anything cleverer). */
    static void sort9(int[] a) {
        for (int i = 1; i < 9; i++) {
            int v = a[i], j = i - 1;
            while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
            a[j + 1] = v;
        }
    }

    /** The 14th smallest of three sorted arrays of 9. */
    static int median27(int[] a, int[] b, int[] c) {
        int i = 0, j = 0, k = 0, v = 0;
        for (int n = 0; n < 14; n++) {
            int va = i < 9 ? a[i] : Integer.MAX_VALUE, vb = j < 9 ? b[j] : Integer.MAX_VALUE, vc = k < 9 ? c[k] : Integer.MAX_VALUE;
            if (va <= vb && va <= vc) { v = va; i++; }
            else if (vb <= vc) { v = vb; j++; }
            else { v = vc; k++; }
        }
        return v;
    }
}
