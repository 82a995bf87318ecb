package org.solidscope.echem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The DRT of a ZARC element (pyDRTtools' synthetic case) against its analytic distribution. */
class RelaxationTimesTest {
    /** ZARC: R∞ + Rct/(1 + (jωτ0)^φ). */
    static ImpedanceSpectrum zarc(double rInf, double rct, double phi, double tau0, double noiseOhm, long seed) {
        int n = 81;
        double[] f = new double[n], re = new double[n], im = new double[n];
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            f[i] = Math.pow(10, 6 - 8.0 * i / (n - 1)); // 10⁶ … 10⁻² Hz, 10 per decade
            double w = 2 * Math.PI * f[i];
            org.hipparchus.complex.Complex z = new org.hipparchus.complex.Complex(0, w * tau0).pow(phi).add(1).reciprocal().multiply(rct).add(rInf);
            re[i] = z.getReal() + noiseOhm * r.nextGaussian();
            im[i] = z.getImaginary() + noiseOhm * r.nextGaussian();
        }
        return new ImpedanceSpectrum(f, re, im, "zarc");
    }

    /** Analytic DRT of the ZARC, Ohm per unit ln τ. */
    static double analytic(double rct, double phi, double tau0, double tau) {
        return rct / (2 * Math.PI) * Math.sin((1 - phi) * Math.PI) / (Math.cosh(phi * Math.log(tau / tau0)) - Math.cos((1 - phi) * Math.PI));
    }

    @Test
    void aZarcGivesOnePeakAtItsTauHoldingItsResistance() {
        // pyDRTtools' set: R∞ 10 Ω, Rct 50 Ω, φ 0.8, τ0 0.1 s, 10⁻²–10⁶ Hz at 10 per decade; here σ 0.1 Ω
        RelaxationTimes.Result r = RelaxationTimes.compute(zarc(10, 50, 0.8, 0.1, 0.1, 7), Double.NaN);
        assertEquals(10, r.rInfOhm(), 0.3, "R∞");
        assertEquals(50, r.polarisationOhm(), 2.5, "∫γ d ln τ = Rct");
        assertEquals(1, r.peaks().size(), "one peak: " + r.peaks());
        assertEquals(50, r.peaks().get(0).resistanceOhm(), 5, "the peak holds Rct");
        assertEquals(Math.log(0.1), Math.log(r.peaks().get(0).tauS()), Math.log(1.15), "peak at τ0: " + r.peaks().get(0));
        // the curve follows the analytic distribution where it matters (within 15 % of its peak height)
        double peak = analytic(50, 0.8, 0.1, 0.1), worst = 0;
        for (int c = 0; c < r.tauS().length; c++) {
            if (r.tauS()[c] < 1e-4 || r.tauS()[c] > 1e1) continue;
            worst = Math.max(worst, Math.abs(r.gammaOhm()[c] - analytic(50, 0.8, 0.1, r.tauS()[c])));
        }
        assertTrue(worst < 0.15 * peak, "largest deviation " + worst + " of a peak " + peak);
        assertTrue(r.maxResidualRelative() < 0.05, "the spectrum is reconstructed: " + r.maxResidualRelative());
        for (double g : r.gammaOhm()) assertTrue(g >= 0, "non-negative");
    }

    @Test
    void twoRcElementsGiveTwoPeaksAtTheirTauHoldingTheirResistances() {
        Circuit c = Circuit.parse("R0-p(R1,C1)-p(R2,C2)");
        double r1 = 30, tau1 = 1e-4, r2 = 60, tau2 = 1e-1;
        double[] f = SpectrumSimulator.logFrequencies(0.01, 1e6, 10);
        RelaxationTimes.Result r = RelaxationTimes.compute(SpectrumSimulator.simulate(c, new double[] {10, r1, tau1 / r1, r2, tau2 / r2}, f, 0.001, 5), Double.NaN);
        assertEquals(2, r.peaks().size(), "two peaks: " + r.peaks());
        RelaxationTimes.Peak fast = r.peaks().stream().min(java.util.Comparator.comparingDouble(RelaxationTimes.Peak::tauS)).orElseThrow();
        RelaxationTimes.Peak slow = r.peaks().stream().max(java.util.Comparator.comparingDouble(RelaxationTimes.Peak::tauS)).orElseThrow();
        assertEquals(tau1, fast.tauS(), 0.05 * tau1, "τ1: " + fast);
        assertEquals(tau2, slow.tauS(), 0.05 * tau2, "τ2: " + slow);
        assertEquals(r1, fast.resistanceOhm(), 0.05 * r1, "R1: " + fast);
        assertEquals(r2, slow.resistanceOhm(), 0.05 * r2, "R2: " + slow);
    }

    @Test
    void nonNegativeLeastSquaresMatchesTheUnconstrainedSolutionWhenItIsPositive() {
        double[][] a = {{1, 0}, {0, 2}, {1, 1}};
        double[] b = {1, 4, 3};
        double[] x = RelaxationTimes.nnls(a, b);
        // unconstrained: x = (1, 2) fits exactly
        assertEquals(1, x[0], 1e-12);
        assertEquals(2, x[1], 1e-12);
        double[] y = RelaxationTimes.nnls(a, new double[] {-1, 4, 1});
        assertEquals(0, y[0], 1e-12, "held at the bound");
        assertTrue(y[1] > 0);
    }
}
