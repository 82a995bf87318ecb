package org.solidscope.tomo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Morphology against a naive reference on random volumes, and the laws of opening. */
class MorphologyTest {
    static Volume16 naive(Volume16 v, Structure s, boolean min) {
        Volume16 o = Volume16.zeros(v.nx(), v.ny(), v.nz(), 1);
        int r = s.radius();
        for (int z = 0; z < v.nz(); z++) for (int y = 0; y < v.ny(); y++) for (int x = 0; x < v.nx(); x++) {
            int best = min ? Integer.MAX_VALUE : Integer.MIN_VALUE;
            for (int dz = -r; dz <= r; dz++) for (int dy = -r; dy <= r; dy++) for (int dx = -r; dx <= r; dx++) {
                if (!s.contains(dx, dy, dz)) continue;
                int xx = x + dx, yy = y + dy, zz = z + dz;
                if (xx < 0 || yy < 0 || zz < 0 || xx >= v.nx() || yy >= v.ny() || zz >= v.nz()) continue;
                int val = v.get(xx, yy, zz);
                best = min ? Math.min(best, val) : Math.max(best, val);
            }
            o.slices()[z][y * v.nx() + x] = (short) best;
        }
        return o;
    }

    @Test
    void erosionAndDilationEqualTheNaiveReference() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (Structure s : new Structure[] {Structure.ball(1), Structure.ball(2), Structure.ball(3), Structure.cube(1), Structure.cube(2)}) {
            int nx = 13 + rnd.nextInt(9), ny = 9 + rnd.nextInt(9), nz = 7 + rnd.nextInt(12);
            Volume16 v = TomoFiltersTest.random(nx, ny, nz, nx * 7L + s.radius(), 65536);
            for (boolean min : new boolean[] {true, false}) {
                Volume16 fast = Morphology3D.filter(v, s, min), ref = naive(v, s, min);
                for (int z = 0; z < nz; z++) {
                    for (int i = 0; i < nx * ny; i++) {
                        assertEquals(ref.slices()[z][i], fast.slices()[z][i], s.name() + (min ? " erosion" : " dilation") + " at z " + z + " i " + i);
                    }
                }
            }
        }
    }

    @Test
    void bitPackedBinaryMorphologyEqualsTheGreyPath() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (Structure s : new Structure[] {Structure.ball(1), Structure.ball(3), Structure.cube(2)}) {
            for (int nx : new int[] {5, 64, 70, 131}) {
                int ny = 6 + rnd.nextInt(7), nz = 5 + rnd.nextInt(7);
                byte[][] b = new byte[nz][nx * ny];
                for (byte[] sl : b) for (int i = 0; i < sl.length; i++) sl[i] = (byte) (rnd.nextDouble() < 0.6 ? 1 : 0);
                Mask3 m = new Mask3(nx, ny, nz, b);
                for (boolean and : new boolean[] {true, false}) {
                    Mask3 fast = BinaryMorphology.filter(m, s, and);
                    Mask3 ref = Morphology3D.toMask(Morphology3D.filter(Morphology3D.toVolume(m), s, and));
                    for (int z = 0; z < nz; z++) {
                        assertTrue(java.util.Arrays.equals(ref.slices()[z], fast.slices()[z]), s.name() + " nx " + nx + (and ? " erosion" : " dilation") + " z " + z);
                    }
                }
            }
        }
    }

    @Test
    void ballOfRadiusThreeHasTheVoxelsOfSkimage() {
        int n = 0;
        for (int[] row : Structure.ball(3).rows()) n += 2 * row[2] + 1;
        assertEquals(123, n, "skimage.morphology.ball(3).sum()");
    }

    @Test
    void openingIsAntiExtensiveAndIdempotent() {
        Volume16 v = Phantoms.porous(32, 0.4, 9);
        Structure s = Structure.ball(2);
        Volume16 o = Morphology3D.open(v, s), oo = Morphology3D.open(o, s);
        for (int z = 0; z < v.nz(); z++) {
            for (int i = 0; i < v.nx() * v.ny(); i++) {
                assertTrue((o.slices()[z][i] & 0xFFFF) <= (v.slices()[z][i] & 0xFFFF), "anti-extensive");
                assertEquals(o.slices()[z][i], oo.slices()[z][i], "idempotent");
            }
        }
        Mask3 m = Otsu.apply(v, Otsu.threshold(Otsu.histogram(v)));
        Mask3 mo = Morphology3D.open(m, s), moo = Morphology3D.open(mo, s);
        assertTrue(mo.count() <= m.count());
        assertEquals(mo.count(), moo.count());
        for (int z = 0; z < m.nz(); z++) for (int i = 0; i < m.nx() * m.ny(); i++) assertTrue(mo.slices()[z][i] <= m.slices()[z][i]);
    }
}
