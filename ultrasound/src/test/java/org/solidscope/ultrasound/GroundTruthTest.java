package org.solidscope.ultrasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.solidscope.core.GridGeometry;
import org.solidscope.ultrasound.sim.CellScenario;
import org.solidscope.ultrasound.sim.GroundTruth;
import org.solidscope.ultrasound.sim.InstrumentSettings;
import org.solidscope.ultrasound.sim.ScanSimulator;
import org.solidscope.ultrasound.sim.Scenarios;
import org.solidscope.ultrasound.sim.SimulatedScan;

/**
 * The pipeline against simulator ground truth over 60 seeded random cells through three stages:
 * bubble recall and precision, centroid and area errors, dropouts never counted against the cell,
 * solidification degree and cell size.
 */
class GroundTruthTest {
    static final int CELLS = 60;
    static final List<Case> CASES = new ArrayList<>();

    record Case(CellScenario scenario, GroundTruth[] truths, StageAnalysis[] analyses, StageComparison.Result comparison) {}

    @BeforeAll
    static void simulateAndAnalyse() {
        ScanSimulator sim = ScanSimulator.standard();
        StageAnalyzer analyzer = new StageAnalyzer(InspectionSpec.defaults());
        for (int k = 0; k < CELLS; k++) {
            CellScenario sc = Scenarios.random(1000 + k);
            GroundTruth[] truths = new GroundTruth[3];
            StageAnalysis[] an = new StageAnalysis[3];
            for (Stage st : Stage.values()) {
                GridGeometry g = ScanSimulator.gridFor(sc.design(), 0.5);
                InstrumentSettings inst = InstrumentSettings.seedWorkstation(15).withDropoutRows(Scenarios.randomDropouts(sc, st, g));
                SimulatedScan scan = sim.simulate(sc, st, Scenarios.placement(sc, st), inst, sc.seed() * 10 + st.ordinal());
                truths[st.ordinal()] = scan.truth();
                an[st.ordinal()] = analyzer.analyze(scan.scan(), st, Map.of());
            }
            CASES.add(new Case(sc, truths, an, StageComparison.compare(an[0], an[1], an[2], analyzer.spec(), Map.of())));
        }
    }

    @Test
    void bubblesOfTwoMillimetresAndMoreAreFoundWithTheirPositionAndArea() {
        int truthN = 0, found = 0, detected = 0, matchedDetections = 0;
        double worstCentroid = 0, worstArea = 0;
        for (Case c : CASES) {
            GroundTruth t = c.truths()[0];
            List<Defect> bubbles = c.analyses()[0].defects().stream().filter(d -> d.kind() == DefectKind.BUBBLE).toList();
            List<GroundTruth.TruthDefect> truthBubbles = t.defects().stream().filter(d -> d.kind().equals("bubble")).toList();
            for (GroundTruth.TruthDefect tb : truthBubbles) {
                if (tb.diameterMm() < 2) continue;
                truthN++;
                Defect best = nearest(bubbles, tb.xMm(), tb.yMm());
                if (best != null && Math.hypot(best.xMm() - tb.xMm(), best.yMm() - tb.yMm()) <= Math.max(2, tb.diameterMm() / 2)) {
                    found++;
                    worstCentroid = Math.max(worstCentroid, Math.hypot(best.xMm() - tb.xMm(), best.yMm() - tb.yMm()));
                    worstArea = Math.max(worstArea, Math.abs(best.areaMm2() - tb.areaMm2()) / tb.areaMm2());
                }
            }
            for (Defect d : bubbles) {
                detected++;
                for (GroundTruth.TruthDefect tb : truthBubbles) {
                    if (Math.hypot(d.xMm() - tb.xMm(), d.yMm() - tb.yMm()) <= Math.max(2, tb.diameterMm() / 2)) { matchedDetections++; break; }
                }
            }
        }
        double recall = (double) found / truthN, precision = (double) matchedDetections / detected;
        System.out.printf("bubbles >= 2 mm: truth %d, recall %.3f, precision %.3f (%d/%d), worst centroid %.2f mm, worst area error %.1f %%%n",
                truthN, recall, precision, matchedDetections, detected, worstCentroid, 100 * worstArea);
        assertTrue(truthN >= 50, "enough bubbles to measure: " + truthN);
        assertTrue(recall >= 0.95, "recall " + recall);
        assertTrue(precision >= 0.9, "precision " + precision);
        assertTrue(worstCentroid <= 1.0, "centroid error " + worstCentroid);
        assertTrue(worstArea <= 0.20, "area error " + worstArea);
    }

    @Test
    void scanLineDropoutsAreArtefactsNeverCellDefects() {
        int rows = 0;
        for (Case c : CASES) {
            for (int s = 0; s < 3; s++) {
                GroundTruth truth = c.truths()[s];
                StageAnalysis a = c.analyses()[s];
                double pitch = a.levels().db().geometry().pitchMm();
                for (int row : truth.dropoutRows()) {
                    rows++;
                    double yMm = row * pitch;
                    assertTrue(a.dropouts().rows().contains(row), c.scenario().design().id() + " stage " + s + ": dropout row " + row + " not found");
                    for (Defect d : a.defects()) {
                        if (!d.countsAgainstCell()) continue;
                        boolean thin = (d.maxYMm() - d.minYMm()) <= 2 * pitch && Math.abs(d.yMm() - yMm) <= 1.5 * pitch;
                        assertTrue(!thin, "a dropout row was counted as " + d);
                    }
                }
                for (int row : a.dropouts().rows()) {
                    assertTrue(truth.dropoutRows().contains(row), "row " + row + " reported as dropout but is not one");
                }
            }
        }
        assertTrue(rows > 20, "enough dropout rows simulated: " + rows);
    }

    @Test
    void solidificationDegreeMatchesTruth() {
        double worst = 0;
        for (Case c : CASES) {
            double truth = c.truths()[1].degreeMean();
            double measured = c.comparison().degree().mean();
            worst = Math.max(worst, Math.abs(measured - truth));
            assertEquals(truth, measured, 0.05, c.scenario().design().id());
        }
        System.out.printf("solidification degree: worst |error| %.4f%n", worst);
    }

    @Test
    void cellWidthAndHeightWithinTwoMillimetres() {
        double worst = 0;
        for (Case c : CASES) {
            for (int s = 0; s < 3; s++) {
                CellOutline o = c.analyses()[s].cell();
                GroundTruth t = c.truths()[s];
                assertTrue(o.found(), t.cellId() + " " + t.stage() + ": " + o.note());
                worst = Math.max(worst, Math.max(Math.abs(o.widthMm() - t.nominalWidthMm()), Math.abs(o.heightMm() - t.nominalHeightMm())));
                assertEquals(t.nominalWidthMm(), o.widthMm(), 2.0, t.cellId() + " " + t.stage() + " width");
                assertEquals(t.nominalHeightMm(), o.heightMm(), 2.0, t.cellId() + " " + t.stage() + " height");
            }
        }
        System.out.printf("cell size: worst error %.2f mm%n", worst);
    }

    @Test
    void registrationRecoversPlacement() {
        for (Case c : CASES) {
            GroundTruth a = c.truths()[0], b = c.truths()[1];
            RigidTransform tr = c.comparison().solidifiedRegistration();
            assertEquals(b.centreXMm() - a.centreXMm(), tr.dxMm(), 0.5, "dx");
            assertEquals(b.centreYMm() - a.centreYMm(), tr.dyMm(), 0.5, "dy");
            assertEquals(b.angleDeg() - a.angleDeg(), tr.rotationDeg(), 0.3, "rotation");
        }
    }

    static Defect nearest(List<Defect> ds, double x, double y) {
        Defect best = null;
        double bd = Double.MAX_VALUE;
        for (Defect d : ds) {
            double dist = Math.hypot(d.xMm() - x, d.yMm() - y);
            if (dist < bd) { bd = dist; best = d; }
        }
        return best;
    }
}
