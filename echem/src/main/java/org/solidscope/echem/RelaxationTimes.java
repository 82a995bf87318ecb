package org.solidscope.echem;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * Distribution of relaxation times: {@code Z(ω) = R∞ + jωL + ∫ γ(ln τ)/(1 + jωτ) d ln τ}, with γ a sum of Gaussian radial
 * basis functions φₖ(y) = exp(−(ε(y − yₖ))²) in y = ln τ, found by Tikhonov-regularised least squares on Re and Im
 * together with γ ≥ 0, R∞ ≥ 0 and L ≥ 0 (Lawson–Hanson non-negative least squares), the series inductance L and R∞ not
 * penalised. {@link Settings} choose the basis centres (τ = 1/(2πf) or τ = 1/f of the measured frequencies), the width
 * (ε times the centres' spacing in ln τ), the penalty (‖γ coefficients‖², or ‖γ′‖² or ‖γ″‖² integrated over ln τ), the
 * weighting of the residuals (1/|Z| or none) and λ (given, or by generalised cross-validation over a range that the
 * result reports, with a note when the choice lies on its edge). {@link Settings#pyDrtTools()} are pyDRTtools' own:
 * τₖ = 1/fₖ, ε from a full width at half maximum of 0.5 … (ε = 0.5 · 2√ln2 / Δ), second-derivative penalty, unweighted,
 * R∞ and L fitted, GCV over 10⁻⁷ … 10⁰. Peaks are the local maxima of γ with τ, frequency and resistance (the area of γ
 * between the neighbouring minima), those holding at least 5 % of the polarisation (smaller maxima are ripples of the
 * regularisation on noisy data).
 */
public final class RelaxationTimes {
    private RelaxationTimes() {}

    public record Peak(double tauS, double frequencyHz, double resistanceOhm) {}

    /** Whether a series inductance is fitted: never, when the spectrum is inductive somewhere (Z″ &gt; 1 % of the largest |Z|), or always. */
    public enum Inductance { NONE, WHEN_INDUCTIVE, ALWAYS }

    /** Where the basis functions sit: τ = 1/(2πf) or τ = 1/f of the measured frequencies. */
    public enum Centres { ANGULAR, INVERSE_FREQUENCY }

    /**
     * How the DRT is computed: λ (NaN: by GCV over [lambdaMin, lambdaMax]), the basis centres, ε times the centres' spacing,
     * the penalty's order (0: the coefficients themselves; 1, 2: the first or second derivative of γ in ln τ), whether a
     * series inductance is fitted, whether residuals are weighted by 1/|Z|.
     */
    public record Settings(double lambda, Centres centres, double epsilonTimesSpacing, int penaltyOrder, Inductance inductance, boolean weighted,
                           double lambdaMin, double lambdaMax) {
        public Settings {
            if (penaltyOrder < 0 || penaltyOrder > 2) throw new IllegalArgumentException("penalty order 0, 1 or 2");
        }

        /**
         * SolidScope's: centres at 1/(2πf), ε·Δ = 0.5, penalty on the coefficients, 1/|Z| weights, L fitted when the spectrum has
         * inductive points (without them L is not determined, and its freedom only lowers λ), GCV over 10⁻¹⁰ … 10¹.
         */
        public static Settings defaults() {
            return new Settings(Double.NaN, Centres.ANGULAR, 0.5, 0, Inductance.WHEN_INDUCTIVE, true, 1e-10, 10);
        }

        /** pyDRTtools' (Gaussian basis, FWHM coefficient 0.5, second-derivative penalty, R∞ and L fitted, unweighted, GCV). */
        public static Settings pyDrtTools() {
            return new Settings(Double.NaN, Centres.INVERSE_FREQUENCY, 0.5 * 2 * Math.sqrt(Math.log(2)), 2, Inductance.ALWAYS, false, 1e-7, 1);
        }

        public Settings withLambda(double l) {
            return new Settings(l, centres, epsilonTimesSpacing, penaltyOrder, inductance, weighted, lambdaMin, lambdaMax);
        }
    }

    public record Result(double lambda, double rInfOhm, double[] tauS, double[] gammaOhm, List<Peak> peaks, double polarisationOhm,
                         double[] zRealFit, double[] zImagFit, double maxResidualRelative, double inductanceH, double[] lambdaRange,
                         List<String> notes) {}

    /** A peak is reported when it holds at least this share of the polarisation resistance. */
    public static final double MIN_PEAK_SHARE = 0.05;

    /** Points per decade of the γ curve returned. */
    static final int CURVE_PER_DECADE = 40;

    public static Result compute(ImpedanceSpectrum s, double lambdaOrNaN) {
        return compute(s, Settings.defaults().withLambda(lambdaOrNaN));
    }

    public static Result compute(ImpedanceSpectrum s, Settings set) {
        int n = s.size(), m = n;
        double[] y = new double[m]; // ln τ of the basis centres
        double shift = set.centres() == Centres.ANGULAR ? 2 * Math.PI : 1;
        for (int k = 0; k < m; k++) y[k] = Math.log(1 / (shift * s.frequencyHz()[k]));
        double spacing = Math.abs(y[m - 1] - y[0]) / Math.max(1, m - 1);
        double eps = set.epsilonTimesSpacing() / spacing;
        // inductive: a Z″ > 0 above 1 % of the largest |Z| (noise about Z″ = 0 at the highest frequencies is not)
        double zMax = 0, ziMax = 0;
        for (int i = 0; i < n; i++) {
            zMax = Math.max(zMax, Math.hypot(s.zRealOhm()[i], s.zImagOhm()[i]));
            ziMax = Math.max(ziMax, s.zImagOhm()[i]);
        }
        boolean inductive = ziMax > 0.01 * zMax;
        boolean withL = set.inductance() == Inductance.ALWAYS || set.inductance() == Inductance.WHEN_INDUCTIVE && inductive;
        int free = withL ? 2 : 1; // R∞, then L
        int p = free + m;
        // design matrix: columns R∞, L, then the m basis functions; rows Re, then Im; weighted by 1/|Z| or not
        double[][] a = new double[2 * n][p];
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
            double w = 2 * Math.PI * s.frequencyHz()[i], wt = weight(s, i, set);
            for (int j = 0; j <= q; j++) {
                double x = w * ey[j], d = 1 + x * x;
                kr[j] = 1 / d;
                ki[j] = -x / d;
            }
            a[i][0] = wt;
            if (withL) a[n + i][1] = wt * w;
            for (int k = 0; k < m; k++) {
                double re = 0, im = 0;
                double[] pk = phi[k];
                for (int j = from[k]; j <= to[k]; j++) { // where the Gaussian is above e^-36 of its peak
                    re += pk[j] * kr[j];
                    im += pk[j] * ki[j];
                }
                a[i][free + k] = wt * re * dy;
                a[n + i][free + k] = wt * im * dy;
            }
            b[i] = wt * s.zRealOhm()[i];
            b[n + i] = wt * s.zImagOhm()[i];
        }
        double[][] pen = penalty(set.penaltyOrder(), eps, y, lo, dy, q, free, p);
        List<String> notes = new ArrayList<>();
        double lambda = set.lambda();
        if (Double.isNaN(lambda)) {
            lambda = gcv(a, b, pen, set.lambdaMin(), set.lambdaMax());
            if (lambda <= set.lambdaMin() * 1.0001 || lambda >= set.lambdaMax() / 1.0001) {
                notes.add(String.format(java.util.Locale.ROOT, "λ = %.3g lies on the %s edge of the GCV range %.0e … %.0e: the choice is not a minimum; "
                        + "give --lambda to set it", lambda, lambda <= set.lambdaMin() * 1.0001 ? "lower" : "upper", set.lambdaMin(), set.lambdaMax()));
            }
        }
        // Tikhonov as an augmented least-squares problem: rows √λ·R with RᵀR the penalty; R∞ and L not penalised
        double[][] root = squareRoot(pen);
        double[][] aug = new double[2 * n + root.length][];
        double[] baug = new double[2 * n + root.length];
        for (int r = 0; r < 2 * n; r++) { aug[r] = a[r].clone(); baug[r] = b[r]; }
        double sl = Math.sqrt(lambda);
        for (int r = 0; r < root.length; r++) {
            aug[2 * n + r] = new double[p];
            for (int c = 0; c < p; c++) aug[2 * n + r][c] = sl * root[r][c];
        }
        double[] x = nnls(aug, baug);
        // γ on a fine grid, the fit and its residuals
        int nc = (int) Math.ceil(Math.abs(y[m - 1] - y[0]) / Math.log(10) * CURVE_PER_DECADE) + 1;
        double[] tau = new double[nc], gamma = new double[nc];
        double y0 = Math.min(y[0], y[m - 1]), y1 = Math.max(y[0], y[m - 1]);
        for (int c = 0; c < nc; c++) {
            double yy = y0 + (y1 - y0) * c / (nc - 1);
            tau[c] = Math.exp(yy);
            double g = 0;
            for (int k = 0; k < m; k++) g += x[free + k] * Math.exp(-Math.pow(eps * (yy - y[k]), 2));
            gamma[c] = g;
        }
        double[] zr = new double[n], zi = new double[n];
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double wt = weight(s, i, set), fr = 0, fi = 0;
            for (int k = 0; k < p; k++) { fr += a[i][k] * x[k]; fi += a[n + i][k] * x[k]; }
            zr[i] = fr / wt;
            zi[i] = fi / wt;
            worst = Math.max(worst, Math.hypot(zr[i] - s.zRealOhm()[i], zi[i] - s.zImagOhm()[i]) / Math.hypot(s.zRealOhm()[i], s.zImagOhm()[i]));
        }
        double total = 0; // ∫γ d ln τ of the basis functions, each √π/ε
        for (int k = 0; k < m; k++) total += x[free + k] * Math.sqrt(Math.PI) / eps;
        double dln = (y1 - y0) / (nc - 1);
        return new Result(lambda, x[0], tau, gamma, peaks(tau, gamma, dln), total, zr, zi, worst, withL ? x[1] : Double.NaN,
                new double[] {set.lambdaMin(), set.lambdaMax()}, List.copyOf(notes));
    }

    private static double weight(ImpedanceSpectrum s, int i, Settings set) {
        return set.weighted() ? 1 / Math.hypot(s.zRealOhm()[i], s.zImagOhm()[i]) : 1;
    }

    /**
     * The penalty matrix over all columns (R∞ and L rows and columns zero): the identity on the coefficients (order 0), or
     * ∫ φₖ⁽ᵈ⁾ φₗ⁽ᵈ⁾ dy for the d-th derivative in y = ln τ, by the trapezoid rule on the quadrature grid.
     */
    static double[][] penalty(int order, double eps, double[] y, double lo, double dy, int q, int free, int p) {
        int m = y.length;
        double[][] pen = new double[p][p];
        if (order == 0) {
            for (int k = 0; k < m; k++) pen[free + k][free + k] = 1;
            return pen;
        }
        double e2 = eps * eps;
        double[][] der = new double[m][q + 1];
        for (int k = 0; k < m; k++) {
            for (int j = 0; j <= q; j++) {
                double u = lo + j * dy - y[k], g = Math.exp(-e2 * u * u);
                der[k][j] = order == 1 ? -2 * e2 * u * g : (4 * e2 * e2 * u * u - 2 * e2) * g;
            }
        }
        for (int k = 0; k < m; k++) {
            for (int l = k; l < m; l++) {
                double sum = 0;
                for (int j = 0; j <= q; j++) sum += (j == 0 || j == q ? 0.5 : 1) * der[k][j] * der[l][j];
                pen[free + k][free + l] = pen[free + l][free + k] = sum * dy;
            }
        }
        return pen;
    }

    /** R with RᵀR = P for a symmetric positive semi-definite P (eigenvalues below round-off as zero), its rows of zeros dropped. */
    static double[][] squareRoot(double[][] pen) {
        int p = pen.length;
        org.hipparchus.linear.EigenDecompositionSymmetric eig = new org.hipparchus.linear.EigenDecompositionSymmetric(new Array2DRowRealMatrix(pen, true));
        double[] ev = eig.getEigenvalues();
        double max = 0;
        for (double v : ev) max = Math.max(max, Math.abs(v));
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            if (!(ev[i] > 1e-14 * max)) continue;
            RealVector v = eig.getEigenvector(i);
            double[] r = new double[p];
            double sq = Math.sqrt(ev[i]);
            for (int c = 0; c < p; c++) r[c] = sq * v.getEntry(c);
            rows.add(r);
        }
        return rows.toArray(new double[0][]);
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
     * λ minimising GCV(λ) = N‖(I − K)b‖² / (N − tr K)², K = A(AᵀA + λP)⁻¹Aᵀ (the unconstrained problem), over a log grid of
     * 8 points per decade from {@code min} to {@code max}, then refined by golden-section search between the grid points
     * beside the best. Each λ costs one Cholesky decomposition of the p × p normal matrix: tr K = tr((AᵀA + λP)⁻¹AᵀA).
     */
    static double gcv(double[][] a, double[] b, double[][] pen, double min, double max) {
        int rows = a.length, p = a[0].length;
        double[][] ata = new double[p][p];
        double[] atb = new double[p];
        for (int r = 0; r < rows; r++) {
            double[] row = a[r];
            for (int k = 0; k < p; k++) {
                atb[k] += row[k] * b[r];
                for (int l = k; l < p; l++) ata[k][l] += row[k] * row[l];
            }
        }
        for (int k = 0; k < p; k++) for (int l = 0; l < k; l++) ata[k][l] = ata[l][k];
        double bb = 0;
        for (double v : b) bb += v * v;
        final double btb = bb;
        java.util.function.DoubleUnaryOperator score = logLambda -> gcvScore(ata, atb, btb, pen, Math.pow(10, logLambda), rows);
        double l0 = Math.log10(min), l1 = Math.log10(max);
        int steps = (int) Math.round((l1 - l0) * 8);
        double bestAt = l0, best = Double.POSITIVE_INFINITY;
        for (int k = 0; k <= steps; k++) {
            double at = l0 + (l1 - l0) * k / steps, v = score.applyAsDouble(at);
            if (v < best) { best = v; bestAt = at; }
        }
        double lo = Math.max(l0, bestAt - (l1 - l0) / steps), hi = Math.min(l1, bestAt + (l1 - l0) / steps);
        double g = (Math.sqrt(5) - 1) / 2;
        double c = hi - g * (hi - lo), d = lo + g * (hi - lo), fc = score.applyAsDouble(c), fd = score.applyAsDouble(d);
        for (int it = 0; it < 40 && hi - lo > 1e-4; it++) {
            if (fc < fd) { hi = d; d = c; fd = fc; c = hi - g * (hi - lo); fc = score.applyAsDouble(c); }
            else { lo = c; c = d; fc = fd; d = lo + g * (hi - lo); fd = score.applyAsDouble(d); }
        }
        double refined = (lo + hi) / 2;
        return Math.pow(10, score.applyAsDouble(refined) <= best ? refined : bestAt);
    }

    private static double gcvScore(double[][] ata, double[] atb, double btb, double[][] pen, double lambda, int rows) {
        int p = atb.length;
        double[][] h = new double[p][p];
        for (int k = 0; k < p; k++) for (int l = 0; l < p; l++) h[k][l] = ata[k][l] + lambda * pen[k][l];
        org.hipparchus.linear.DecompositionSolver solver;
        try {
            solver = new org.hipparchus.linear.CholeskyDecomposition(new Array2DRowRealMatrix(h, false), 1e-14, 1e-14).getSolver();
        } catch (org.hipparchus.exception.MathIllegalArgumentException e) {
            return Double.POSITIVE_INFINITY; // not positive definite at this λ (columns that nothing but the penalty ties down)
        }
        double[] x = solver.solve(new ArrayRealVector(atb, false)).toArray();
        // ‖b − Ax‖² = bᵀb − 2xᵀAᵀb + xᵀAᵀAx
        double xatb = 0, xatax = 0;
        for (int k = 0; k < p; k++) {
            xatb += x[k] * atb[k];
            double row = 0;
            for (int l = 0; l < p; l++) row += ata[k][l] * x[l];
            xatax += x[k] * row;
        }
        double res2 = Math.max(0, btb - 2 * xatb + xatax);
        RealMatrix hinvAta = solver.solve(new Array2DRowRealMatrix(ata, false));
        double trK = hinvAta.getTrace();
        return rows * res2 / Math.pow(rows - trK, 2);
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
