package org.solidscope.echem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hipparchus.complex.Complex;
import org.junit.jupiter.api.Test;
import org.solidscope.core.InputException;

/** Each element's closed form, the grammar, and the fit's honesty on simulated spectra. */
class CircuitTest {
    static void near(Complex want, Complex got, double rel) {
        double tol = rel * want.norm();
        assertEquals(want.getReal(), got.getReal(), tol, "Re " + got);
        assertEquals(want.getImaginary(), got.getImaginary(), tol, "Im " + got);
    }

    @Test
    void elementsMatchTheirClosedForms() {
        double f = 123.4, w = 2 * Math.PI * f;
        near(new Complex(42, 0), Circuit.parse("R0").impedance(new double[] {42}, f), 1e-15);
        near(new Complex(0, -1 / (w * 1e-6)), Circuit.parse("C1").impedance(new double[] {1e-6}, f), 1e-14);
        near(new Complex(0, w * 1e-3), Circuit.parse("L1").impedance(new double[] {1e-3}, f), 1e-14);
        // a CPE of exponent 1 is a capacitor; of exponent 0 a resistor 1/Q; at α = 0.5 its phase is −45°
        near(Circuit.parse("C1").impedance(new double[] {2e-6}, f), Circuit.parse("CPE1").impedance(new double[] {2e-6, 1}, f), 1e-12);
        near(new Complex(1 / 5e-3, 0), Circuit.parse("CPE1").impedance(new double[] {5e-3, 0}, f), 1e-12);
        Complex half = Circuit.parse("CPE1").impedance(new double[] {1e-3, 0.5}, f);
        assertEquals(-Math.PI / 4, half.getArgument(), 1e-12);
        assertEquals(1 / (1e-3 * Math.sqrt(w)), half.norm(), 1e-9);
        near(new Complex(7 / Math.sqrt(w), -7 / Math.sqrt(w)), Circuit.parse("W1").impedance(new double[] {7}, f), 1e-14);
        // finite Warburg, short: Z0 at low frequency, the semi-infinite W at high; open: a capacitor τ/Z0 plus Z0/3 at low
        near(new Complex(10, 0), Circuit.parse("Ws1").impedance(new double[] {10, 1}, 1e-7), 1e-6);
        Complex ws = Circuit.parse("Ws1").impedance(new double[] {10, 1}, 1e5);
        double k = 10 / Math.sqrt(2 * Math.PI * 1e5);
        near(new Complex(k / Math.sqrt(2), -k / Math.sqrt(2)), ws, 1e-9);
        Complex wo = Circuit.parse("Wo1").impedance(new double[] {10, 1}, 1e-4);
        double wl = 2 * Math.PI * 1e-4;
        assertEquals(10.0 / 3, wo.getReal(), 1e-4);
        assertEquals(-10 / wl, wo.getImaginary(), 1e-3 * 10 / wl);
        // series adds, parallel adds admittances: p(R,C) at ω = 1/(RC) is R/2 − jR/2
        double r = 100, c = 1e-6, f0 = 1 / (2 * Math.PI * r * c);
        near(new Complex(5 + r / 2, -r / 2), Circuit.parse("R0-p(R1,C1)").impedance(new double[] {5, r, c}, f0), 1e-12);
    }

    @Test
    void gerischerAndTransmissionLineMatchTheirLimits() {
        // Gerischer: R_G at low frequency; R_G/√(jωt_G) at high (phase −45°)
        near(new Complex(25, 0), Circuit.parse("G1").impedance(new double[] {25, 1e-3}, 1e-6), 1e-8);
        double fh = 1e7, wh = 2 * Math.PI * fh;
        near(new Complex(0, wh * 1e-3).sqrt().reciprocal().multiply(25), Circuit.parse("G1").impedance(new double[] {25, 1e-3}, fh), 1e-4);
        Complex g = Circuit.parse("G1").impedance(new double[] {25, 2e-3}, 50);
        near(new Complex(1, 2 * Math.PI * 50 * 2e-3).sqrt().reciprocal().multiply(25), g, 1e-14);
        // TLM: at DC √(R_ion·R_ct)·coth(√(R_ion/R_ct)) (→ R_ct + R_ion/3 when R_ion ≪ R_ct); the interface alone when the pores
        // conduct perfectly; −45°·α at high frequency
        Circuit t = Circuit.parse("TLM1");
        assertEquals(List.of("TLM1_0", "TLM1_1", "TLM1_2", "TLM1_3"), t.parameterNames());
        double x = Math.sqrt(30.0 / 200);
        near(new Complex(Math.sqrt(30.0 * 200) / Math.tanh(x), 0), t.impedance(new double[] {30, 200, 1e-4, 0.9}, 1e-9), 1e-6);
        assertEquals(200 + 0.3 / 3, t.impedance(new double[] {0.3, 200, 1e-4, 0.9}, 1e-9).getReal(), 1e-4);
        near(Circuit.parse("p(R1,CPE1)").impedance(new double[] {200, 1e-4, 0.9}, 3.0), t.impedance(new double[] {1e-9, 200, 1e-4, 0.9}, 3.0), 1e-9);
        assertEquals(-Math.PI / 4, t.impedance(new double[] {30, 200, 1e-4, 1}, 1e6).getArgument(), 1e-3);
        assertEquals(-Math.PI / 4 * 0.8, t.impedance(new double[] {30, 200, 1e-4, 0.8}, 1e8).getArgument(), 1e-2);
        assertTrue(Circuit.isExponent("TLM1_3") && Circuit.isExponent("CPE2_1") && !Circuit.isExponent("TLM1_1"));
        // both fit back to their truth from guesses read off the data
        double[] f = SpectrumSimulator.logFrequencies(0.01, 1e6, 10);
        for (Object[] k : new Object[][] {{"R0-G1", new double[] {8, 40, 2e-3}}, {"R0-TLM1", new double[] {8, 30, 200, 1e-4, 0.85}}}) {
            Circuit c = Circuit.parse((String) k[0]);
            double[] truth = (double[]) k[1];
            ImpedanceSpectrum s = SpectrumSimulator.simulate(c, truth, f, 0, 1);
            CircuitFit.Result r = CircuitFit.fitGlobal(c, s, InitialGuess.of(c, s), CircuitFit.Weighting.MODULUS, java.util.Map.of(), 12, 1);
            for (int j = 0; j < truth.length; j++) assertEquals(truth[j], r.values()[j], 1e-4 * truth[j], c + " " + c.parameterNames().get(j));
        }
    }

    @Test
    void theGrammarNamesParametersAndPrintsBack() {
        Circuit c = Circuit.parse("R0-p(R1,CPE1)-p(R2-Wo1,C2)");
        assertEquals(List.of("R0", "R1", "CPE1_0", "CPE1_1", "R2", "Wo1_0", "Wo1_1", "C2"), c.parameterNames());
        assertEquals("R0-p(R1,CPE1)-p(R2-Wo1,C2)", c.toString());
        assertEquals("circuit at character 4", assertThrows(InputException.class, () -> Circuit.parse("R0-X1")).field());
        assertTrue(assertThrows(InputException.class, () -> Circuit.parse("R0-p(R1,C1")).expected().contains("')'"));
        assertTrue(assertThrows(InputException.class, () -> Circuit.parse("R0-R0")).found().contains("R0 twice"));
        assertTrue(assertThrows(InputException.class, () -> Circuit.parse("R-C1")).expected().contains("a number"));
    }

    @Test
    void fitsRecoverTheTruthAndTheirUncertaintiesAreHonest() {
        Circuit c = Circuit.parse("R0-p(R1,CPE1)-W1");
        double[] truth = {12.0, 85.0, 2e-5, 0.86, 30.0};
        double[] f = SpectrumSimulator.logFrequencies(0.1, 1e5, 10);
        // noise-free: the truth within 1e-6 from a guess 30 % off
        CircuitFit.Result exact = CircuitFit.fit(c, SpectrumSimulator.simulate(c, truth, f, 0, 1), new double[] {9, 110, 3e-5, 0.8, 20}, CircuitFit.Weighting.MODULUS);
        for (int k = 0; k < truth.length; k++) assertEquals(truth[k], exact.values()[k], 1e-6 * truth[k], c.parameterNames().get(k));
        // 200 noisy repeats (1 % of |Z|): each parameter within 2σ of the truth in at least 90 % of them (95 % expected)
        int[] inside = new int[truth.length];
        int repeats = 200;
        for (int rep = 0; rep < repeats; rep++) {
            CircuitFit.Result r = CircuitFit.fit(c, SpectrumSimulator.simulate(c, truth, f, 0.01, 1000 + rep), truth.clone(), CircuitFit.Weighting.MODULUS);
            for (int k = 0; k < truth.length; k++) {
                CircuitFit.Parameter p = r.parameters().get(k);
                if (Math.abs(p.value() - truth[k]) <= 2 * p.stderr()) inside[k]++;
            }
        }
        System.out.println("truth within 2σ, of " + repeats + ": " + java.util.Arrays.toString(inside) + " for " + c.parameterNames());
        for (int k = 0; k < truth.length; k++) {
            assertTrue(inside[k] >= 0.9 * repeats, c.parameterNames().get(k) + ": truth within 2σ in " + inside[k] + " of " + repeats);
        }
        assertThrows(InputException.class, () -> CircuitFit.fit(c, SpectrumSimulator.simulate(c, truth, f, 0, 1), new double[] {1, 2}, CircuitFit.Weighting.UNIT));
        // one parameter of a multi-parameter element held: the others still recover the truth, the held one stays put
        CircuitFit.Result held = CircuitFit.fit(c, SpectrumSimulator.simulate(c, truth, f, 0, 1), new double[] {9, 110, 3e-5, 20}, CircuitFit.Weighting.MODULUS,
                java.util.Map.of("CPE1_1", 0.86));
        assertEquals(0.86, held.values()[3], 0);
        assertTrue(held.parameters().get(3).fixed() && held.parameters().get(3).stderr() == 0);
        for (int k : new int[] {0, 1, 2, 4}) assertEquals(truth[k], held.values()[k], 1e-6 * truth[k], c.parameterNames().get(k));
        assertEquals("Q9", assertThrows(InputException.class, () -> CircuitFit.fit(c, SpectrumSimulator.simulate(c, truth, f, 0, 1),
                new double[] {9, 110, 3e-5, 20}, CircuitFit.Weighting.UNIT, java.util.Map.of("Q9", 1.0))).field());
        InputException out = assertThrows(InputException.class,
                () -> CircuitFit.fit(c, SpectrumSimulator.simulate(c, truth, f, 0, 1), new double[] {9, 110, 3e-5, 1.3, 20}, CircuitFit.Weighting.UNIT));
        assertEquals("CPE1_1", out.field());
        assertTrue(out.expected().contains("(0, 1]"), out.getMessage());
        assertTrue(assertThrows(InputException.class, () -> CircuitFit.fit(c, SpectrumSimulator.simulate(c, truth, f, 0, 1),
                new double[] {0, 110, 3e-5, 0.9, 20}, CircuitFit.Weighting.UNIT)).expected().contains("> 0"));
    }
}
