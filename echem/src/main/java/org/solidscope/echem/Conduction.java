package org.solidscope.echem;

import org.solidscope.core.InputException;
import org.solidscope.core.NumericalException;

/**
 * Ionic conductivity from a bulk resistance and an Arrhenius fit of it against temperature.
 *
 * <p>σ = L/(R·A) with L the electrolyte thickness and A the electrode area (blocking-electrode cell);
 * its standard uncertainty propagated from R's alone (L and A taken as exact).
 *
 * <p>Arrhenius: σT = A·exp(−Ea/(k_B T)), fitted as the straight line ln(σT) = ln A − (Ea/k_B)·(1/T),
 * weighted by 1/u(ln σT)² = (σ/u(σ))² when uncertainties are given, Ea ± its standard error from the
 * line's slope: with given uncertainties taken as absolute, without them (an unweighted fit) scaled by the
 * reduced χ² as for the circuit fits.
 */
public final class Conduction {
    private Conduction() {}

    public static final double BOLTZMANN_EV_PER_K = 8.617333262e-5;

    /** σ in S/cm from R in Ω, thickness in cm and area in cm². */
    public static double conductivitySPerCm(double resistanceOhm, double thicknessCm, double areaCm2) {
        return thicknessCm / (resistanceOhm * areaCm2);
    }

    /** @param activationEnergyEv Ea; {@code prefactorSKPerCm} A of σT = A exp(−Ea/kT) in S·K/cm */
    public record Arrhenius(double activationEnergyEv, double activationEnergyStderrEv, double prefactorSKPerCm, double lnPrefactorStderr,
                            double reducedChi2, int points) {
        /** σ at temperature T (K) by the fitted law. */
        public double conductivityAt(double temperatureK) {
            return prefactorSKPerCm * Math.exp(-activationEnergyEv / (BOLTZMANN_EV_PER_K * temperatureK)) / temperatureK;
        }
    }

    /** @param sigmaStderr uncertainties of σ, or null for an unweighted fit */
    public static Arrhenius arrhenius(double[] temperatureK, double[] sigmaSPerCm, double[] sigmaStderr) {
        int n = temperatureK.length;
        if (n < 3) throw new InputException("--temperatures", "temperatures", "at least 3 temperatures for an Arrhenius fit with an uncertainty", String.valueOf(n));
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        double[] x = new double[n], y = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            if (!(temperatureK[i] > 0) || !(sigmaSPerCm[i] > 0)) {
                throw new InputException("--temperatures", "point " + (i + 1), "T > 0 K and σ > 0", temperatureK[i] + " K, " + sigmaSPerCm[i] + " S/cm");
            }
            x[i] = 1 / temperatureK[i];
            y[i] = Math.log(sigmaSPerCm[i] * temperatureK[i]);
            double u = sigmaStderr == null ? Double.NaN : sigmaStderr[i] / sigmaSPerCm[i];
            w[i] = u > 0 && Double.isFinite(u) ? 1 / (u * u) : 1;
            sw += w[i]; sx += w[i] * x[i]; sy += w[i] * y[i]; sxx += w[i] * x[i] * x[i]; sxy += w[i] * x[i] * y[i];
        }
        double det = sw * sxx - sx * sx;
        if (!(det > 0)) throw new NumericalException("the temperatures do not differ: no Arrhenius slope");
        double slope = (sw * sxy - sx * sy) / det, icpt = (sxx * sy - sx * sxy) / det;
        double chi2 = 0;
        for (int i = 0; i < n; i++) chi2 += w[i] * Math.pow(y[i] - icpt - slope * x[i], 2);
        double red = chi2 / (n - 2);
        // given uncertainties are taken as absolute (SciPy's absolute_sigma); without them the scatter sets the scale
        double scale = sigmaStderr == null ? red : 1;
        double varSlope = sw / det * scale, varIcpt = sxx / det * scale;
        double ea = -slope * BOLTZMANN_EV_PER_K;
        return new Arrhenius(ea, Math.sqrt(varSlope) * BOLTZMANN_EV_PER_K, Math.exp(icpt), Math.sqrt(varIcpt), red, n);
    }
}
