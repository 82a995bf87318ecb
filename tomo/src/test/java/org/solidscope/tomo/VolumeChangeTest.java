package org.solidscope.tomo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A cell scanned twice: the anode (a slab with a rough top, filling the field of view sideways)
 * grows by 3.7 % in thickness, and the cell moves by (3, −2, 4) voxels between the scans, so each
 * field of view cuts a different part of it. The change in the region both scans see must come out
 * within 0.2 % of the phantom's own.
 */
class VolumeChangeTest {
    static final int N = 96, NZ = 80, MARGIN = 8, W = N + 2 * MARGIN, WZ = NZ + 2 * MARGIN;

    /** The world: anode heights (continuous) and static blobs, larger than a field of view. */
    static double[] heights(long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] h = new double[W * W];
        double[] ph = {r.nextDouble() * 6, r.nextDouble() * 6, r.nextDouble() * 6};
        for (int y = 0; y < W; y++) for (int x = 0; x < W; x++) {
            h[y * W + x] = scale * (22 + 3 * Math.sin(x / 5.0 + ph[0]) * Math.cos(y / 7.0 + ph[1]) + 1.5 * Math.sin((x + y) / 3.0 + ph[2]));
        }
        return h;
    }

    static boolean blob(int x, int y, int z) {
        // static structure above the electrolyte: a lattice of spheres (the cathode) and a plate
        if (z > WZ - 12) return true;
        if (z < 50) return false;
        int cx = Math.floorMod(x, 14) - 7, cy = Math.floorMod(y, 17) - 8, cz = Math.floorMod(z, 11) - 5;
        return cx * cx + cy * cy + cz * cz < 20 + (x * 7 + y * 3) % 11;
    }

    /** A field of view starting at world (ox, oy, oz): grey volume and anode mask. */
    static Object[] scan(double[] h, int ox, int oy, int oz, long noiseSeed) {
        SplittableRandom r = new SplittableRandom(noiseSeed);
        Volume16 v = Volume16.zeros(N, N, NZ, 1);
        byte[][] m = new byte[NZ][N * N];
        for (int z = 0; z < NZ; z++) for (int y = 0; y < N; y++) for (int x = 0; x < N; x++) {
            int wx = x + ox, wy = y + oy, wz = z + oz;
            boolean anode = wz >= 6 && wz < 6 + h[wy * W + wx];
            double g = anode ? 8000 : blob(wx, wy, wz) ? 30000 : 15000;
            v.slices()[z][y * N + x] = (short) Math.round(g + 800 * r.nextGaussian());
            if (anode) m[z][y * N + x] = 1;
        }
        return new Object[] {v, new Mask3(N, N, NZ, m)};
    }

    @Test
    void recoversTheChangeAfterRegistration() {
        double[] before = heights(3, 1.0), after = heights(3, 1.037);
        int[] o1 = {MARGIN, MARGIN, MARGIN}, o2 = {MARGIN - 3, MARGIN + 2, MARGIN - 4}; // the cell moved by (3, −2, 4)
        Object[] s1 = scan(before, o1[0], o1[1], o1[2], 1), s2 = scan(after, o2[0], o2[1], o2[2], 2);
        VolumeChange.Result r = VolumeChange.of((Volume16) s1[0], (Mask3) s1[1], (Volume16) s2[0], (Mask3) s2[1], 10);
        assertEquals(new VolumeChange.Shift(3, -2, 4), r.shift());
        // truth: voxelised anode of each state over the world region both fields of view cover
        long tb = 0, ta = 0;
        for (int wy = o1[1] + 2; wy < o1[1] + N; wy++) for (int wx = o1[0]; wx < o1[0] + N - 3; wx++) {
            for (int wz = o1[2]; wz < o1[2] + NZ - 4; wz++) {
                if (wz >= 6 && wz < 6 + before[wy * W + wx]) tb++;
                if (wz >= 6 && wz < 6 + after[wy * W + wx]) ta++;
            }
        }
        double truth = (ta - tb) / (double) tb;
        assertEquals(truth, r.relativeChange(), 0.002, "truth " + truth);
        assertEquals(0.037, truth, 0.01, "the phantom grows by about 3.7 %");
        // without registration (same voxel indices) the answer is off
        long naive = ((Mask3) s2[1]).count();
        double unregistered = (naive - ((Mask3) s1[1]).count()) / (double) ((Mask3) s1[1]).count();
        assertTrue(Math.abs(unregistered - truth) > 0.05, "counting without registration is off by more than 5 points: " + unregistered);
    }
}
