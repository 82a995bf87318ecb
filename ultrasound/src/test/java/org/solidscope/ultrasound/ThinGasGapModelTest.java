package org.solidscope.ultrasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.solidscope.ultrasound.sim.ThinGasGapModel;

/** The simulator's gap model against the closed forms of shared/science/ultrasound.md. */
class ThinGasGapModelTest {
    final ThinGasGapModel m = ThinGasGapModel.standard();
    final ThinGasGapModel lossless = new ThinGasGapModel(1.0, 1.5, 413, 343, Double.POSITIVE_INFINITY);

    @Test
    void noGapTransmitsEverything() {
        assertEquals(1.0, m.intensityTransmission(0), 0);
    }

    @Test
    void oneMicrometreOfAirAtOneMegahertzPassesUnderOnePercent() {
        double t = m.intensityTransmission(1.0);
        assertTrue(t < 1e-2, "T(1 µm) = " + t);
        // explicit closed form: 1 / (1 + ¼(Z1/Z2 − Z2/Z1)² sin²(kd))
        double r = 1.5e6 / 413, k = 2 * Math.PI * 1e6 / 343;
        assertEquals(1 / (1 + 0.25 * Math.pow(r - 1 / r, 2) * Math.pow(Math.sin(k * 1e-6), 2)), t, 1e-15);
    }

    @Test
    void tenthOfAMicrometrePassesAboutEightPercent() {
        assertEquals(0.08, m.intensityTransmission(0.1), 0.005);
    }

    @Test
    void transparentAtHalfWavelength() {
        double halfWavelengthUm = 343.0 / 1e6 / 2 * 1e6;
        assertEquals(1.0, lossless.intensityTransmission(halfWavelengthUm), 1e-9);
    }

    @Test
    void thickGasIsOpaqueAndTransmissionFallsWithThickness() {
        assertEquals(0, m.intensityTransmission(50), 0);
        double prev = 1;
        for (double d = 0.01; d < 5; d *= 1.5) {
            double t = m.intensityTransmission(d);
            assertTrue(t < prev, "monotone below a quarter wavelength");
            prev = t;
        }
    }
}
