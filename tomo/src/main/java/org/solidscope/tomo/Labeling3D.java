package org.solidscope.tomo;

import java.util.ArrayList;
import java.util.List;

/**
 * Connected components of a binary volume with 6-, 18- or 26-connectivity, on runs: each row's runs of
 * foreground voxels are found once, joined in a union-find forest (path halving) with the overlapping
 * runs of the earlier neighbour rows (two pointers per row pair), then numbered 1…n in the raster order
 * of each component's first voxel and written into the label image run by run. Per component: voxel
 * count, bounding box, centroid (sums over runs).
 */
public final class Labeling3D {
    private Labeling3D() {}

    /** A component: label, voxels, bounding box (inclusive), centroid in voxel coordinates. */
    public record Component(int label, long voxels, int minX, int minY, int minZ, int maxX, int maxY, int maxZ,
                            double cx, double cy, double cz) {}

    public record Result(int nx, int ny, int nz, int[][] labels, List<Component> components) {}

    public static Result label(Mask3 m, int connectivity) {
        if (connectivity != 6 && connectivity != 18 && connectivity != 26) {
            throw new IllegalArgumentException("connectivity must be 6, 18 or 26, got " + connectivity);
        }
        int nx = m.nx(), ny = m.ny(), nz = m.nz();
        int rows = ny * nz;
        // 1. runs of foreground per row (row r = z·ny + y), in arrays
        int[] rowFirst = new int[rows + 1];
        Runs runs = new Runs();
        for (int z = 0; z < nz; z++) {
            byte[] s = m.slices()[z];
            for (int y = 0; y < ny; y++) {
                rowFirst[z * ny + y] = runs.n;
                runs.row(s, y * nx, nx);
            }
        }
        int n = runs.n;
        int[] start = runs.start, end = runs.end;
        rowFirst[rows] = n;
        // 2. join each run with the overlapping runs of its earlier neighbour rows (union-find on runs)
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        int[][] nb = neighbourRows(connectivity); // {dz, dy, x-extension}
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                int r = z * ny + y;
                for (int[] d : nb) {
                    int zz = z + d[0], yy = y + d[1];
                    if (zz < 0 || yy < 0 || yy >= ny) continue;
                    int q = zz * ny + yy, e = d[2];
                    join(parent, start, end, rowFirst[r], rowFirst[r + 1], rowFirst[q], rowFirst[q + 1], e);
                }
            }
        }
        // 3. labels 1…c in raster order of first appearance; fill the label image run by run; statistics from runs
        int[] newLabel = new int[n];
        int count = 0;
        List<long[]> stats = new ArrayList<>();
        int[][] lab = new int[nz][nx * ny];
        for (int z = 0; z < nz; z++) {
            int[] L = lab[z];
            for (int y = 0; y < ny; y++) {
                int r = z * ny + y;
                for (int i = rowFirst[r]; i < rowFirst[r + 1]; i++) {
                    int root = find(parent, i);
                    if (newLabel[root] == 0) {
                        newLabel[root] = ++count;
                        stats.add(new long[] {0, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1, 0, 0, 0});
                    }
                    int l = newLabel[root];
                    java.util.Arrays.fill(L, y * nx + start[i], y * nx + end[i] + 1, l);
                    add(stats.get(l - 1), start[i], end[i], y, z);
                }
            }
        }
        List<Component> comps = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            long[] st = stats.get(k);
            comps.add(new Component(k + 1, st[0], (int) st[1], (int) st[2], (int) st[3], (int) st[4], (int) st[5], (int) st[6],
                    (double) st[7] / st[0], (double) st[8] / st[0], (double) st[9] / st[0]));
        }
        return new Result(nx, ny, nz, lab, comps);
    }

    /**
     * Earlier rows a run can touch, as {dz, dy, e}: overlapping runs there are neighbours when their x
     * ranges meet after widening by e (1 where diagonal neighbours along x belong to the connectivity).
     */
    static int[][] neighbourRows(int connectivity) {
        return switch (connectivity) {
            case 6 -> new int[][] {{0, -1, 0}, {-1, 0, 0}};
            case 18 -> new int[][] {{0, -1, 1}, {-1, 0, 1}, {-1, -1, 0}, {-1, 1, 0}};
            default -> new int[][] {{0, -1, 1}, {-1, -1, 1}, {-1, 0, 1}, {-1, 1, 1}};
        };
    }

    // the per-row work as methods of their own: called for each of the ny·nz rows, the JIT compiles them within the
    // first slices of a cold call (inside one long loop nest they waited for on-stack replacement)

    /** Runs of foreground of each row, appended to growing arrays. */
    private static final class Runs {
        int[] start = new int[1 << 16], end = new int[1 << 16];
        int n;

        void row(byte[] s, int base, int nx) {
            int x = 0;
            while (x < nx) {
                while (x < nx && s[base + x] == 0) x++;
                if (x >= nx) break;
                int x0 = x;
                while (x < nx && s[base + x] != 0) x++;
                if (n == start.length) {
                    start = java.util.Arrays.copyOf(start, n * 2);
                    end = java.util.Arrays.copyOf(end, n * 2);
                }
                start[n] = x0;
                end[n] = x - 1;
                n++;
            }
        }
    }

    /** Joins the runs [i0, i1) of a row with the overlapping runs [j, jEnd) of a neighbour row, x ranges widened by e. */
    private static void join(int[] parent, int[] start, int[] end, int i0, int i1, int j, int jEnd, int e) {
        for (int i = i0; i < i1 && j < jEnd; i++) {
            // skip neighbour runs that end before this run (with the diagonal extension)
            while (j < jEnd && end[j] < start[i] - e) j++;
            for (int k = j; k < jEnd && start[k] <= end[i] + e; k++) union(parent, i, k);
        }
    }

    /** A run's share of its component's statistics: voxels, bounding box, sums for the centroid. */
    private static void add(long[] st, int x0, int x1, int y, int z) {
        long len = x1 - x0 + 1;
        st[0] += len;
        st[1] = Math.min(st[1], x0); st[2] = Math.min(st[2], y); st[3] = Math.min(st[3], z);
        st[4] = Math.max(st[4], x1); st[5] = Math.max(st[5], y); st[6] = Math.max(st[6], z);
        st[7] += (x0 + (long) x1) * len / 2;
        st[8] += y * len;
        st[9] += z * len;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a), rb = find(parent, b);
        if (ra == rb) return;
        if (ra < rb) parent[rb] = ra; else parent[ra] = rb;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
