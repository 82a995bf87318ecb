package org.solidscope.tomo;

import java.util.ArrayList;
import java.util.List;

/**
 * Connected components of a binary volume with 6-, 18- or 26-connectivity. One raster pass gives each
 * foreground voxel the smallest label among its already-visited neighbours and unites the others in a
 * union-find forest (path halving); a second pass replaces labels by their roots, renumbered 1…n in
 * the raster order of each component's first voxel. Per component: voxel count, bounding box, centroid.
 */
public final class Labeling3D {
    private Labeling3D() {}

    /** A component: label, voxels, bounding box (inclusive), centroid in voxel coordinates. */
    public record Component(int label, long voxels, int minX, int minY, int minZ, int maxX, int maxY, int maxZ,
                            double cx, double cy, double cz) {}

    public record Result(int nx, int ny, int nz, int[][] labels, List<Component> components) {}

    /** Backward neighbours (dz, dy, dx) of a voxel in raster order, for a connectivity. */
    static int[][] backward(int connectivity) {
        List<int[]> l = new ArrayList<>();
        for (int dz = -1; dz <= 0; dz++) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    boolean before = dz < 0 || dy < 0 || (dy == 0 && dx < 0);
                    if (!before) continue;
                    int order = Math.abs(dz) + Math.abs(dy) + Math.abs(dx);
                    if (connectivity == 6 && order > 1) continue;
                    if (connectivity == 18 && order > 2) continue;
                    l.add(new int[] {dz, dy, dx});
                }
            }
        }
        return l.toArray(int[][]::new);
    }

    public static Result label(Mask3 m, int connectivity) {
        if (connectivity != 6 && connectivity != 18 && connectivity != 26) {
            throw new IllegalArgumentException("connectivity must be 6, 18 or 26, got " + connectivity);
        }
        int nx = m.nx(), ny = m.ny(), nz = m.nz();
        int[][] nb = backward(connectivity);
        int[][] lab = new int[nz][nx * ny];
        int[] parent = new int[1 << 16];
        int next = 1;
        for (int z = 0; z < nz; z++) {
            byte[] s = m.slices()[z];
            int[] L = lab[z];
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = y * nx + x;
                    if (s[i] == 0) continue;
                    int cur = 0;
                    for (int[] d : nb) {
                        int zz = z + d[0], yy = y + d[1], xx = x + d[2];
                        if (zz < 0 || yy < 0 || yy >= ny || xx < 0 || xx >= nx) continue;
                        int q = lab[zz][yy * nx + xx];
                        if (q == 0) continue;
                        q = find(parent, q);
                        if (cur == 0) cur = q;
                        else if (q != cur) {
                            int a = Math.min(q, cur), b = Math.max(q, cur);
                            parent[b] = a;
                            cur = a;
                        }
                    }
                    if (cur == 0) {
                        if (next == parent.length) parent = java.util.Arrays.copyOf(parent, parent.length * 2);
                        parent[next] = next;
                        cur = next++;
                    }
                    L[i] = cur;
                }
            }
        }
        // roots, renumbered in raster order of first appearance
        int[] newLabel = new int[next];
        int count = 0;
        List<long[]> stats = new ArrayList<>();
        for (int z = 0; z < nz; z++) {
            int[] L = lab[z];
            for (int i = 0; i < L.length; i++) {
                if (L[i] == 0) continue;
                int r = find(parent, L[i]);
                if (newLabel[r] == 0) {
                    newLabel[r] = ++count;
                    stats.add(new long[] {0, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1, 0, 0, 0});
                }
                int l = newLabel[r];
                L[i] = l;
                long[] st = stats.get(l - 1);
                int x = i % nx, y = i / nx;
                st[0]++;
                st[1] = Math.min(st[1], x); st[2] = Math.min(st[2], y); st[3] = Math.min(st[3], z);
                st[4] = Math.max(st[4], x); st[5] = Math.max(st[5], y); st[6] = Math.max(st[6], z);
                st[7] += x; st[8] += y; st[9] += z;
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

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
