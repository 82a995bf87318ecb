package org.solidscope.echem.cycling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bruce–Vincent: the simulated cell's t₊ back from its polarisation and the two impedance fits, with an honest uncertainty. */
class TransferenceNumberTest {
    @TempDir
    Path dir;

    @Test
    void closedFormIsExactOnNoiselessCurrents() {
        // I0 = ΔV/(Rb + R0), Is = ΔV/(Rb/t + Rs): the formula gives t back for any t
        for (double t : new double[] {0.05, 0.3, 0.8}) {
            double dv = 0.01, rb = 200, r0 = 500, rs = 650;
            assertEquals(t, TransferenceNumber.t(dv / (rb / t + rs), dv / (rb + r0), dv, r0, rs), 1e-12);
        }
    }

    @Test
    void tPlusIsRecoveredFromTheRunAndTheSpectra() throws IOException {
        int within2Sigma = 0, runs = 0;
        for (double t : new double[] {0.2, 0.35, 0.5}) {
            for (long seed = 1; seed <= 3; seed++) {
                TransferenceNumber.Simulated sim = TransferenceNumber.simulate(t, 0.01, 200, 500, 650, 1800, 18000, 10, 0.002, seed);
                Path f = Files.writeString(dir.resolve("pol.csv"), sim.polarisationCsv());
                double[] before = TransferenceNumber.interfaceResistance(TransferenceNumber.CIRCUIT, sim.before());
                double[] after = TransferenceNumber.interfaceResistance(TransferenceNumber.CIRCUIT, sim.after());
                assertEquals(500, before[0], 0.02 * 500);
                assertEquals(650, after[0], 0.02 * 650);
                TransferenceNumber.Result r = TransferenceNumber.of(CyclerFiles.readAll(f, null), Double.NaN, before, after);
                assertEquals(0.01, r.deltaV(), 1e-9, "ΔV read from the run");
                assertEquals(t, r.tPlus(), 0.02, "t+ = " + t + ", seed " + seed);
                assertTrue(r.tPlusStderr() > 0 && r.tPlusStderr() < 0.02, "σ " + r.tPlusStderr());
                if (Math.abs(r.tPlus() - t) <= 2 * r.tPlusStderr()) within2Sigma++;
                runs++;
            }
        }
        assertTrue(within2Sigma >= runs - 2, within2Sigma + " of " + runs + " within 2σ");
    }
}
