package org.solidscope.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.solidscope.core.InputException;

/** The dendrite criteria against closed forms and hand-computed values (seed 001). */
class DendriteTest {
    @Test
    void griffithOverpotentialMatchesTheClosedForm() {
        // ΔΦ = Vm·K_IC/(F·γ·√(πa)): 13e-6 × 0.23e6 / (96485.33 × √(π·1e-5)) = 5.530 mV
        double hand = 13e-6 * 0.23e6 / (96485.33212 * Math.sqrt(Math.PI * 10e-6));
        assertEquals(hand, FlawPropagation.criticalOverpotentialV(0.23, 10, 1), 1e-15);
        assertEquals(5.5e-3, FlawPropagation.criticalOverpotentialV(0.23, 10, 1), 0.05e-3);
        assertEquals(24e-3, FlawPropagation.criticalOverpotentialV(1.0, 10, 1), 0.1e-3);
        // F/Vm ≈ 7.4 MPa per mV, and the two relations are inverse
        assertEquals(7.42, FlawPropagation.platingStressMpa(1e-3), 0.01);
        double dphi = FlawPropagation.criticalOverpotentialV(0.86, 3, 1.12);
        assertEquals(FlawPropagation.fractureStressMpa(0.86, 3, 1.12), FlawPropagation.platingStressMpa(dphi), 1e-9);
        // a flaw 4× larger needs half the overpotential
        assertEquals(0.5, FlawPropagation.criticalOverpotentialV(1, 40, 1) / FlawPropagation.criticalOverpotentialV(1, 10, 1), 1e-12);
        assertEquals(Math.exp(-2), FlawPropagation.stressAlongFlawMpa(1, 0.5, 20, 10), 1e-15);
    }

    @Test
    void creepRelationsAgainstHandComputedValues() {
        // n = H·V/(3√3·kB·T): H = 29.1 MPa (unworked Li), V = 5e-28 m³, 298.15 K
        // 29.1e6 × 5e-28 = 1.455e-20; 3√3 × 1.380649e-23 × 298.15 = 2.13869e-20; n = 0.68032
        assertEquals(0.68032, LithiumCreep.stressExponent(29.1e6, 5e-28, 298.15), 1e-4);
        // n ∝ 1/T
        assertEquals(2.0, LithiumCreep.stressExponent(1e8, 1e-27, 200) / LithiumCreep.stressExponent(1e8, 1e-27, 400), 1e-12);
        // ε̇ = B(σ/σ0)^n: 1e-5 × 2^6.6 = 9.70e-4
        assertEquals(1e-5 * Math.pow(2, 6.6), LithiumCreep.strainRate(1e-5, 2, 1, 6.6), 1e-18);
        // Q = 37 kJ/mol from 25 to 60 °C: exp(37000/8.314 × (1/298.15 − 1/333.15)) = 4.80
        assertEquals(4.80, LithiumCreep.relativeRate(333.15, 298.15, 37), 0.01);
        // the flow stress at the reference point is the reference stress; faster → stiffer
        assertEquals(0.8, LithiumCreep.flowStressMpa(1e-4, 298.15, 0.8, 1e-4, 298.15, 6.6, 37), 1e-12);
        assertTrue(LithiumCreep.flowStressMpa(1e-3, 298.15, 0.8, 1e-4, 298.15, 6.6, 37) > 0.8);
        assertTrue(LithiumCreep.flowStressMpa(1e-4, 333.15, 0.8, 1e-4, 298.15, 6.6, 37) < 0.8, "warmer Li flows at less stress");
    }

    @Test
    void stabilityCriteria() {
        assertEquals(60 / 2.83, InterfaceStability.monroeNewmanRatio(60), 1e-12);
        assertTrue(InterfaceStability.monroeNewmanRatio(60) > InterfaceStability.MONROE_NEWMAN_THRESHOLD, "LLZO meets Monroe–Newman");
        assertTrue(InterfaceStability.monroeNewmanRatio(0.001) < InterfaceStability.MONROE_NEWMAN_THRESHOLD, "PEO does not");
        // direct current (no pause) reaches the full activity; short pulses with long pauses a small part
        assertEquals(1.0, InterfaceStability.pulsedPeakFraction(1, 0, 5), 1e-12);
        double f = InterfaceStability.pulsedPeakFraction(1e-6, 1e-6, 1e-3);
        assertEquals(0.5, f, 1e-3, "1 MHz at 50 % duty, τ ≫ period: the time average");
        // Joule: (4 × 1 mA/cm²)² × 1e4 Ω·cm × 1 s / 1.912 J/(cm³·K) = 0.0837 K
        assertEquals(16e-6 * 1e4 / (0.534 * 3.58), InterfaceStability.jouleRiseK(1, 4, 1e4, 1), 1e-12);
    }

    @Test
    void marginFallsWithCurrentAndFlawAndRisesWithPressureAndTemperature() {
        DendriteMargin m = new DendriteMargin(1.0, 10, 1, 50, 40, 298.15);
        double base = m.margin(1, 298.15, 0.5);
        assertTrue(m.margin(1, 298.15, 1.0) < base);
        assertTrue(m.margin(10, 298.15, 0.5) > base);
        assertTrue(m.margin(1, 333.15, 0.5) > base, "a warmer interface conducts better");
        assertTrue(new DendriteMargin(1.0, 40, 1, 50, 40, 298.15).margin(1, 298.15, 0.5) < base);
        // at the predicted CCD the margin is 1
        double ccd = m.criticalCurrentDensityMaCm2(1, 298.15);
        assertEquals(1.0, m.margin(1, 298.15, ccd), 1e-12);
        // without pressure, the critical overpotential is Griffith's
        assertEquals(FlawPropagation.criticalOverpotentialV(1.0, 10, 1), m.criticalOverpotentialV(0), 1e-15);
        assertEquals("flaw_um", assertThrows(InputException.class, () -> new DendriteMargin(1, -1, 1, 50, 40, 298.15)).field());
    }
}
