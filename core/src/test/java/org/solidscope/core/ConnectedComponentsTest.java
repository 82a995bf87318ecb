package org.solidscope.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {

    /** Reference labelling: union-find over all neighbour pairs. */
    static int[] unionFind(boolean[] m, int w, int h, boolean eight) {
        int[] parent = new int[m.length];
        for (int i = 0; i < parent.length; i++) parent[i] = i;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!m[i]) continue;
                int[][] nb = eight ? new int[][] {{1, 0}, {0, 1}, {1, 1}, {-1, 1}} : new int[][] {{1, 0}, {0, 1}};
                for (int[] d : nb) {
                    int xx = x + d[0], yy = y + d[1];
                    if (xx < 0 || xx >= w || yy >= h) continue;
                    int j = yy * w + xx;
                    if (m[j]) parent[find(parent, i)] = find(parent, j);
                }
            }
        }
        int[] root = new int[m.length];
        for (int i = 0; i < m.length; i++) root[i] = m[i] ? find(parent, i) : -1;
        return root;
    }

    static int find(int[] p, int i) {
        while (p[i] != i) i = p[i] = p[p[i]];
        return i;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void labelsEqualAUnionFindPartitionOnRandomMasks(boolean eight) {
        SplittableRandom r = new SplittableRandom(42);
        for (int trial = 0; trial < 20; trial++) {
            int w = 30 + r.nextInt(50), h = 20 + r.nextInt(40);
            boolean[] m = new boolean[w * h];
            double p = 0.3 + 0.4 * r.nextDouble();
            for (int i = 0; i < m.length; i++) m[i] = r.nextDouble() < p;
            ConnectedComponents.Labeling lab = ConnectedComponents.label(new Mask(w, h, m), eight);
            int[] ref = unionFind(m, w, h, eight);
            Map<Integer, Integer> a = new HashMap<>(), b = new HashMap<>();
            for (int i = 0; i < m.length; i++) {
                assertEquals(m[i], lab.labels()[i] > 0);
                if (!m[i]) continue;
                // the two labellings must be a bijection on set pixels
                int mine = lab.labels()[i], theirs = ref[i];
                assertEquals(theirs, a.computeIfAbsent(mine, k -> theirs));
                assertEquals(mine, b.computeIfAbsent(theirs, k -> mine));
            }
            int area = 0;
            for (Region reg : lab.regions()) area += reg.areaPx();
            assertEquals(countSet(m), area);
        }
    }

    private static int countSet(boolean[] m) {
        int n = 0;
        for (boolean b : m) if (b) n++;
        return n;
    }

    @Test
    void discFeaturesMatchGeometry() {
        int w = 201, h = 201;
        double cx = 100.3, cy = 99.6, rad = 60;
        boolean[] m = new boolean[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) m[y * w + x] = Math.hypot(x - cx, y - cy) <= rad;
        Region r = ConnectedComponents.label(new Mask(w, h, m), true).regions().get(0);
        assertEquals(Math.PI * rad * rad, r.areaPx(), 0.005 * Math.PI * rad * rad);
        assertEquals(cx, r.centroidX(), 0.05, "digitisation moves the centroid by a few hundredths of a pixel");
        assertEquals(cy, r.centroidY(), 0.05);
        assertEquals(2 * rad, r.equivalentDiameterPx(), 0.2);
        assertEquals(2 * Math.PI * rad, r.perimeterPx(), 0.03 * 2 * Math.PI * rad, "Crofton perimeter of a disc");
        assertTrue(r.circularity() > 0.95, "circularity " + r.circularity());
        assertEquals(1.0, r.axisRatio(), 0.01);
    }

    @Test
    void rectangleAxesAndOrientation() {
        int w = 120, h = 60;
        boolean[] m = new boolean[w * h];
        for (int y = 20; y < 30; y++) for (int x = 10; x < 110; x++) m[y * w + x] = true;
        Region r = ConnectedComponents.label(new Mask(w, h, m), false).regions().get(0);
        assertEquals(1000, r.areaPx());
        // the equal-moment ellipse of an a×b rectangle has full axes a·√(4/3)·… : major/minor = a/b
        assertEquals(0.1, r.axisRatio(), 0.005);
        assertEquals(0.0, r.orientationRad(), 1e-9);
        assertEquals(10, r.minX());
        assertEquals(109, r.maxX());
        // Crofton's estimate is isotropic: axis-aligned edges read π/4 short, so 0.26 reads as 0.42
        assertEquals(4 * Math.PI * 1000 / Math.pow(220 * Math.PI / 4, 2), r.circularity(), 1e-9);
    }
}
