package org.solidscope.echem.cycling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated short found at its true step and time; a simulated oxidation onset within 0.01 V. */
class LimitsTest {
    @TempDir
    Path dir;

    @Test
    void theShortIsFoundAtItsHalfStepAndTime() throws IOException {
        for (double shortAt : new double[] {0.35, 0.6, 1.0}) {
            LimitSimulator.Ccd sim = LimitSimulator.ccd(1.0, 0.05, 0.05, shortAt, 50, 1800, 10, 0.4, 7);
            Path f = Files.writeString(dir.resolve("ccd.csv"), sim.csv());
            CriticalCurrentDensity.Result r = CriticalCurrentDensity.find(CyclerFiles.readAll(f, null), 1.0, 1e-9, 0.3);
            assertTrue(r.shorted());
            assertEquals(shortAt, r.ccdMaCm2(), 1e-9, "CCD");
            assertEquals(sim.shortHalfStep(), r.shortHalfStep(), "half-step");
            assertEquals(sim.shortTimeS(), r.shortTimeS(), 1e-6, "time of the short");
            // apparent ASR = 50 Ω·cm² ohmic + the charge transfer 2RT/F/(2 j0) = 51.4 Ω·cm² at small j (less as asinh bends)
            assertEquals(101.4, r.asrOhmCm2(), 5, "ASR before the short");
            assertEquals(0, r.asymmetryMv(), 0.5, "a symmetric cell plates and strips alike");
            // overpotential rises with current density before the short
            var before = r.halfSteps().subList(0, r.halfSteps().size() - 1);
            for (int k = 2; k < before.size(); k += 2) assertTrue(before.get(k).overpotentialMv() > before.get(k - 2).overpotentialMv());
        }
        // a soft short: no collapse, noise sets in — found at its row by the noise, and the hard ones by the collapse
        for (double shortAt : new double[] {0.3, 0.55, 0.9}) {
            LimitSimulator.Ccd soft = LimitSimulator.softCcd(1.0, 0.05, 0.05, shortAt, 50, 1800, 10, 0.4, 11);
            Path g = Files.writeString(dir.resolve("soft.csv"), soft.csv());
            CriticalCurrentDensity.Result r = CriticalCurrentDensity.find(CyclerFiles.readAll(g, null), 1.0, 1e-9, 0.3);
            assertTrue(r.shorted(), "soft short at " + shortAt);
            assertEquals(CriticalCurrentDensity.Sign.NOISE, r.sign());
            assertEquals(shortAt, r.ccdMaCm2(), 1e-9, "CCD");
            assertEquals(soft.shortHalfStep(), r.shortHalfStep(), "half-step");
            assertEquals(soft.shortTimeS(), r.shortTimeS(), 1e-6, "time of the soft short");
        }
        assertEquals(CriticalCurrentDensity.Sign.COLLAPSE, CriticalCurrentDensity.find(CyclerFiles.readAll(Files.writeString(dir.resolve("hard.csv"),
                LimitSimulator.ccd(1.0, 0.05, 0.05, 0.5, 50, 1800, 10, 0.4, 3).csv()), null), 1.0, 1e-9, 0.3).sign());
        // a run that never shorts is reported as such
        LimitSimulator.Ccd safe = LimitSimulator.ccd(1.0, 0.05, 0.05, 99, 50, 600, 10, 0.4, 8);
        Path f = Files.writeString(dir.resolve("safe.csv"), safe.csv().lines().limit(1 + 40 * 60).reduce("", (a, b) -> a + b + "\n"));
        assertFalse(CriticalCurrentDensity.find(CyclerFiles.readAll(f, null), 1.0, 1e-9, 0.3).shorted());
    }

    @Test
    void theOnsetOfOxidationIsFoundWithin10Mv() throws IOException {
        for (double onset : new double[] {3.9, 4.455, 4.8}) {
            Path f = Files.writeString(dir.resolve("cv.csv"), LimitSimulator.voltammogram(0.785, 0, 5, 0.1, onset, 1.0, 3));
            StabilityWindow.Result r = StabilityWindow.find(CyclerFiles.readAll(f, null), 0.785, 1.0);
            assertEquals(onset, r.onsetV(), 0.01, "onset " + onset);
        }
        // seed 004's electrolyte: 0.33 µA/cm² at 4.4 V, stable to 4.4 V at the default threshold
        Path seed = Files.writeString(dir.resolve("seed.csv"), LimitSimulator.voltammogram(1, 0, 4.4, 0.1, 4.4 + 0.05 * Math.log(1 / 0.33), 1.0, 4));
        StabilityWindow.Result s = StabilityWindow.find(CyclerFiles.readAll(seed, null), 1, StabilityWindow.DEFAULT_ONSET_UA_CM2);
        assertTrue(Double.isNaN(s.onsetV()));
        assertEquals(0.33 + 0.02, s.currentAtMaxUaCm2(), 0.02);
    }
}
