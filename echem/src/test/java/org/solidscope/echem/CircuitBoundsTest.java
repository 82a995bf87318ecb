package org.solidscope.echem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.solidscope.core.InputException;

/** Circuits nested 1,000 deep, 10,000 elements long or with more parameters than the spectrum has numbers are refused at once. */
class CircuitBoundsTest {
    @Test
    void hostileCircuitsAreRefusedBeforeWork() {
        String deep = "p(".repeat(1000) + "R0,R1" + ")".repeat(1000);
        StringBuilder series = new StringBuilder("R0");
        for (int k = 1; k < 10_000; k++) series.append("-R").append(k);
        StringBuilder parallel = new StringBuilder("p(R0");
        for (int k = 1; k < 10_000; k++) parallel.append(",R").append(k);
        parallel.append(')');
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertTrue(assertThrows(InputException.class, () -> Circuit.parse(deep)).getMessage().contains("deep"));
            assertTrue(assertThrows(InputException.class, () -> Circuit.parse(series.toString())).getMessage().contains("10000 elements"));
            assertTrue(assertThrows(InputException.class, () -> Circuit.parse(parallel.toString())).getMessage().contains("10000 elements"));
        });
        StringBuilder many = new StringBuilder("R0");
        for (int k = 1; k < 65; k++) many.append("-R").append(k);
        assertTrue(assertThrows(InputException.class, () -> Circuit.parse(many.toString())).getMessage().contains("elements"));
        // 40 resistors on 5 points: 40 parameters for 10 numbers
        StringBuilder forty = new StringBuilder("R0");
        for (int k = 1; k < 40; k++) forty.append("-R").append(k);
        Circuit c = Circuit.parse(forty.toString());
        ImpedanceSpectrum s = new ImpedanceSpectrum(new double[] {1e3, 1e2, 10, 1, 0.1}, new double[] {10, 11, 12, 13, 14}, new double[] {-1, -2, -3, -2, -1}, "s");
        InputException e = assertThrows(InputException.class, () -> CircuitFit.fit(c, s, new double[40], CircuitFit.Weighting.UNIT, Map.of()));
        assertEquals("parameters", e.field());
        assertTrue(e.getMessage().contains("at most 10 free parameters for 5 points"), e.getMessage());
    }
}
