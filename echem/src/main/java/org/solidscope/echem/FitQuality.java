package org.solidscope.echem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a circuit fit can be used, and what to warn about. Findings: a covariance that is singular (the data cannot
 * tell some parameters apart: their uncertainties are unknown), a resistance that dropped out (below 10⁻⁶ of the
 * spectrum's largest |Z|), and residuals far above the spectrum's noise — the fit's rms residual relative to |Z| above
 * both 1 % and ten times the rms residual of lin-KK on the same spectrum (lin-KK follows any spectrum a linear, stable
 * system can give, so its residual is the noise; an equivalent circuit rarely comes that close, so this is a warning).
 * A fit is not usable when its covariance is singular or its rms residual exceeds {@link #UNUSABLE_RESIDUAL} of |Z|.
 */
public final class FitQuality {
    private FitQuality() {}

    /** The rms residual, relative to |Z|, above which a fit misses the data. */
    public static final double UNUSABLE_RESIDUAL = 0.10;

    /** Warnings in words; usable when none of them makes the fit unusable; the two residuals compared (relative rms). */
    public record Result(List<String> warnings, boolean usable, double fitResidualRms, double noiseResidualRms) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    public static Result judge(ImpedanceSpectrum s, CircuitFit.Result fit) {
        return judge(s, fit, true);
    }

    /** As {@link #judge(ImpedanceSpectrum, CircuitFit.Result)}; without {@code noise} lin-KK is not run (no comparison with the noise). */
    public static Result judge(ImpedanceSpectrum s, CircuitFit.Result fit, boolean noise) {
        List<String> warnings = new ArrayList<>();
        boolean usable = true;
        List<String> unknown = new ArrayList<>();
        for (CircuitFit.Parameter p : fit.parameters()) if (!p.fixed() && !Double.isFinite(p.stderr())) unknown.add(p.name());
        if (!unknown.isEmpty()) {
            warnings.add("the covariance is singular: the data cannot tell " + String.join(", ", unknown) + " apart (uncertainties unknown)");
            usable = false;
        }
        int n = s.size();
        double zMax = 0;
        for (int i = 0; i < n; i++) zMax = Math.max(zMax, Math.hypot(s.zRealOhm()[i], s.zImagOhm()[i]));
        for (CircuitFit.Parameter p : fit.parameters()) {
            if (p.name().startsWith("R") && !p.name().contains("_") && !p.fixed() && Math.abs(p.value()) < 1e-6 * zMax) {
                warnings.add(String.format(Locale.ROOT, "%s = %.3g Ohm dropped out of the fit (below 10⁻⁶ of the largest |Z|, %.4g Ohm)", p.name(), p.value(), zMax));
            }
        }
        double[] re = new double[n], im = new double[n];
        fit.circuit().impedance(fit.values(), s.frequencyHz(), re, im);
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double z = Math.hypot(s.zRealOhm()[i], s.zImagOhm()[i]);
            ss += (Math.pow(re[i] - s.zRealOhm()[i], 2) + Math.pow(im[i] - s.zImagOhm()[i], 2)) / (z * z);
        }
        double fitRms = Math.sqrt(ss / n), noiseRms = Double.NaN;
        if (noise && n >= 5) {
            LinKK.Result kk = LinKK.test(s, 0.85, LinKK.Options.robust(s));
            double k2 = 0;
            for (int i = 0; i < n; i++) k2 += Math.pow(kk.residualRealRelative()[i], 2) + Math.pow(kk.residualImagRelative()[i], 2);
            noiseRms = Math.sqrt(k2 / n);
            if (fitRms > 0.01 && fitRms > 10 * noiseRms) {
                warnings.add(String.format(Locale.ROOT, "residuals far above the noise: rms %.3g %% of |Z|, %.0f× lin-KK's %.3g %%", 100 * fitRms,
                        fitRms / noiseRms, 100 * noiseRms));
            }
        }
        if (fitRms > UNUSABLE_RESIDUAL) {
            warnings.add(String.format(Locale.ROOT, "the fit misses the data: rms residual %.3g %% of |Z| (above %.0f %%); try other --initial guesses or --global N",
                    100 * fitRms, 100 * UNUSABLE_RESIDUAL));
            usable = false;
        }
        return new Result(warnings, usable, fitRms, noiseRms);
    }
}
