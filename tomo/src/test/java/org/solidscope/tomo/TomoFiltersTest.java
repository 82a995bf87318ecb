package org.solidscope.tomo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.solidscope.core.Progress;

/** Median, Otsu and labelling against naive references on random volumes. */
class TomoFiltersTest {
    static Volume16 random(int nx, int ny, int nz, long seed, int span) {
        SplittableRandom r = new SplittableRandom(seed);
        Volume16 v = Volume16.zeros(nx, ny, nz, 1);
        for (short[] s : v.slices()) for (int i = 0; i < s.length; i++) s[i] = (short) r.nextInt(span);
        return v;
    }

    @Test
    void medianEqualsANaiveSortOfEveryWindow() {
        for (int[] size : new int[][] {{17, 13, 11}, {1, 5, 4}, {9, 1, 1}, {3, 3, 3}}) {
            Volume16 v = random(size[0], size[1], size[2], size[0] * 31L, 65536);
            Volume16 m = Median3.filter(v, Progress.NONE);
            int[] w = new int[27];
            for (int z = 0; z < v.nz(); z++) for (int y = 0; y < v.ny(); y++) for (int x = 0; x < v.nx(); x++) {
                int k = 0;
                for (int dz = -1; dz <= 1; dz++) for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) {
                    w[k++] = v.get(clamp(x + dx, v.nx()), clamp(y + dy, v.ny()), clamp(z + dz, v.nz()));
                }
                Arrays.sort(w);
                assertEquals(w[13], m.get(x, y, z), "at " + x + "," + y + "," + z);
            }
        }
    }

    static int clamp(int i, int n) { return Math.max(0, Math.min(n - 1, i)); }

    @Test
    void otsuMaximisesTheBetweenClassVarianceByBruteForce() {
        SplittableRandom r = new SplittableRandom(3);
        Volume16 v = Volume16.zeros(40, 30, 20, 1);
        // two phases, as a segmented CT volume: dark pores and bright solid
        for (short[] s : v.slices()) for (int i = 0; i < s.length; i++) s[i] = (short) (r.nextDouble() < 0.3 ? 9000 + r.nextGaussian() * 1500 : 30000 + r.nextGaussian() * 4000);
        long[] h = Otsu.histogram(v);
        int t = Otsu.threshold(h);
        double best = -1;
        int bt = -1;
        double n = v.voxels();
        for (int c = 0; c < 65535; c++) {
            double w0 = 0, s0 = 0, s1 = 0;
            // brute force over distinct candidate values only
            if (h[c] == 0) continue;
            for (int i = 0; i <= c; i++) { w0 += h[i]; s0 += (double) i * h[i]; }
            for (int i = c + 1; i < 65536; i++) s1 += (double) i * h[i];
            double w1 = n - w0;
            if (w0 == 0 || w1 == 0) continue;
            double b = w0 * w1 * Math.pow(s0 / w0 - s1 / w1, 2);
            if (b > best) { best = b; bt = c; }
        }
        assertEquals(bt, t);
        long fg = Otsu.apply(v, t).count();
        assertEquals(0.7, fg / n, 0.02, "the bright phase is the foreground");
    }

    @Test
    void phantomHasTheRequestedPorosityAndTheChainRecoversIt() {
        Volume16 v = Phantoms.porous(48, 0.35, 5);
        long pores = 0;
        for (short[] sl : v.slices()) for (short x : sl) if ((x & 0xFFFF) < 19500) pores++;
        // the phases lie 8σ apart: classifying by the midpoint counts the true pores within noise
        assertEquals(0.35, (double) pores / v.voxels(), 0.002);
        Mask3 raw = Otsu.apply(v, Otsu.threshold(Otsu.histogram(v)));
        assertEquals(0.65, (double) raw.count() / v.voxels(), 0.002, "Otsu recovers the solid fraction");
        Volume16 m = Median3.filter(v, Progress.NONE);
        Mask3 solid = Otsu.apply(m, Otsu.threshold(Otsu.histogram(m)));
        // pores a few voxels wide lose their corners to a 3x3x3 median
        assertEquals(0.65, (double) solid.count() / v.voxels(), 0.05, "median + Otsu keep the solid fraction");
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 18, 26})
    void labelsEqualAVoxelUnionFindAndABreadthFirstReference(int connectivity) {
        SplittableRandom r = new SplittableRandom(connectivity);
        for (int trial = 0; trial < 6; trial++) {
            int nx = 10 + r.nextInt(20), ny = 8 + r.nextInt(15), nz = 5 + r.nextInt(12);
            byte[][] s = new byte[nz][nx * ny];
            double p = 0.2 + 0.3 * r.nextDouble();
            for (byte[] b : s) for (int i = 0; i < b.length; i++) b[i] = (byte) (r.nextDouble() < p ? 1 : 0);
            Mask3 m = new Mask3(nx, ny, nz, s);
            Labeling3D.Result res = Labeling3D.label(m, connectivity);
            for (int[][] ref : new int[][][] {unionFind(m, connectivity), bfs(m, connectivity)}) {
                Map<Integer, Integer> a = new HashMap<>(), b = new HashMap<>();
                for (int z = 0; z < nz; z++) for (int i = 0; i < nx * ny; i++) {
                    int mine = res.labels()[z][i], theirs = ref[z][i];
                    assertEquals(mine == 0, theirs == 0);
                    if (mine == 0) continue;
                    assertEquals(theirs, a.computeIfAbsent(mine, k -> theirs));
                    assertEquals(mine, b.computeIfAbsent(theirs, k -> mine));
                }
                assertEquals(a.size(), res.components().size());
            }
            long total = 0;
            for (Labeling3D.Component c : res.components()) total += c.voxels();
            assertEquals(m.count(), total);
        }
    }

    /** Reference labels by a plain union-find over voxels: every voxel joined with each foreground neighbour. */
    static int[][] unionFind(Mask3 m, int conn) {
        int nx = m.nx(), ny = m.ny(), nz = m.nz(), n = nx * ny * nz;
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) {
            if (!m.get(x, y, z)) continue;
            for (int dz = -1; dz <= 1; dz++) for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) {
                int o = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
                if (o == 0 || (conn == 6 && o > 1) || (conn == 18 && o > 2)) continue;
                int xx = x + dx, yy = y + dy, zz = z + dz;
                if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz || !m.get(xx, yy, zz)) continue;
                int a = root(parent, (z * ny + y) * nx + x), b = root(parent, (zz * ny + yy) * nx + xx);
                parent[Math.max(a, b)] = Math.min(a, b);
            }
        }
        int[][] lab = new int[nz][nx * ny];
        for (int z = 0; z < nz; z++) for (int i = 0; i < nx * ny; i++) {
            if (m.slices()[z][i] != 0) lab[z][i] = root(parent, z * nx * ny + i) + 1;
        }
        return lab;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) i = parent[i];
        return i;
    }

    static int[][] bfs(Mask3 m, int conn) {
        int nx = m.nx(), ny = m.ny(), nz = m.nz();
        int[][] lab = new int[nz][nx * ny];
        int next = 0;
        for (int z = 0; z < nz; z++) for (int i = 0; i < nx * ny; i++) {
            if (m.slices()[z][i] == 0 || lab[z][i] != 0) continue;
            next++;
            ArrayDeque<int[]> q = new ArrayDeque<>();
            q.add(new int[] {i % nx, i / nx, z});
            lab[z][i] = next;
            while (!q.isEmpty()) {
                int[] p = q.poll();
                for (int dz = -1; dz <= 1; dz++) for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) {
                    int o = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
                    if (o == 0 || (conn == 6 && o > 1) || (conn == 18 && o > 2)) continue;
                    int x = p[0] + dx, y = p[1] + dy, zz = p[2] + dz;
                    if (x < 0 || y < 0 || zz < 0 || x >= nx || y >= ny || zz >= nz) continue;
                    int j = y * nx + x;
                    if (m.slices()[zz][j] == 0 || lab[zz][j] != 0) continue;
                    lab[zz][j] = next;
                    q.add(new int[] {x, y, zz});
                }
            }
        }
        return lab;
    }
}
