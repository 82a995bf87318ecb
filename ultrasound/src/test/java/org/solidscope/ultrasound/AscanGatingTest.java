package org.solidscope.ultrasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.Progress;
import org.solidscope.io.AscanVolume;
import org.solidscope.ultrasound.sim.AscanSynthesizer;
import org.solidscope.ultrasound.sim.CellScenario;
import org.solidscope.ultrasound.sim.InstrumentSettings;
import org.solidscope.ultrasound.sim.ScanSimulator;
import org.solidscope.ultrasound.sim.Scenarios;
import org.solidscope.ultrasound.sim.SimulatedScan;

/** Gating synthesised A-scans gives back the amplitudes and arrival time they were made with. */
class AscanGatingTest {
    @TempDir
    Path dir;

    @Test
    void gatedPeakAndTimeOfFlightMatchTheSynthesis() {
        CellScenario sc = Scenarios.seedLot().get(1);
        SimulatedScan s = ScanSimulator.standard().simulate(sc, Stage.INFILTRATION, Scenarios.placement(sc, Stage.INFILTRATION),
                InstrumentSettings.seedWorkstation(15).withDropoutRows(List.of(40)), 5);
        GridGeometry g = s.scan().amplitude().geometry();
        AscanSynthesizer syn = AscanSynthesizer.standard();
        Path f = dir.resolve("v.npy");
        syn.write(f, s.cleanSignal(), g, 15, List.of(40), 9, Progress.NONE);
        GatedCscan r;
        try (AscanVolume v = AscanVolume.open(f, null)) {
            r = AscanGating.gate(v, new AscanGate(15, 12, 10), Progress.NONE);
        }
        float[] clean = s.cleanSignal(), peak = r.peak().values(), tof = r.tofPeakUs().values();
        int checked = 0, saturated = 0;
        for (int i = 0; i < clean.length; i++) {
            if (i / g.width() == 40) {
                assertTrue(peak[i] < 3, "dropout line holds only noise");
                continue;
            }
            if (clean[i] >= 100) {
                if (clean[i] < 105) continue; // noise may pull a crest just above full scale back below it
                assertTrue(r.saturated().bits()[i], "beyond full scale is saturated");
                saturated++;
                continue;
            }
            if (clean[i] < 10) continue;
            // noise 0.5 % FSH rms: a peak detector reads the burst plus the largest noise excursion near its crest,
            // so the gated peak lies within 6σ of the burst amplitude
            assertEquals(clean[i], peak[i], 3.0, "peak at " + i);
            assertEquals(syn.arrivalUs(), tof[i], 0.05, "time of flight at " + i);
            checked++;
        }
        assertTrue(checked > 10_000 && saturated > 1000, checked + " checked, " + saturated + " saturated");
        assertEquals((long) g.size() * 300, r.samplesGated());
    }
}
