package org.solidscope.tomo;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.solidscope.core.Progress;

/**
 * Exact median of a 16-bit volume over any structuring element ({@link Structure#cube} or
 * {@link Structure#ball} of radius r). Edges as SciPy's {@code mode='reflect'} (… c b a | a b c …): a
 * voxel k places outside the volume takes the value of the voxel k − 1 places inside.
 *
 * <p>The 3×3×3 cube goes to {@link Median3}, which shares sorted columns between windows. Other elements
 * gather their window through a reflected index table (no bounds tests in the inner loop) and select the
 * middle element in place (quickselect). Every element here is symmetric, so a window holds an odd
 * number of voxels and the median is one of them. Slices run in parallel.
 */
public final class MedianFilter {
    private MedianFilter() {}

    public static Volume16 filter(Volume16 in, Structure element, Progress progress) {
        if (element.name().equals("cube(1)")) return Median3.filter(in, progress);
        int nx = in.nx(), ny = in.ny(), nz = in.nz(), r = element.radius();
        int[][] rows = element.rows();
        int size = 0;
        for (int[] row : rows) size += 2 * row[2] + 1;
        final int count = size;
        int[] xs = reflectedIndices(nx, r);
        short[][] out = new short[nz][nx * ny];
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, nz).parallel().forEach(z -> {
            int[] window = new int[count];
            short[][] src = new short[rows.length][];
            int[] rowBase = new int[rows.length];
            short[] o = out[z];
            for (int y = 0; y < ny; y++) {
                for (int k = 0; k < rows.length; k++) {
                    src[k] = in.slices()[reflect(z + rows[k][0], nz)];
                    rowBase[k] = reflect(y + rows[k][1], ny) * nx;
                }
                for (int x = 0; x < nx; x++) {
                    int n = 0;
                    for (int k = 0; k < rows.length; k++) {
                        short[] s = src[k];
                        int base = rowBase[k], w = rows[k][2];
                        for (int i = x + r - w, end = x + r + w; i <= end; i++) window[n++] = s[base + xs[i]] & 0xFFFF;
                    }
                    o[y * nx + x] = (short) select(window, count, count >>> 1);
                }
            }
            progress.update(done.incrementAndGet(), nz);
        });
        return new Volume16(nx, ny, nz, in.voxelUm(), out);
    }

    /** SciPy's 'reflect' boundary: index i of an axis of length n, mirrored about the edges (period 2n). */
    static int reflect(int i, int n) {
        int m = Math.floorMod(i, 2 * n);
        return m < n ? m : 2 * n - 1 - m;
    }

    /** xs[i + r] = reflect(i) for i in [−r, n + r). */
    static int[] reflectedIndices(int n, int r) {
        int[] xs = new int[n + 2 * r];
        for (int i = 0; i < xs.length; i++) xs[i] = reflect(i - r, n);
        return xs;
    }

    /** The k-th smallest (0-based) of a[0…n), reordering a (Hoare's selection, median-of-three pivot). */
    static int select(int[] a, int n, int k) {
        int lo = 0, hi = n - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            // order a[lo], a[mid], a[hi] so the pivot is their median
            if (a[mid] < a[lo]) swap(a, mid, lo);
            if (a[hi] < a[lo]) swap(a, hi, lo);
            if (a[hi] < a[mid]) swap(a, hi, mid);
            int pivot = a[mid];
            int i = lo, j = hi;
            while (i <= j) {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j) { swap(a, i, j); i++; j--; }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return a[k];
        }
        return a[k];
    }

    private static void swap(int[] a, int i, int j) { int t = a[i]; a[i] = a[j]; a[j] = t; }
}
