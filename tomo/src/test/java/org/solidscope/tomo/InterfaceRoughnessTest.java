package org.solidscope.tomo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Areal roughness of known surfaces: a sinusoid (Ra = 2A/π, Rq = A/√2), a tilted plane, a dendrite. */
class InterfaceRoughnessTest {
    /** Phase below z = h0 + A·sin(2πx/λ) + tilt·y, voxelised (a voxel is phase when its centre lies below). */
    static Mask3 surface(int nx, int ny, int nz, double h0, double a, double lambda, double tilt) {
        byte[][] s = new byte[nz][nx * ny];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double h = h0 + a * Math.sin(2 * Math.PI * (x + 0.5) / lambda) + tilt * y;
                    s[z][y * nx + x] = (byte) (z + 0.5 < h ? 1 : 0);
                }
            }
        }
        return new Mask3(nx, ny, nz, s);
    }

    @Test
    void sinusoidGivesTwoAOverPiAndAOverRootTwo() {
        double a = 30; // voxels: the ±0.5-voxel rounding of heights repeats each period, so it must be small against A
        // 16 whole periods along x: the plane fit takes a share ≈ 0.30/N² of Rq² from a sine (0.1 % here, 1.9 % at
        // N = 4); heights are counts of voxels, so quantisation adds ≤ ±0.5 voxel
        InterfaceRoughness.Result r = InterfaceRoughness.of(surface(512, 8, 96, 48, a, 32, 0), 1.0);
        assertEquals(2 * a / Math.PI, r.ra(), 0.01 * 2 * a / Math.PI, "Ra");
        assertEquals(a / Math.sqrt(2), r.rq(), 0.01 * a / Math.sqrt(2), "Rq");
        assertEquals(0, r.rsk(), 0.02, "a sinusoid is symmetric");
        assertEquals(1.5, r.rku(), 0.03, "kurtosis of a sinusoid");
        // an extreme value also carries the plane's share of the sine at the field's ends (≈ ±0.55·A/N·√3 = ±1.8 voxels)
        assertEquals(2 * a, r.rz(), 1.0 + 2 * 0.551 * a / 16 * Math.sqrt(3), "peak to valley");
    }

    @Test
    void aTiltedPlaneIsRemovedAndAFlatSurfaceIsSmooth() {
        InterfaceRoughness.Result r = InterfaceRoughness.of(surface(40, 40, 64, 20, 0, 1, 0.5), 2.0);
        assertEquals(0.5 * 2.0, r.planeC(), 0.02, "tilt in µm per column");
        assertEquals(0.0, r.rq(), 0.3 * 2.0, "what remains is quantisation");
    }

    @Test
    void aDendriteAddsItsVolumeNotItsTipHeight() {
        Mask3 m = surface(32, 32, 64, 20, 0, 1, 0);
        // a 1-voxel filament 30 voxels tall at (5, 5), and a detached fragment above (9, 9)
        for (int z = 20; z < 50; z++) m.slices()[z][5 * 32 + 5] = 1;
        for (int z = 40; z < 43; z++) m.slices()[z][9 * 32 + 9] = 1;
        InterfaceRoughness.Result r = InterfaceRoughness.of(m, 1.0);
        assertEquals(50, r.heightUm()[5 * 32 + 5], 1e-12, "filament column: 20 + 30 voxels");
        assertEquals(23, r.heightUm()[9 * 32 + 9], 1e-12, "fragment column: 20 + 3 voxels, not its tip at 43");
    }
}
