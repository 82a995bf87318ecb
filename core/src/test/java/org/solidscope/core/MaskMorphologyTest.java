package org.solidscope.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MaskMorphologyTest {

    @Test
    void distanceTransformEqualsBruteForce() {
        SplittableRandom r = new SplittableRandom(7);
        for (int trial = 0; trial < 10; trial++) {
            int w = 20 + r.nextInt(30), h = 15 + r.nextInt(30);
            boolean[] m = new boolean[w * h];
            for (int i = 0; i < m.length; i++) m[i] = r.nextDouble() < 0.8;
            float[] d = MaskMorphology.distanceToBackground(new Mask(w, h, m));
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double best = m[y * w + x] ? Double.MAX_VALUE : 0;
                    if (m[y * w + x]) {
                        // background includes the ring just outside the grid
                        for (int yy = -1; yy <= h; yy++) {
                            for (int xx = -1; xx <= w; xx++) {
                                boolean bg = xx < 0 || yy < 0 || xx >= w || yy >= h || !m[yy * w + xx];
                                if (bg) best = Math.min(best, (double) (x - xx) * (x - xx) + (double) (y - yy) * (y - yy));
                            }
                        }
                    }
                    assertEquals(best, d[y * w + x], 1e-3, "at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void fillHolesFillsEnclosedBackgroundOnly() {
        int w = 10, h = 10;
        boolean[] m = new boolean[w * h];
        for (int y = 2; y <= 7; y++) for (int x = 2; x <= 7; x++) m[y * w + x] = y == 2 || y == 7 || x == 2 || x == 7;
        Mask f = MaskMorphology.fillHoles(new Mask(w, h, m));
        assertTrue(f.get(4, 4));
        assertFalse(f.get(0, 0));
        assertEquals(36, f.count());
    }

    @Test
    void erosionByDiscShrinksASquareByItsRadius() {
        int w = 50, h = 50;
        boolean[] m = new boolean[w * h];
        for (int y = 10; y < 40; y++) for (int x = 10; x < 40; x++) m[y * w + x] = true;
        Mask e = MaskMorphology.erodeDisc(new Mask(w, h, m), 3);
        // a pixel survives when its distance to the nearest background pixel exceeds 3: 3 pixels go from each side
        assertEquals(24 * 24, e.count());
        Mask d = MaskMorphology.dilateDisc(e, 3);
        assertTrue(d.count() <= 30 * 30, "opening is anti-extensive");
    }
}
