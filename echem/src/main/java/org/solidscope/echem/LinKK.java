package org.solidscope.echem;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealVector;

/**
 * Kramers–Kronig validity by the lin-KK test (Schönleber et al. 2014): the spectrum is fitted, as a
 * linear least-squares problem weighted by 1/|Z|, by
 * {@code Z = R0 + Σ_k R_k/(1 + jωτ_k) + jωL [+ 1/(jωC)]} with M time constants fixed and log-spaced from
 * 1/ω_max to 1/ω_min. M grows until {@code μ = 1 − Σ_{R_k<0}|R_k| / Σ_{R_k≥0}|R_k|} falls below c (0.85 by
 * default): more elements would begin to fit noise with alternating signs. The relative residuals
 * {@code (Z − Ẑ)/|Z|} then tell whether the spectrum is trustworthy (about three times the noise for a
 * valid one; systematic structure for a drifting cell).
 *
 * <p>Options, as in Schönleber's Lin-KK tool: {@link FitType#REAL} (its default and impedance.py's) fits
 * R0 and the R_k to the real part only and then L (and C) to what remains of the imaginary part;
 * {@link FitType#COMPLEX} fits all of them to both parts at once. A series capacitance C lets a spectrum
 * with a diffusion tail (no low-frequency intercept) be represented. M starts at {@code minM}: from M = 1,
 * a CPE arc under-fitted by a few elements already gives negative R_k, and the µ criterion would stop at
 * a fit with residuals of tens of percent.
 */
public final class LinKK {
    private LinKK() {}

    /** @param capacitanceF NaN when no series capacitance was fitted */
    public record Result(int m, double mu, double[] tauS, double[] resistancesOhm, double r0Ohm, double inductanceH, double capacitanceF,
                         double[] residualRealRelative, double[] residualImagRelative, double maxResidualRelative) {}

    public enum FitType { REAL, COMPLEX }

    /** How the test is run: the fit, a series capacitance, the first M tried. */
    public record Options(FitType fit, boolean seriesCapacitance, int minM) {
        /** Schönleber's tool and impedance.py: real fit, no capacitance, M from 1. */
        public static final Options REFERENCE = new Options(FitType.REAL, false, 1);

        /** For spectra of cells (diffusion tails, CPE arcs): complex fit, a series capacitance, M from two per decade. */
        public static Options robust(ImpedanceSpectrum s) {
            double lo = Double.POSITIVE_INFINITY, hi = 0;
            for (double f : s.frequencyHz()) { lo = Math.min(lo, f); hi = Math.max(hi, f); }
            return new Options(FitType.COMPLEX, true, (int) Math.max(1, Math.round(2 * Math.log10(hi / lo))));
        }
    }

    public static Result test(ImpedanceSpectrum s, double c) {
        return test(s, c, Options.REFERENCE);
    }

    /** M grown from {@code minM} until µ ≤ c (at most N − 3 elements, N the number of points). */
    public static Result test(ImpedanceSpectrum s, double c, Options o) {
        int n = s.size();
        int maxM = Math.max(1, n - 3 - (o.seriesCapacitance() ? 1 : 0));
        Result r = null;
        for (int m = Math.min(o.minM(), maxM); m <= maxM; m++) {
            r = fit(s, m, o);
            if (r.mu() <= c) break;
        }
        return r;
    }

    static Result fit(ImpedanceSpectrum s, int m) {
        return fit(s, m, new Options(FitType.COMPLEX, false, 1));
    }

    static Result fit(ImpedanceSpectrum s, int m, Options o) {
        int n = s.size();
        double fMin = Double.POSITIVE_INFINITY, fMax = 0;
        for (double f : s.frequencyHz()) { fMin = Math.min(fMin, f); fMax = Math.max(fMax, f); }
        double t1 = 1 / (2 * Math.PI * fMax), tM = 1 / (2 * Math.PI * fMin);
        double[] tau = new double[m];
        for (int k = 0; k < m; k++) tau[k] = m == 1 ? t1 : Math.pow(10, Math.log10(t1) + k * Math.log10(tM / t1) / (m - 1));
        boolean cap = o.seriesCapacitance();
        int p = m + 2 + (cap ? 1 : 0); // R0, R_1..R_M, L [, 1/C]
        double[][] a = new double[2 * n][p];
        double[] b = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double w = 2 * Math.PI * s.frequencyHz()[i];
            double wt = 1 / Math.hypot(s.zRealOhm()[i], s.zImagOhm()[i]);
            a[i][0] = wt;
            for (int k = 0; k < m; k++) {
                double x = w * tau[k], d = 1 + x * x;
                a[i][1 + k] = wt / d;
                a[n + i][1 + k] = -wt * x / d;
            }
            a[n + i][m + 1] = wt * w;
            if (cap) a[n + i][m + 2] = -wt / w;
            b[i] = wt * s.zRealOhm()[i];
            b[n + i] = wt * s.zImagOhm()[i];
        }
        double[] x = new double[p];
        if (o.fit() == FitType.COMPLEX) {
            x = new QRDecomposition(new Array2DRowRealMatrix(a, false)).getSolver().solve(new ArrayRealVector(b, false)).toArray();
        } else {
            // R0 and R_k from the real part alone, then L (and 1/C) from the imaginary residual of that fit
            double[][] ar = new double[n][m + 1];
            for (int i = 0; i < n; i++) System.arraycopy(a[i], 0, ar[i], 0, m + 1);
            RealVector xr = new QRDecomposition(new Array2DRowRealMatrix(ar, false)).getSolver().solve(new ArrayRealVector(java.util.Arrays.copyOf(b, n), false));
            for (int k = 0; k <= m; k++) x[k] = xr.getEntry(k);
            int q = p - m - 1;
            double[][] ai = new double[n][q];
            double[] rest = new double[n];
            for (int i = 0; i < n; i++) {
                rest[i] = b[n + i];
                for (int k = 0; k < m; k++) rest[i] -= a[n + i][1 + k] * x[1 + k];
                for (int j = 0; j < q; j++) ai[i][j] = a[n + i][m + 1 + j];
            }
            RealVector xi = new QRDecomposition(new Array2DRowRealMatrix(ai, false)).getSolver().solve(new ArrayRealVector(rest, false));
            for (int j = 0; j < q; j++) x[m + 1 + j] = xi.getEntry(j);
        }
        double[] rk = new double[m];
        double neg = 0, pos = 0;
        for (int k = 0; k < m; k++) {
            rk[k] = x[1 + k];
            if (rk[k] < 0) neg += -rk[k]; else pos += rk[k];
        }
        double mu = pos == 0 ? 1 : 1 - neg / pos;
        double[] rr = new double[n], ri = new double[n];
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double mod = Math.hypot(s.zRealOhm()[i], s.zImagOhm()[i]);
            double re = 0, im = 0;
            for (int j = 0; j < p; j++) {
                re += a[i][j] * x[j];
                im += a[n + i][j] * x[j];
            }
            rr[i] = (s.zRealOhm()[i] - re * mod) / mod; // the rows carry the 1/|Z| weight
            ri[i] = (s.zImagOhm()[i] - im * mod) / mod;
            worst = Math.max(worst, Math.max(Math.abs(rr[i]), Math.abs(ri[i])));
        }
        return new Result(m, mu, tau, rk, x[0], x[m + 1], cap ? 1 / x[m + 2] : Double.NaN, rr, ri, worst);
    }
}
