package org.solidscope.ultrasound;

import org.solidscope.core.record.Verdict;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.solidscope.core.GridGeometry;
import org.solidscope.ultrasound.sim.CellScenario;
import org.solidscope.ultrasound.sim.InstrumentSettings;
import org.solidscope.ultrasound.sim.ScanSimulator;
import org.solidscope.ultrasound.sim.Scenarios;
import org.solidscope.ultrasound.sim.SimulatedScan;

/** The seed study's observations (000, Figs. 2–4) reproduced by the simulator and found by the pipeline. */
class SeedObservationsTest {
    final StageAnalyzer analyzer = new StageAnalyzer(InspectionSpec.defaults());

    StageAnalysis run(CellScenario sc, Stage st, double gain) {
        GridGeometry g = ScanSimulator.gridFor(sc.design(), 0.5);
        SimulatedScan s = ScanSimulator.standard().simulate(sc, st, Scenarios.placement(sc, st),
                InstrumentSettings.seedWorkstation(gain).withDropoutRows(Scenarios.seedDropouts(sc, st, g)), 11);
        return analyzer.analyze(s.scan(), st, Map.of());
    }

    static long count(StageAnalysis a, DefectKind k) {
        return a.defects().stream().filter(d -> d.kind() == k).count();
    }

    @Test
    void infiltratedCellsTransmitWellAboveNoiseAtFifteenDecibels() {
        for (CellScenario sc : Scenarios.seedLot()) {
            StageAnalysis a = run(sc, Stage.INFILTRATION, 15);
            assertTrue(a.bodyLevelDb() > a.levels().noiseFloorDb() + 20, sc.design().id() + " body " + a.bodyLevelDb());
        }
    }

    @Test
    void solidifiedCellsAreBlankAtFifteenAndShowAtFortyDecibels() {
        List<CellScenario> lot = Scenarios.seedLot();
        for (CellScenario sc : lot.subList(1, 4)) {
            assertTrue(run(sc, Stage.SOLIDIFICATION, 15).metrics().transmittingFraction() < 0.2, sc.design().id() + " blank at 15 dB");
        }
        double at15 = run(lot.get(0), Stage.SOLIDIFICATION, 15).metrics().transmittingFraction();
        double at40 = run(lot.get(0), Stage.SOLIDIFICATION, 40).metrics().transmittingFraction();
        assertTrue(at15 > 0.05 && at15 < 0.6 && at40 > at15 + 0.2,
                "battery-1 partial at 15 dB (" + at15 + "), a broader part revealed at 40 dB (" + at40 + ")");
    }

    @Test
    void formedCellsRecover() {
        for (CellScenario sc : Scenarios.seedLot()) {
            assertTrue(run(sc, Stage.FORMATION, 15).metrics().transmittingFraction() > 0.95, sc.design().id());
        }
    }

    @Test
    void theSeedAnomaliesAreFoundAndClassified() {
        List<CellScenario> lot = Scenarios.seedLot();
        StageAnalysis b1i = run(lot.get(0), Stage.INFILTRATION, 15);
        assertEquals(1, count(b1i, DefectKind.BULGE));
        assertEquals(1, count(b1i, DefectKind.ACCUMULATION));
        StageAnalysis b1f = run(lot.get(0), Stage.FORMATION, 15);
        assertEquals(1, count(b1f, DefectKind.GAS_POCKET));
        assertEquals(1, count(b1f, DefectKind.BULGE));
        assertEquals(1, count(b1f, DefectKind.SCAN_ARTIFACT));
        assertEquals(1, count(run(lot.get(1), Stage.INFILTRATION, 15), DefectKind.BUBBLE));
        assertEquals(1, count(run(lot.get(2), Stage.INFILTRATION, 15), DefectKind.UNWETTED));
        assertEquals(1, count(run(lot.get(3), Stage.INFILTRATION, 15), DefectKind.UNWETTED));
        assertEquals(Verdict.Status.FAIL, run(lot.get(2), Stage.INFILTRATION, 15).verdict().status());
    }

    @Test
    void centreFirstShrinkageShowsAsAHigherDegreeAtTheCentre() {
        CellScenario sc = Scenarios.seedLot().get(0);
        StageComparison.Result c = StageComparison.compare(run(sc, Stage.INFILTRATION, 15), run(sc, Stage.SOLIDIFICATION, 15),
                run(sc, Stage.FORMATION, 15), analyzer.spec(), Map.of());
        StageAnalysis ai = run(sc, Stage.INFILTRATION, 15);
        var g = c.degreeMap().geometry();
        double centre = 0, edge = 0;
        int nc = 0, ne = 0;
        for (int y = 0; y < g.height(); y++) {
            for (int x = 0; x < g.width(); x++) {
                float d = c.degreeMap().get(x, y);
                if (Float.isNaN(d)) continue;
                double z = ai.cell().zone(g.xMm(x), g.yMm(y));
                if (z < 0.3) { centre += d; nc++; }
                if (z > 0.85) { edge += d; ne++; }
            }
        }
        assertTrue(centre / nc > edge / ne + 0.1, "centre " + centre / nc + " vs edge " + edge / ne);
    }

    @Test
    void simulationAndAnalysisAreDeterministic() {
        CellScenario sc = Scenarios.random(77);
        SimulatedScan a = ScanSimulator.standard().simulate(sc, Stage.INFILTRATION, Scenarios.placement(sc, Stage.INFILTRATION),
                InstrumentSettings.seedWorkstation(15), 3);
        SimulatedScan b = ScanSimulator.standard().simulate(sc, Stage.INFILTRATION, Scenarios.placement(sc, Stage.INFILTRATION),
                InstrumentSettings.seedWorkstation(15), 3);
        assertArrayEquals(a.scan().amplitude().values(), b.scan().amplitude().values());
        StageAnalysis ra = analyzer.analyze(a.scan(), Stage.INFILTRATION, Map.of());
        StageAnalysis rb = analyzer.analyze(b.scan(), Stage.INFILTRATION, Map.of());
        assertEquals(ra.metrics(), rb.metrics());
        assertEquals(ra.defects(), rb.defects());
    }

    @Test
    void aDarkSurroundIsHandledToo() {
        CellScenario sc = Scenarios.seedLot().get(1);
        SimulatedScan s = ScanSimulator.standard().simulate(sc, Stage.INFILTRATION, Scenarios.placement(sc, Stage.INFILTRATION),
                InstrumentSettings.seedWorkstation(15).withBrightSurround(false), 4);
        StageAnalysis a = analyzer.analyze(s.scan(), Stage.INFILTRATION, Map.of());
        assertTrue(!a.cell().brightSurround() && a.cell().found());
        assertEquals(225, a.cell().widthMm(), 2);
        assertEquals(135, a.cell().heightMm(), 2);
        assertEquals(1, count(a, DefectKind.BUBBLE));
    }
}
