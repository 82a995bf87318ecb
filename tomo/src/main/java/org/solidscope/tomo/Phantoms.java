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

    /**
     * A coin-cell section along z: Li anode at the bottom (dark, ~9,000), polymer electrolyte above
     * it (~20,000), a porous cathode at the top (~32,000, pores ~20,000), Gaussian noise σ 1,500.
     * The anode / electrolyte interface lies at z = 0.3·nz + A·sin(2πx/λ)·sin(2πy/λ) with λ = nx/4,
     * so its Ra is 4A/π² and Rq is A/2 (of the product of two sines), in voxels. Built slice by
     * slice: a 1024³ phantom needs only its own 2 GiB.
     */
    public static Volume16 cell(int nx, int ny, int nz, double amplitudeVoxels, long seed) {
        return cell(nx, ny, nz, amplitudeVoxels, 0, seed);
    }

    /**
     * The cell section with {@code dendrites} Li needles: vertical cylinders of radius 2.5 voxels rising
     * 0.15·nz above the interface into the electrolyte at places drawn from the seed, attached to the
     * anode. {@link #cellAnodeVoxels} counts the anode (needles included) by the same rule, so the
     * phantom's anode volume is known exactly.
     */
    public static Volume16 cell(int nx, int ny, int nz, double amplitudeVoxels, int dendrites, long seed) {
        Volume16 v = Volume16.zeros(nx, ny, nz, 1.0);
        float[] h = anodeTop(nx, ny, nz, amplitudeVoxels, dendrites, seed);
        int cathodeFrom = (int) (0.7 * nz);
        java.util.stream.IntStream.range(0, nz).parallel().forEach(z -> {
            SplittableRandom rz = new SplittableRandom(seed * 1_000_003L + z);
            short[] s = v.slices()[z];
            for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) {
                double mean;
                if (z + 0.5 < h[y * nx + x]) mean = 9000;
                else if (z < cathodeFrom) mean = 20000;
                else {
                    // cathode: particles on a jittered lattice
                    int cx = Math.floorMod(x, 12) - 6, cy = Math.floorMod(y, 12) - 6, cz = Math.floorMod(z, 12) - 6;
                    mean = cx * cx + cy * cy + cz * cz < 30 ? 32000 : 20000;
                }
                s[y * nx + x] = (short) Math.max(0, Math.min(65535, Math.round(mean + 1500 * rz.nextGaussian())));
            }
        });
        return v;
    }

    /** Voxels of the anode (z + ½ below the column's top) of {@link #cell(int, int, int, double, int, long)}. */
    public static long cellAnodeVoxels(int nx, int ny, int nz, double amplitudeVoxels, int dendrites, long seed) {
        float[] h = anodeTop(nx, ny, nz, amplitudeVoxels, dendrites, seed);
        long n = 0;
        for (float top : h) n += Math.max(0, Math.min(nz, (long) Math.ceil(top - 0.5)));
        return n;
    }

    /** Height of the anode's top per column: the sinusoidal interface, raised to the needle tips inside needles. */
    private static float[] anodeTop(int nx, int ny, int nz, double amplitudeVoxels, int dendrites, long seed) {
        double lambda = nx / 4.0, base = 0.3 * nz;
        float[] h = new float[nx * ny];
        for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) {
            h[y * nx + x] = (float) (base + amplitudeVoxels * Math.sin(2 * Math.PI * x / lambda) * Math.sin(2 * Math.PI * y / lambda));
        }
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double radius = 2.5, tip = base + amplitudeVoxels + 0.15 * nz;
        for (int d = 0; d < dendrites; d++) {
            double cx = 4 + r.nextDouble() * (nx - 8), cy = 4 + r.nextDouble() * (ny - 8);
            for (int y = (int) (cy - radius); y <= cy + radius; y++) for (int x = (int) (cx - radius); x <= cx + radius; x++) {
                if (x < 0 || y < 0 || x >= nx || y >= ny) continue;
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) h[y * nx + x] = (float) Math.max(h[y * nx + x], tip);
            }
        }
        return h;
    }
}
