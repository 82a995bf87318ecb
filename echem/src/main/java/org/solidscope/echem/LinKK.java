package org.solidscope.echem;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealVector;

/**
 * Kramers–Kronig validity by the lin-KK test (Schönleber et al. 2014): the spectrum is fitted, as a
 * linear least-squares problem weighted by 1/|Z| on Re and Im together, by
 * {@code Z = R0 + Σ_k R_k/(1 + jωτ_k) + jωL} with M time constants fixed and log-spaced from
 * 1/ω_max to 1/ω_min. M grows from 1 until {@code μ = 1 − Σ_{R_k<0}|R_k| / Σ_{R_k≥0}|R_k|} falls below
 * c (0.85 by default): more elements would begin to fit noise with alternating signs. The relative
 * residuals {@code (Z − Ẑ)/|Z|} then tell whether the spectrum is trustworthy (a few tenths of a percent
 * for a valid one; systematic drift for a drifting cell).
 *
 * <p>Two fits: {@link FitType#REAL} (the default of Schönleber's Lin-KK tool and of impedance.py) fits R0 and
 * the R_k to the real part only and then L to what remains of the imaginary part; {@link FitType#COMPLEX}
 * fits all of them to both parts at once.
 */
public final class LinKK {
    private LinKK() {}

    public record Result(int m, double mu, double[] tauS, double[] resistancesOhm, double r0Ohm, double inductanceH,
                         double[] residualRealRelative, double[] residualImagRelative, double maxResidualRelative) {}

    public enum FitType { REAL, COMPLEX }

    public static Result test(ImpedanceSpectrum s, double c) {
        return test(s, c, FitType.REAL);
    }

    /** M grown from 1 until µ ≤ c (at most N − 3 elements, N the number of points). */
    public static Result test(ImpedanceSpectrum s, double c, FitType type) {
        int n = s.size();
        int maxM = Math.max(1, n - 3);
        Result r = null;
        for (int m = 1; m <= maxM; m++) {
            r = fit(s, m, type);
            if (r.mu() <= c) break;
        }
        return r;
    }

    static Result fit(ImpedanceSpectrum s, int m) {
        return fit(s, m, FitType.COMPLEX);
    }

    static Result fit(ImpedanceSpectrum s, int m, FitType type) {
        int n = s.size();
        double fMin = Double.POSITIVE_INFINITY, fMax = 0;
        for (double f : s.frequencyHz()) { fMin = Math.min(fMin, f); fMax = Math.max(fMax, f); }
        double t1 = 1 / (2 * Math.PI * fMax), tM = 1 / (2 * Math.PI * fMin);
        double[] tau = new double[m];
        for (int k = 0; k < m; k++) tau[k] = m == 1 ? t1 : Math.pow(10, Math.log10(t1) + k * Math.log10(tM / t1) / (m - 1));
        int p = m + 2; // R0, R_1..R_M, L
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
            b[i] = wt * s.zRealOhm()[i];
            b[n + i] = wt * s.zImagOhm()[i];
        }
        RealVector x;
        if (type == FitType.COMPLEX) {
            x = new QRDecomposition(new Array2DRowRealMatrix(a, false)).getSolver().solve(new ArrayRealVector(b, false));
        } else {
            // R0 and R_k from the real part alone, then L from the imaginary residual of that fit
            double[][] ar = new double[n][m + 1];
            for (int i = 0; i < n; i++) System.arraycopy(a[i], 0, ar[i], 0, m + 1);
            RealVector xr = new QRDecomposition(new Array2DRowRealMatrix(ar, false)).getSolver().solve(new ArrayRealVector(java.util.Arrays.copyOf(b, n), false));
            double num = 0, den = 0;
            for (int i = 0; i < n; i++) {
                double rest = b[n + i];
                for (int k = 0; k < m; k++) rest -= a[n + i][1 + k] * xr.getEntry(1 + k);
                num += a[n + i][m + 1] * rest;
                den += a[n + i][m + 1] * a[n + i][m + 1];
            }
            x = new ArrayRealVector(m + 2);
            x.setSubVector(0, xr);
            x.setEntry(m + 1, num / den);
        }
        double[] rk = new double[m];
        double neg = 0, pos = 0;
        for (int k = 0; k < m; k++) {
            rk[k] = x.getEntry(1 + k);
            if (rk[k] < 0) neg += -rk[k]; else pos += rk[k];
        }
        double mu = pos == 0 ? 1 : 1 - neg / pos;
        double[] rr = new double[n], ri = new double[n];
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double w = 2 * Math.PI * s.frequencyHz()[i], re = x.getEntry(0), im = w * x.getEntry(m + 1);
            for (int k = 0; k < m; k++) {
                double t = w * tau[k], d = 1 + t * t;
                re += rk[k] / d;
                im -= rk[k] * t / d;
            }
            double mod = Math.hypot(s.zRealOhm()[i], s.zImagOhm()[i]);
            rr[i] = (s.zRealOhm()[i] - re) / mod;
            ri[i] = (s.zImagOhm()[i] - im) / mod;
            worst = Math.max(worst, Math.max(Math.abs(rr[i]), Math.abs(ri[i])));
        }
        return new Result(m, mu, tau, rk, x.getEntry(0), x.getEntry(m + 1), rr, ri, worst);
    }
}
