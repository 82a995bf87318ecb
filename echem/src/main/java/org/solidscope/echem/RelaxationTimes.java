package org.solidscope.echem;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * Distribution of relaxation times: {@code Z(ω) = R∞ + ∫ γ(ln τ)/(1 + jωτ) d ln τ}, with γ a sum of
 * Gaussian radial basis functions centred at τ = 1/(2πf) of the measured frequencies (as pyDRTtools),
 * found by Tikhonov-regularised least squares on Re and Im together, weighted by 1/|Z|, with γ ≥ 0 and
 * R∞ ≥ 0 (Lawson–Hanson non-negative least squares). λ is given, or chosen by generalised
 * cross-validation on the unconstrained problem over 10⁻⁶ … 10⁰. Peaks are the local maxima of γ with τ,
 * frequency and resistance (the area of γ between the neighbouring minima), those holding at least 5 %
 * of the polarisation (smaller maxima are ripples of the regularisation on noisy data).
 */
public final class RelaxationTimes {
    private RelaxationTimes() {}

    public record Peak(double tauS, double frequencyHz, double resistanceOhm) {}

    public record Result(double lambda, double rInfOhm, double[] tauS, double[] gammaOhm, List<Peak> peaks, double polarisationOhm,
                         double[] zRealFit, double[] zImagFit, double maxResidualRelative) {}

    /** A peak is reported when it holds at least this share of the polarisation resistance. */
    public static final double MIN_PEAK_SHARE = 0.05;

    /** Points per decade of the γ curve returned (the basis sits at the measured frequencies). */
    static final int CURVE_PER_DECADE = 40;

    public static Result compute(ImpedanceSpectrum s, double lambdaOrNaN) {
        int n = s.size(), m = n;
        double[] y = new double[m]; // ln τ of the basis centres
        for (int k = 0; k < m; k++) y[k] = Math.log(1 / (2 * Math.PI * s.frequencyHz()[k]));
        double spacing = Math.abs(y[m - 1] - y[0]) / Math.max(1, m - 1);
        double eps = 0.5 / spacing; // shape: a Gaussian about two spacings wide (narrower ones ripple)
        // design matrix: columns R∞, then the m basis functions; rows Re, then Im; weighted by 1/|Z|
        double[][] a = new double[2 * n][m + 1];
        double[] b = new double[2 * n];
        double lo = Math.min(y[0], y[m - 1]) - 6 * spacing, hi = Math.max(y[0], y[m - 1]) + 6 * spacing;
        int q = 40 * m;
        double dy = (hi - lo) / q;
        // trapezoid quadrature of ∫ φ_k(y) K(ω, e^y) dy: the basis values φ_k(y_j) and the kernels K(ω_i, y_j) are
        // tabulated once, so each matrix entry is a dot product (no exp in the triple loop)
        double[][] phi = new double[m][q + 1];
        for (int k = 0; k < m; k++) {
            for (int j = 0; j <= q; j++) {
                double u = eps * (lo + j * dy - y[k]);
                phi[k][j] = (j == 0 || j == q ? 0.5 : 1) * Math.exp(-u * u);
            }
        }
        int[] from = new int[m], to = new int[m];
        for (int k = 0; k < m; k++) {
            from[k] = Math.max(0, (int) Math.floor((y[k] - 6 / eps - lo) / dy));
            to[k] = Math.min(q, (int) Math.ceil((y[k] + 6 / eps - lo) / dy));
        }
        double[] ey = new double[q + 1];
        for (int j = 0; j <= q; j++) ey[j] = Math.exp(lo + j * dy);
        double[] kr = new double[q + 1], ki = new double[q + 1];
        for (int i = 0; i < n; i++) {
            double w = 2 * Math.PI * s.frequencyHz()[i], wt = 1 / Math.hypot(s.zRealOhm()[i], s.zImagOhm()[i]);
            for (int j = 0; j <= q; j++) {
                double x = w * ey[j], d = 1 + x * x;
                kr[j] = 1 / d;
                ki[j] = -x / d;
            }
            a[i][0] = wt;
            for (int k = 0; k < m; k++) {
                double re = 0, im = 0;
                double[] pk = phi[k];
                for (int j = from[k]; j <= to[k]; j++) { // where the Gaussian is above e^-36 of its peak
                    re += pk[j] * kr[j];
                    im += pk[j] * ki[j];
                }
                a[i][1 + k] = wt * re * dy;
                a[n + i][1 + k] = wt * im * dy;
            }
            b[i] = wt * s.zRealOhm()[i];
            b[n + i] = wt * s.zImagOhm()[i];
        }
        double lambda = Double.isNaN(lambdaOrNaN) ? gcv(a, b) : lambdaOrNaN;
        // Tikhonov as an augmented least-squares problem, R∞ not penalised
        double[][] aug = new double[2 * n + m][m + 1];
        double[] baug = new double[2 * n + m];
        for (int r = 0; r < 2 * n; r++) { aug[r] = a[r].clone(); baug[r] = b[r]; }
        for (int k = 0; k < m; k++) aug[2 * n + k][1 + k] = Math.sqrt(lambda);
        double[] x = nnls(aug, baug);
        // γ on a fine grid, the fit and its residuals
        int nc = (int) Math.ceil(Math.abs(y[m - 1] - y[0]) / Math.log(10) * CURVE_PER_DECADE) + 1;
        double[] tau = new double[nc], gamma = new double[nc];
        double y0 = Math.min(y[0], y[m - 1]), y1 = Math.max(y[0], y[m - 1]);
        for (int c = 0; c < nc; c++) {
            double yy = y0 + (y1 - y0) * c / (nc - 1);
            tau[c] = Math.exp(yy);
            double g = 0;
            for (int k = 0; k < m; k++) g += x[1 + k] * Math.exp(-Math.pow(eps * (yy - y[k]), 2));
            gamma[c] = g;
        }
        double[] zr = new double[n], zi = new double[n];
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double wt = 1 / Math.hypot(s.zRealOhm()[i], s.zImagOhm()[i]), fr = 0, fi = 0;
            for (int k = 0; k <= m; k++) { fr += a[i][k] * x[k]; fi += a[n + i][k] * x[k]; }
            zr[i] = fr / wt;
            zi[i] = fi / wt;
            worst = Math.max(worst, Math.hypot(zr[i] - s.zRealOhm()[i], zi[i] - s.zImagOhm()[i]) * wt);
        }
        double dln = (y1 - y0) / (nc - 1), total = 0;
        for (int c = 0; c < nc; c++) total += gamma[c] * dln;
        return new Result(lambda, x[0], tau, gamma, peaks(tau, gamma, dln), total, zr, zi, worst);
    }

    static List<Peak> peaks(double[] tau, double[] gamma, double dln) {
        List<Peak> out = new ArrayList<>();
        double max = 0;
        for (double g : gamma) max = Math.max(max, g);
        double total = 0;
        for (double g : gamma) total += g * dln;
        for (int c = 1; c < gamma.length - 1; c++) {
            if (gamma[c] > gamma[c - 1] && gamma[c] >= gamma[c + 1] && gamma[c] > 0.02 * max) {
                int l = c, r = c;
                while (l > 0 && gamma[l - 1] <= gamma[l]) l--;
                while (r < gamma.length - 1 && gamma[r + 1] <= gamma[r]) r++;
                double area = 0;
                for (int k = l; k <= r; k++) area += gamma[k] * dln;
                // ripples of the regularised solution hold a few percent at most: report what holds 5 % or more
                if (area >= MIN_PEAK_SHARE * total) out.add(new Peak(tau[c], 1 / (2 * Math.PI * tau[c]), area));
            }
        }
        return out;
    }

    /**
     * λ minimising GCV(λ) = N‖(I − K)b‖² / tr(I − K)², K = A(AᵀA + λP)⁻¹Aᵀ with P leaving R∞ (column 0) free, over a
     * log grid. R∞ is projected out (Q = I − a₀a₀ᵀ/a₀ᵀa₀), which turns the problem into standard Tikhonov on QA₁, Qb;
     * one decomposition of QA₁ (singular values σᵢ, coefficients βᵢ = uᵢᵀQb) then gives every λ in O(m):
     * ‖(I − K)b‖² = Σ (λ/(σᵢ² + λ))² βᵢ² + ‖Qb‖² − Σ βᵢ², tr K = 1 + Σ σᵢ²/(σᵢ² + λ).
     */
    static double gcv(double[][] a, double[] b) {
        int rows = a.length, m = a[0].length - 1;
        double a0a0 = 0, a0b = 0;
        for (int r = 0; r < rows; r++) { a0a0 += a[r][0] * a[r][0]; a0b += a[r][0] * b[r]; }
        double[][] qa = new double[rows][m];
        double[] qb = new double[rows];
        double[] a0ak = new double[m];
        for (int r = 0; r < rows; r++) for (int k = 0; k < m; k++) a0ak[k] += a[r][0] * a[r][1 + k];
        for (int r = 0; r < rows; r++) {
            double c = a[r][0] / a0a0;
            for (int k = 0; k < m; k++) qa[r][k] = a[r][1 + k] - c * a0ak[k];
            qb[r] = b[r] - c * a0b;
        }
        // σᵢ² and vᵢ from the symmetric eigenproblem of (QA₁)ᵀQA₁ (m × m, cheaper than the SVD of the tall matrix);
        // βᵢ = vᵢᵀ(QA₁)ᵀQb / σᵢ; directions with σᵢ² below round-off hold no information and drop out of both sums
        double[][] g = new double[m][m];
        double[] atb = new double[m];
        for (int r = 0; r < rows; r++) {
            double[] row = qa[r];
            for (int k = 0; k < m; k++) {
                atb[k] += row[k] * qb[r];
                for (int l = k; l < m; l++) g[k][l] += row[k] * row[l];
            }
        }
        for (int k = 0; k < m; k++) for (int l = 0; l < k; l++) g[k][l] = g[l][k];
        org.hipparchus.linear.EigenDecompositionSymmetric eig = new org.hipparchus.linear.EigenDecompositionSymmetric(new Array2DRowRealMatrix(g, false));
        double[] ev = eig.getEigenvalues();
        double evMax = 0;
        for (double v : ev) evMax = Math.max(evMax, Math.abs(v));
        double[] sv = new double[m], beta = new double[m];
        for (int i = 0; i < m; i++) {
            if (!(ev[i] > 1e-13 * evMax)) continue;
            RealVector v = eig.getEigenvector(i);
            double proj = 0;
            for (int k = 0; k < m; k++) proj += v.getEntry(k) * atb[k];
            sv[i] = Math.sqrt(ev[i]);
            beta[i] = proj / sv[i];
        }
        double qbqb = 0, betaSq = 0;
        for (double v : qb) qbqb += v * v;
        for (double v : beta) betaSq += v * v;
        double outside = Math.max(0, qbqb - betaSq); // the part of Qb no basis function reaches
        double best = Double.POSITIVE_INFINITY, bestLambda = 1e-3;
        for (double e = -6; e <= 0.001; e += 0.25) {
            double lambda = Math.pow(10, e), res2 = outside, trK = 1;
            for (int i = 0; i < sv.length; i++) {
                if (sv[i] == 0) continue;
                double s2 = sv[i] * sv[i], f = lambda / (s2 + lambda);
                res2 += f * f * beta[i] * beta[i];
                trK += s2 / (s2 + lambda);
            }
            double score = rows * res2 / Math.pow(rows - trK, 2);
            if (score < best) { best = score; bestLambda = lambda; }
        }
        return bestLambda;
    }

    /** Lawson–Hanson non-negative least squares: min ‖Ax − b‖ with x ≥ 0. */
    static double[] nnls(double[][] a, double[] b) {
        int rows = a.length, p = a[0].length;
        RealMatrix am = new Array2DRowRealMatrix(a, false);
        RealVector bv = new ArrayRealVector(b, false);
        double[] x = new double[p];
        boolean[] passive = new boolean[p];
        for (int outer = 0; outer < 3 * p; outer++) {
            RealVector w = am.transpose().operate(bv.subtract(am.operate(new ArrayRealVector(x, false))));
            int t = -1;
            double wmax = 1e-12 * (1 + bv.getNorm());
            for (int k = 0; k < p; k++) if (!passive[k] && w.getEntry(k) > wmax) { wmax = w.getEntry(k); t = k; }
            if (t < 0) break;
            passive[t] = true;
            for (int inner = 0; inner < 3 * p; inner++) {
                double[] z = solvePassive(a, b, passive, rows, p);
                boolean allPositive = true;
                for (int k = 0; k < p; k++) if (passive[k] && z[k] <= 0) allPositive = false;
                if (allPositive) { x = z; break; }
                double alpha = 1;
                for (int k = 0; k < p; k++) if (passive[k] && z[k] <= 0) alpha = Math.min(alpha, x[k] / (x[k] - z[k]));
                for (int k = 0; k < p; k++) {
                    x[k] += alpha * (z[k] - x[k]);
                    if (passive[k] && x[k] <= 1e-15) { passive[k] = false; x[k] = 0; }
                }
            }
        }
        return x;
    }

    private static double[] solvePassive(double[][] a, double[] b, boolean[] passive, int rows, int p) {
        int np = 0;
        for (boolean q : passive) if (q) np++;
        double[][] sub = new double[rows][np];
        int[] idx = new int[np];
        for (int k = 0, c = 0; k < p; k++) if (passive[k]) idx[c++] = k;
        for (int r = 0; r < rows; r++) for (int c = 0; c < np; c++) sub[r][c] = a[r][idx[c]];
        RealVector s = new QRDecomposition(new Array2DRowRealMatrix(sub, false)).getSolver().solve(new ArrayRealVector(b, false));
        double[] z = new double[p];
        for (int c = 0; c < np; c++) z[idx[c]] = s.getEntry(c);
        return z;
    }
}
