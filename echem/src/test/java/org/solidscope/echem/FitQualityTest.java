package org.solidscope.echem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A good fit passes; a circuit that cannot describe the data, and parameters the data cannot tell apart, are named. */
class FitQualityTest {
    private static final double[] F = java.util.stream.IntStream.range(0, 41).mapToDouble(i -> Math.pow(10, 5 - i * 0.175)).toArray();

    @Test
    void goodMissedAndSingularFits() {
        Circuit truth = Circuit.parse("R0-p(R1,C1)");
        ImpedanceSpectrum s = SpectrumSimulator.simulate(truth, new double[] {10, 100, 1e-5}, F, 0.002, 3);
        FitQuality.Result good = FitQuality.judge(s, CircuitFit.fit(truth, s, new double[] {12, 80, 2e-5}, CircuitFit.Weighting.MODULUS, Map.of()));
        assertTrue(good.usable() && good.warnings().isEmpty(), good.warnings().toString());
        // a single resistor for an arc: misses the data by far
        Circuit r = Circuit.parse("R0");
        FitQuality.Result missed = FitQuality.judge(s, CircuitFit.fit(r, s, new double[] {50}, CircuitFit.Weighting.MODULUS, Map.of()));
        assertFalse(missed.usable());
        assertTrue(missed.warnings().stream().anyMatch(w -> w.contains("misses the data")), missed.warnings().toString());
        // two resistors in series: only their sum is determined
        Circuit twins = Circuit.parse("R0-R1-p(R2,C1)");
        FitQuality.Result singular = FitQuality.judge(s, CircuitFit.fit(twins, s, new double[] {5, 5, 80, 2e-5}, CircuitFit.Weighting.MODULUS, Map.of()));
        assertFalse(singular.usable());
        assertTrue(singular.warnings().stream().anyMatch(w -> w.contains("singular") && w.contains("R0") && w.contains("R1")), singular.warnings().toString());
    }
}
