package org.solidscope.ultrasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.solidscope.ultrasound.acoustics.CellState;
import org.solidscope.ultrasound.acoustics.GapInversion;
import org.solidscope.ultrasound.acoustics.GapTable;
import org.solidscope.ultrasound.acoustics.InspectionPlanner;
import org.solidscope.ultrasound.acoustics.TransferMatrix;
import org.solidscope.ultrasound.sim.CellDesign;
import org.solidscope.ultrasound.sim.CellScenario;
import org.solidscope.ultrasound.sim.InstrumentSettings;
import org.solidscope.ultrasound.sim.LayerModelTransmission;
import org.solidscope.ultrasound.sim.ScanSimulator;
import org.solidscope.ultrasound.sim.Scenarios;

/** Simulated cells with a known uniform gap, inverted back: within 10 % across the planner's invertible range. */
class GapInversionTest {
    static final LayerModelTransmission MODEL = LayerModelTransmission.standard();
    static final GapTable TABLE = new GapTable(TransferMatrix.compile(MODEL.stack(), CellState.solidified(0), 1.0), 20);
    static final GapInversion INV = new GapInversion(TABLE, MODEL.stageAmplitude(CellState.infiltrated()));
    final StageAnalyzer analyzer = new StageAnalyzer(InspectionSpec.defaults());

    @Test
    void modelRatiosInvertExactly() {
        for (double d : new double[] {0.001, 0.01, 0.1, 1, 5}) {
            double ratio = TABLE.amplitude(d) / MODEL.stageAmplitude(CellState.infiltrated());
            assertEquals(d, INV.gapUm(ratio), 0.01 * d);
        }
        assertEquals(0, INV.gapUm(INV.gapFreeRatio() * 1.01));
    }

    @Test
    void roundTripOnSimulatedScansAcrossTheInvertibleRange() {
        for (double gain : new double[] {15, 40}) {
            InspectionPlanner.Plan plan = InspectionPlanner.plan(TABLE, 1.0, InspectionPlanner.Settings.seedWorkstation(gain));
            assertTrue(plan.invertible(), "gain " + gain);
            double lo = plan.detectableGapUm() * 1.5, hi = plan.measurableGapUm() / 1.5;
            for (int k = 0; k < 4; k++) {
                double d = lo * Math.pow(hi / lo, k / 3.0);
                CellScenario sc = new CellScenario(new CellDesign("uniform", 225, 98), List.of(), Scenarios.MATRIX_INFILTRATED,
                        Scenarios.MATRIX_SOLIDIFIED, Scenarios.MATRIX_FORMED, d, d, Scenarios.FORMED_GAP_UM, 500 + k);
                var si = ScanSimulator.standard().simulate(sc, Stage.INFILTRATION, Scenarios.placement(sc, Stage.INFILTRATION),
                        InstrumentSettings.seedWorkstation(15), 1);
                var ss = ScanSimulator.standard().simulate(sc, Stage.SOLIDIFICATION, Scenarios.placement(sc, Stage.SOLIDIFICATION),
                        InstrumentSettings.seedWorkstation(gain), 2);
                StageAnalysis ai = analyzer.analyze(si.scan(), Stage.INFILTRATION, Map.of());
                StageAnalysis as = analyzer.analyze(ss.scan(), Stage.SOLIDIFICATION, ai.cell(), Map.of());
                GapMapping.GapMap m = GapMapping.map(ai, as, INV, 0.08, 12);
                int ok = m.flagCounts()[GapInversion.OK];
                assertTrue(ok > 0.8 * (ok + m.flagCounts()[GapInversion.NOT_DETECTED] + m.flagCounts()[GapInversion.BELOW_NOISE]
                        + m.flagCounts()[GapInversion.SATURATED]), "most cell points invertible at " + d + " µm, gain " + gain);
                assertEquals(d, m.medianGapUm(), 0.10 * d, "gap " + d + " µm at " + gain + " dB");
            }
        }
    }

    @Test
    void pointsOutsideTheRangeAreFlaggedNotGuessed() {
        assertEquals(GapInversion.SATURATED, INV.invert(Double.NaN, 0.01, true).flag());
        GapInversion.Point below = INV.invert(0.001, 0.0005, false);
        assertEquals(GapInversion.BELOW_NOISE, below.flag());
        assertTrue(Double.isNaN(below.gapUm()) && below.lowerUm() > 0);
        GapInversion.Point none = INV.invert(INV.gapFreeRatio(), 0.05, true);
        assertEquals(GapInversion.NOT_DETECTED, none.flag());
        assertTrue(Double.isNaN(none.gapUm()) && none.upperUm() > 0);
    }

    @Test
    void planningSaysWhichGainRevealsWhichGap() {
        InspectionPlanner.Settings s15 = InspectionPlanner.Settings.seedWorkstation(15);
        InspectionPlanner.Plan p15 = InspectionPlanner.plan(TABLE, 1.0, s15), p40 = InspectionPlanner.plan(TABLE, 1.0,
                InspectionPlanner.Settings.seedWorkstation(40));
        assertTrue(p40.measurableGapUm() > 5 * p15.measurableGapUm(), "more gain, thicker gaps measurable");
        assertTrue(p15.measurableGapUm() < 1.0, "a 1 µm gap is not measurable at 15 dB: " + p15.measurableGapUm());
        double g = InspectionPlanner.gainNeededDb(TABLE, 1.0, s15);
        assertTrue(g > 30 && g < 45, "gain needed to measure 1 µm with 12 dB SNR: " + g);
        InspectionPlanner.Plan atG = InspectionPlanner.plan(TABLE, 1.0, new InspectionPlanner.Settings(g + 0.1, 1.5, 30, 12, 2));
        assertTrue(atG.measurableGapUm() >= 1.0, "at the gain it names, the gap is measurable");
    }
}
