package org.solidscope.tomo.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.solidscope.core.Progress;
import org.solidscope.tomo.Mask3;

/** TauFactor's reference cases, and the conservation of flux the solution must obey. */
class TortuosityTest {

    static Mask3 mask(int nx, int ny, int nz) {
        return new Mask3(nx, ny, nz, new byte[nz][nx * ny]);
    }

    static void set(Mask3 m, int x, int y, int z) { m.slices()[z][y * m.nx() + x] = 1; }

    static Tortuosity.Result solve(Mask3 m, Tortuosity.Axis axis) {
        return Tortuosity.solve(m, new Tortuosity.Settings(axis, 1e-4, 1e-5, 100_000), Progress.NONE);
    }

    @Test
    void uniformBlockHasTauOneAlongEveryAxis() {
        Mask3 m = mask(12, 15, 18);
        for (byte[] s : m.slices()) java.util.Arrays.fill(s, (byte) 1);
        for (Tortuosity.Axis a : Tortuosity.Axis.values()) {
            Tortuosity.Result r = solve(m, a);
            assertEquals(1.0, r.tau(), 1e-4, "axis " + a);
            assertEquals(1.0, r.relativeDiffusivity(), 1e-4);
            assertEquals(1.0, r.volumeFraction(), 0);
            assertTrue(r.converged());
        }
    }

    @Test
    void straightChannelsHaveTauOne() {
        Mask3 m = mask(20, 20, 16);
        int count = 0;
        for (int z = 0; z < 16; z++) for (int y = 0; y < 20; y++) for (int x = 0; x < 20; x++) {
            boolean square = x >= 2 && x < 6 && y >= 3 && y < 9;           // a 4 × 6 channel
            boolean round = (x - 14) * (x - 14) + (y - 13) * (y - 13) <= 16; // a round one
            boolean thin = x == 9 && y == 17;                                // a single-voxel line
            if (square || round || thin) { set(m, x, y, z); if (z == 0) count++; }
        }
        Tortuosity.Result r = solve(m, Tortuosity.Axis.Z);
        double eps = count / 400.0;
        assertEquals(eps, r.volumeFraction(), 1e-12);
        assertEquals(1.0, r.tau(), 1e-4);
        assertEquals(eps, r.relativeDiffusivity(), 1e-4, "D_eff/D = ε/τ");
        // across the channels nothing percolates
        Tortuosity.Result across = solve(m, Tortuosity.Axis.X);
        assertFalse(across.percolates());
        assertEquals(Double.POSITIVE_INFINITY, across.tau());
        assertEquals(0, across.relativeDiffusivity());
    }

    @Test
    void blockedPhaseDoesNotPercolate() {
        Mask3 m = mask(10, 10, 10);
        for (int z = 0; z < 10; z++) for (int y = 0; y < 10; y++) for (int x = 0; x < 10; x++) if (z != 5) set(m, x, y, z);
        Tortuosity.Result r = solve(m, Tortuosity.Axis.Z);
        assertEquals(Double.POSITIVE_INFINITY, r.tau());
        assertEquals(0, r.relativeDiffusivity());
        assertEquals(0.9, r.volumeFraction(), 1e-12);
        assertEquals(0, r.percolatingFraction());
    }

    /** Side pockets and islands add to ε but carry no flux: D_eff is unchanged, τ = ε_total / ε_channel. */
    @Test
    void deadEndsCarryNoFlux() {
        Mask3 plain = mask(16, 16, 20), pockets = mask(16, 16, 20);
        for (int z = 0; z < 20; z++) for (int y = 6; y < 10; y++) for (int x = 6; x < 10; x++) { set(plain, x, y, z); set(pockets, x, y, z); }
        // a dead-end hook: joined to the channel through one layer (z = 8) only, then running along z
        for (int y = 7; y < 9; y++) for (int x = 10; x < 15; x++) set(pockets, x, y, 8);
        for (int z = 8; z < 16; z++) for (int y = 7; y < 9; y++) for (int x = 13; x < 15; x++) set(pockets, x, y, z);
        for (int z = 14; z < 17; z++) for (int y = 1; y < 3; y++) for (int x = 1; x < 3; x++) set(pockets, x, y, z);  // island
        Tortuosity.Result a = solve(plain, Tortuosity.Axis.Z), b = solve(pockets, Tortuosity.Axis.Z);
        assertEquals(a.relativeDiffusivity(), b.relativeDiffusivity(), 1e-5);
        assertEquals(b.volumeFraction() / a.volumeFraction(), b.tau() / a.tau(), 1e-4);
        assertTrue(b.percolatingFraction() < 1);
    }

    /** In a tortuous random medium the flux through every layer is the same (conservation), and τ > 1. */
    @Test
    void fluxIsConservedInARandomMedium() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        Mask3 m = mask(24, 24, 24);
        for (byte[] s : m.slices()) for (int i = 0; i < s.length; i++) s[i] = (byte) (rnd.nextDouble() < 0.7 ? 1 : 0);
        Tortuosity.Result r = solve(m, Tortuosity.Axis.Y);
        assertTrue(r.percolates() && r.tau() > 1, "tau " + r.tau());
        double[] f = r.fluxProfile();
        for (double v : f) assertEquals(f[0], v, 1e-3 * f[0]);
        assertEquals(r.relativeDiffusivity(), f[0] * 24, 2e-3 * r.relativeDiffusivity());
    }
}
