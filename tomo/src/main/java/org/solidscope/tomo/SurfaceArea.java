package org.solidscope.tomo;

import java.util.stream.IntStream;

/**
 * Surface area of each connected component by the Crofton formula on 13 lattice directions (Legland,
 * Kiêu and Devaux 2007, Image Anal. Stereol. 26:83): along each direction d, count the neighbour pairs
 * (p, p + d) with exactly one voxel in the component; the area is S = 2 Σ_d w_d n_d V / |d|, with V the
 * voxel volume and w_d the share of the unit sphere nearer to ±d than to any other lattice direction.
 *
 * <p>Unlike counting exposed voxel faces, which overstates the area of a smooth surface by up to 50 %
 * whatever the resolution, this converges: digitised balls of radius 6, 12 and 20 voxels come within 0.2 % of 4πr².
 * Flat faces aligned with the lattice are the hardest case (an axis-aligned cube of side 30 reads 9 % low).
 * The volume's border counts as outside, so a component cut by the border is closed there. Voxels are
 * taken as cubes; areas are in voxel-edge² (multiply by the voxel size squared).
 */
public final class SurfaceArea {
    private SurfaceArea() {}

    /** The 13 directions, one of each ± pair: 3 axes, 6 face diagonals, 4 body diagonals, as {dx, dy, dz}. */
    static final int[][] DIRECTIONS = {
        {1, 0, 0}, {0, 1, 0}, {0, 0, 1},
        {1, 1, 0}, {1, -1, 0}, {1, 0, 1}, {1, 0, -1}, {0, 1, 1}, {0, 1, -1},
        {1, 1, 1}, {1, 1, -1}, {1, -1, 1}, {1, -1, -1}};

    /**
     * Voronoi shares of the sphere for one ± pair of each kind (axis, face diagonal, body diagonal),
     * published by Legland et al. 2007 (twice their per-direction values); 3·a + 6·f + 4·b = 1.
     */
    static final double AXIS = 2 * 0.04577789120476, FACE = 2 * 0.03698062787608, BODY = 2 * 0.03519563978232;

    static double weight(int[] d) {
        int nonzero = Math.abs(d[0]) + Math.abs(d[1]) + Math.abs(d[2]);
        return nonzero == 1 ? AXIS : nonzero == 2 ? FACE : BODY;
    }

    /** Area of component k at index k (index 0, the background, is 0), in voxel-edge². */
    public static double[] perComponent(Labeling3D.Result labels) {
        int nx = labels.nx(), ny = labels.ny(), nz = labels.nz();
        int n = labels.components().size();
        double[] perPair = new double[DIRECTIONS.length];
        for (int i = 0; i < DIRECTIONS.length; i++) {
            int[] d = DIRECTIONS[i];
            perPair[i] = 2 * weight(d) / Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        }
        int chunks = Math.min(nz, 4 * Runtime.getRuntime().availableProcessors());
        double[][] partial = IntStream.range(0, chunks).parallel().mapToObj(c -> {
            double[] area = new double[n + 1];
            int z0 = (int) ((long) nz * c / chunks), z1 = (int) ((long) nz * (c + 1) / chunks);
            int[][] lab = labels.labels();
            // in-slice offsets of the 26 neighbours (±d) and which slice each is in (−1, 0, +1)
            int[] off = new int[2 * DIRECTIONS.length], dz = new int[2 * DIRECTIONS.length];
            double[] w = new double[2 * DIRECTIONS.length];
            for (int i = 0; i < DIRECTIONS.length; i++) {
                int[] d = DIRECTIONS[i];
                off[2 * i] = d[1] * nx + d[0];
                dz[2 * i] = d[2];
                off[2 * i + 1] = -off[2 * i];
                dz[2 * i + 1] = -d[2];
                w[2 * i] = w[2 * i + 1] = perPair[i];
            }
            for (int z = z0; z < z1; z++) {
                int[] s = lab[z];
                boolean innerZ = z > 0 && z < nz - 1;
                int[] below = innerZ ? lab[z - 1] : null, above = innerZ ? lab[z + 1] : null;
                for (int y = 0; y < ny; y++) {
                    boolean innerY = innerZ && y > 0 && y < ny - 1;
                    for (int x = 0; x < nx; x++) {
                        int p = y * nx + x, l = s[p];
                        if (l == 0) continue;
                        double a = 0;
                        if (innerY && x > 0 && x < nx - 1) {
                            // away from the border every neighbour is in the three slices: no bounds to test
                            for (int k = 0; k < off.length; k++) {
                                int[] sl = dz[k] == 0 ? s : dz[k] > 0 ? above : below;
                                if (sl[p + off[k]] != l) a += w[k];
                            }
                        } else {
                            for (int i = 0; i < DIRECTIONS.length; i++) {
                                int[] d = DIRECTIONS[i];
                                // the pair (p, p + d) and the pair (p − d, p): each crossing is counted once, on its inside voxel
                                if (labelAt(lab, nx, ny, nz, x + d[0], y + d[1], z + d[2]) != l) a += perPair[i];
                                if (labelAt(lab, nx, ny, nz, x - d[0], y - d[1], z - d[2]) != l) a += perPair[i];
                            }
                        }
                        area[l] += a;
                    }
                }
            }
            return area;
        }).toArray(double[][]::new);
        double[] total = new double[n + 1];
        for (double[] p : partial) for (int l = 0; l <= n; l++) total[l] += p[l];
        return total;
    }

    private static int labelAt(int[][] lab, int nx, int ny, int nz, int x, int y, int z) {
        if (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz) return 0;
        return lab[z][y * nx + x];
    }
}
