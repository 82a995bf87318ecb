package org.solidscope.tomo;

import java.util.SplittableRandom;

/**
 * Synthetic volumes with known structure. {@link #porous}: a two-phase microstructure (pores and
 * solid) from a thresholded random field of overlapping spheres, with the requested porosity (to a
 * bin of the quantile), CT-like grey values and noise: pores about 9,000, solid about 30,000,
 * Gaussian noise of σ = 2,500.
 */
public final class Phantoms {
    private Phantoms() {}

    public static Volume16 porous(int n, double porosity, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        // smooth random field: a sum of random spherical blobs
        float[][] f = new float[n][n * n];
        // spheres of radius n/16 (at least 3), enough that each voxel lies in about three: a field without flat ties
        double radius = Math.max(3, n / 16.0);
        int blobs = (int) Math.max(1, 3.0 * n * n * n / (4.0 / 3 * Math.PI * radius * radius * radius));
        for (int k = 0; k < blobs; k++) {
            // sub-voxel centres: distances, and so the field, take continuous values (no spikes at the quantile)
            double cx = r.nextDouble() * n, cy = r.nextDouble() * n, cz = r.nextDouble() * n;
            int rr = (int) Math.ceil(radius);
            for (int z = Math.max(0, (int) cz - rr); z < Math.min(n, (int) cz + rr + 1); z++) {
                for (int y = Math.max(0, (int) cy - rr); y < Math.min(n, (int) cy + rr + 1); y++) {
                    for (int x = Math.max(0, (int) cx - rr); x < Math.min(n, (int) cx + rr + 1); x++) {
                        double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz);
                        if (d2 <= radius * radius) f[z][y * n + x] += (float) (1 - d2 / (radius * radius)); // smooth, so pores have smooth walls
                    }
                }
            }
        }
        // threshold the smooth field at the porosity quantile (bins of 1/1024)
        final int bins = 64 * 1024;
        long[] counts = new long[bins];
        for (float[] s : f) for (float v : s) counts[(int) Math.min(bins - 1, v * 1024)]++;
        long target = Math.round(porosity * (long) n * n * n), acc = 0;
        int bin = 0;
        while (bin < bins - 1 && acc + counts[bin] <= target) acc += counts[bin++];
        final float level = bin / 1024f;
        Volume16 v = Volume16.zeros(n, n, n, 1.0);
        for (int z = 0; z < n; z++) {
            short[] s = v.slices()[z];
            for (int i = 0; i < s.length; i++) {
                double mean = f[z][i] < level ? 9000 : 30000;
                s[i] = (short) Math.max(0, Math.min(65535, Math.round(mean + 2500 * r.nextGaussian())));
            }
        }
        return v;
    }
}
