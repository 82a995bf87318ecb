package org.solidscope.tomo;

import org.solidscope.core.NumericalException;

/**
 * Roughness of a buried interface, e.g. Li metal (the phase, below) against the electrolyte (above),
 * from a binary volume whose z axis crosses the interface.
 *
 * <p>Height rule: the height of column (x, y) is the number of phase voxels in it, i.e. the height of a
 * flat column holding the same volume. It does not depend on where overhangs or detached dendrite
 * fragments sit in the column: they add their volume, not their tip height. A least-squares plane
 * h ≈ a + b·x + c·y is removed, leaving residuals r. Over the N columns, with σ = √(mean r²):
 * Sa (Ra) = mean |r|, Sq (Rq) = σ, Sz (Rz) = max r − min r, Ssk (Rsk) = mean r³ / σ³,
 * Sku (Rku) = mean r⁴ / σ⁴. Heights are in µm (voxel edge × count). The plane fit also takes the part
 * of a long-wave surface that correlates with x or y: for a sinusoid of N whole periods across the field
 * about 0.30/N² of Rq², so fields should span many wavelengths of the roughness they measure.
 */
public final class InterfaceRoughness {
    private InterfaceRoughness() {}

    /** Height map (µm, row-major [y][x]) and the areal parameters of its residual after plane removal. */
    public record Result(int nx, int ny, double[] heightUm, double[] residualUm, double planeA, double planeB, double planeC,
                         double ra, double rq, double rz, double rsk, double rku) {}

    public static Result of(Mask3 phase, double voxelUm) {
        int nx = phase.nx(), ny = phase.ny(), nz = phase.nz();
        double[] h = new double[nx * ny];
        for (int z = 0; z < nz; z++) {
            byte[] s = phase.slices()[z];
            for (int i = 0; i < s.length; i++) h[i] += s[i];
        }
        for (int i = 0; i < h.length; i++) h[i] *= voxelUm;
        // least-squares plane: normal equations for [1, x, y]
        double n = nx * (double) ny, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, sh = 0, sxh = 0, syh = 0;
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double v = h[y * nx + x];
                sx += x; sy += y; sxx += (double) x * x; syy += (double) y * y; sxy += (double) x * y;
                sh += v; sxh += x * v; syh += y * v;
            }
        }
        double[][] m = {{n, sx, sy}, {sx, sxx, sxy}, {sy, sxy, syy}};
        double[] rhs = {sh, sxh, syh};
        double[] abc = solve3(m, rhs);
        double[] r = new double[h.length];
        double sum1 = 0, sum2 = 0, sum3 = 0, sum4 = 0, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int i = y * nx + x;
                double v = h[i] - (abc[0] + abc[1] * x + abc[2] * y);
                r[i] = v;
                sum1 += Math.abs(v); sum2 += v * v; sum3 += v * v * v; sum4 += v * v * v * v;
                lo = Math.min(lo, v); hi = Math.max(hi, v);
            }
        }
        double rq = Math.sqrt(sum2 / n);
        return new Result(nx, ny, h, r, abc[0], abc[1], abc[2], sum1 / n, rq, hi - lo,
                rq == 0 ? 0 : sum3 / n / (rq * rq * rq), rq == 0 ? 0 : sum4 / n / (rq * rq * rq * rq));
    }

    /** Gaussian elimination with partial pivoting for a 3×3 system. */
    static double[] solve3(double[][] a, double[] b) {
        double[][] m = {a[0].clone(), a[1].clone(), a[2].clone()};
        double[] v = b.clone();
        for (int c = 0; c < 3; c++) {
            int p = c;
            for (int r = c + 1; r < 3; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
            double[] t = m[c]; m[c] = m[p]; m[p] = t;
            double tv = v[c]; v[c] = v[p]; v[p] = tv;
            if (Math.abs(m[c][c]) < 1e-300) throw new NumericalException("singular plane fit (fewer than 3 non-collinear columns)");
            for (int r = c + 1; r < 3; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k < 3; k++) m[r][k] -= f * m[c][k];
                v[r] -= f * v[c];
            }
        }
        double[] x = new double[3];
        for (int r = 2; r >= 0; r--) {
            double s = v[r];
            for (int k = r + 1; k < 3; k++) s -= m[r][k] * x[k];
            x[r] = s / m[r][r];
        }
        return x;
    }
}
