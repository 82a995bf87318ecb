package org.solidscope.tomo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.solidscope.core.Progress;

/** Median over cubes and balls, and Gaussian smoothing, against naive references and closed forms. */
class MedianAndGaussianTest {
    /** SciPy's 'reflect' index, written out case by case (the filter computes it by modular arithmetic). */
    static int mirror(int i, int n) {
        while (i < 0 || i >= n) i = i < 0 ? -i - 1 : 2 * n - 1 - i;
        return i;
    }

    @Test
    void medianOverCubesAndBallsEqualsANaiveSortOfEveryWindow() {
        for (Structure st : new Structure[] {Structure.cube(2), Structure.ball(1), Structure.ball(2), Structure.ball(3)}) {
            for (int[] size : new int[][] {{13, 9, 7}, {1, 4, 3}, {2, 2, 9}}) {
                Volume16 v = TomoFiltersTest.random(size[0], size[1], size[2], st.radius() * 97L + size[0], 65536);
                Volume16 m = MedianFilter.filter(v, st, Progress.NONE);
                for (int z = 0; z < v.nz(); z++) for (int y = 0; y < v.ny(); y++) for (int x = 0; x < v.nx(); x++) {
                    int[] w = new int[0];
                    int r = st.radius();
                    for (int dz = -r; dz <= r; dz++) for (int dy = -r; dy <= r; dy++) for (int dx = -r; dx <= r; dx++) {
                        if (!st.contains(dx, dy, dz)) continue;
                        w = Arrays.copyOf(w, w.length + 1);
                        w[w.length - 1] = v.get(mirror(x + dx, v.nx()), mirror(y + dy, v.ny()), mirror(z + dz, v.nz()));
                    }
                    Arrays.sort(w);
                    assertEquals(w[w.length / 2], m.get(x, y, z), st.name() + " at " + x + "," + y + "," + z);
                }
            }
        }
    }

    @Test
    void medianOfTheSmallCubeIsTheFastPath() {
        Volume16 v = TomoFiltersTest.random(20, 11, 9, 5, 4000);
        Volume16 a = MedianFilter.filter(v, Structure.cube(1), Progress.NONE), b = Median3.filter(v, Progress.NONE);
        for (int z = 0; z < v.nz(); z++) assertArrayEquals(b.slices()[z], a.slices()[z]);
    }

    @Test
    void selectFindsEveryOrderStatistic() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(2);
        for (int n : new int[] {1, 2, 7, 33, 123}) {
            int[] a = new int[n];
            for (int i = 0; i < n; i++) a[i] = r.nextInt(5); // many ties
            int[] sorted = a.clone();
            Arrays.sort(sorted);
            for (int k = 0; k < n; k++) assertEquals(sorted[k], MedianFilter.select(a.clone(), n, k), "n " + n + " k " + k);
        }
    }

    @Test
    void gaussianKernelIsNormalisedWithVarianceSigmaSquared() {
        for (double sigma : new double[] {1, 2, 3.5}) {
            double[] k = GaussianFilter.kernel(sigma);
            int radius = k.length / 2;
            assertEquals((int) (4 * sigma + 0.5), radius, "SciPy's truncation at 4σ");
            double sum = 0, var = 0;
            for (int x = -radius; x <= radius; x++) { sum += k[x + radius]; var += x * x * k[x + radius]; }
            assertEquals(1, sum, 1e-12);
            // sampling at integers adds nothing measurable for σ ≥ 1; truncation at 4σ removes 0.03 % of it
            assertEquals(sigma * sigma, var, 1e-3 * sigma * sigma, "σ " + sigma);
        }
        assertThrows(IllegalArgumentException.class, () -> GaussianFilter.kernel(0));
    }

    @Test
    void gaussianEqualsADirectThreeDimensionalSumAndKeepsConstantsAndMass() {
        double sigma = 1.3;
        double[] k = GaussianFilter.kernel(sigma);
        int radius = k.length / 2;
        Volume16 v = TomoFiltersTest.random(15, 12, 10, 9, 60000);
        Volume16 g = GaussianFilter.filter(v, sigma, Progress.NONE);
        int exact = 0, total = 0;
        for (int z = 0; z < v.nz(); z++) for (int y = 0; y < v.ny(); y++) for (int x = 0; x < v.nx(); x++) {
            double acc = 0;
            for (int dz = -radius; dz <= radius; dz++) for (int dy = -radius; dy <= radius; dy++) for (int dx = -radius; dx <= radius; dx++) {
                acc += k[dz + radius] * k[dy + radius] * k[dx + radius] * v.get(mirror(x + dx, v.nx()), mirror(y + dy, v.ny()), mirror(z + dz, v.nz()));
            }
            int got = g.get(x, y, z);
            assertTrue(Math.abs(got - acc) <= 0.51, "at " + x + "," + y + "," + z + ": " + got + " vs " + acc);
            if (got == Math.round(acc)) exact++;
            total++;
        }
        assertTrue(exact > 0.99 * total, "float sums round like the double reference almost everywhere: " + exact + "/" + total);
        // a constant stays constant
        Volume16 c = Volume16.zeros(9, 8, 7, 1);
        for (short[] s : c.slices()) Arrays.fill(s, (short) 40000);
        for (short[] s : GaussianFilter.filter(c, 2.0, Progress.NONE).slices()) for (short x : s) assertEquals(40000, x & 0xFFFF);
        // a point far from the edges spreads into the product of kernels and keeps its mass
        Volume16 p = Volume16.zeros(31, 31, 31, 1);
        p.slices()[15][15 * 31 + 15] = (short) 60000;
        Volume16 q = GaussianFilter.filter(p, 2.0, Progress.NONE);
        double[] k2 = GaussianFilter.kernel(2.0);
        assertEquals(Math.round(60000 * Math.pow(k2[8], 3)), q.get(15, 15, 15));
        assertEquals(Math.round(60000 * k2[8] * k2[8] * k2[7]), q.get(16, 15, 15));
        long mass = 0;
        for (short[] s : q.slices()) for (short x : s) mass += x & 0xFFFF;
        assertEquals(60000, mass, 0.01 * 60000, "mass kept up to rounding of the small tails");
    }
}
