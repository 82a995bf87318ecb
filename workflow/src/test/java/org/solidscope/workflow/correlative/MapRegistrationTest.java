package org.solidscope.workflow.correlative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.InputException;
import org.solidscope.core.ScalarMap;
import org.solidscope.ultrasound.Stage;
import org.solidscope.ultrasound.sim.CellScenario;
import org.solidscope.ultrasound.sim.InstrumentSettings;
import org.solidscope.ultrasound.sim.Placement;
import org.solidscope.ultrasound.sim.ScanSimulator;
import org.solidscope.ultrasound.sim.Scenarios;

/**
 * Simulated pairs with known transforms: one scene (a cell's outline and a dozen features) seen by a fine modality and by a
 * coarse one with inverted contrast and noise, shifted, rotated up to 10° and scaled ± 5 %; the transform recovered within
 * one pixel of the coarser map and 0.5°, its residual reported; pairs that share no field or no structure refused.
 */
class MapRegistrationTest {
    /** The scene in the cell's mm: a 50 × 30 mm cell (smooth edge) with bright and dark features. */
    static double scene(double x, double y, double[][] blobs) {
        double edge = 1 / (1 + Math.exp(-(Math.min(Math.min(x - 5, 55 - x), Math.min(y - 5, 35 - y))) / 0.6));
        double v = 3 * edge;
        for (double[] b : blobs) v += b[3] * Math.exp(-((x - b[0]) * (x - b[0]) + (y - b[1]) * (y - b[1])) / (2 * b[2] * b[2]));
        return v;
    }

    static double[][] blobs(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] b = new double[12][];
        for (int i = 0; i < b.length; i++) b[i] = new double[] {8 + 44 * r.nextDouble(), 8 + 24 * r.nextDouble(), 1 + 2.5 * r.nextDouble(), r.nextDouble() < 0.5 ? -2 : 2};
        return b;
    }

    /** The fixed map: the scene at 0.5 mm over 60 × 40 mm. */
    static ScalarMap fixed(double[][] blobs) {
        GridGeometry g = new GridGeometry(120, 80, 0.5);
        float[] v = new float[g.size()];
        for (int r = 0; r < g.height(); r++) for (int c = 0; c < g.width(); c++) v[r * g.width() + c] = (float) scene(g.xMm(c), g.yMm(r), blobs);
        return new ScalarMap(g, "1", v);
    }

    /** The moving map at 1 mm: what it sees at its q is the scene at the fixed p with q = T(p); contrast inverted, noise added. */
    static ScalarMap moving(double[][] blobs, MapRegistration.Transform t, int w, int h, double originX, double originY, long seed) {
        GridGeometry g = new GridGeometry(w, h, 1.0, originX, originY);
        SplittableRandom r = new SplittableRandom(seed);
        double a = Math.toRadians(t.rotationDeg()), cos = Math.cos(a), sin = Math.sin(a);
        float[] v = new float[g.size()];
        for (int row = 0; row < h; row++) {
            for (int c = 0; c < w; c++) {
                double qx = g.xMm(c) - t.pivotXMm() - t.txMm(), qy = g.yMm(row) - t.pivotYMm() - t.tyMm();
                double px = (cos * qx + sin * qy) / t.scale() + t.pivotXMm(), py = (-sin * qx + cos * qy) / t.scale() + t.pivotYMm();
                v[row * w + c] = (float) (10 - 1.5 * scene(px, py, blobs) + 0.15 * (r.nextDouble() - 0.5));
            }
        }
        return new ScalarMap(g, "1", v);
    }

    @ParameterizedTest(name = "shift ({0}, {1}) mm, {2}°, scale {3}")
    @CsvSource({"0, 0, 0, 1.0", "4.0, -3.0, 10, 1.0", "-6.5, 2.5, -10, 1.05", "3.3, 5.1, 4.5, 0.95", "-2.0, -4.0, -7.0, 1.03", "7.5, 1.5, 2.0, 0.97"})
    void aKnownTransformIsRecovered(double tx, double ty, double rot, double scale) {
        double[][] b = blobs(11);
        ScalarMap f = fixed(b);
        double cx = f.geometry().xMm(59.5), cy = f.geometry().yMm(39.5);
        MapRegistration.Transform truth = new MapRegistration.Transform(tx, ty, rot, scale, cx, cy);
        // the coarse map covers most of the scene, not all of it: the overlap is partial
        ScalarMap m = moving(b, truth, 56, 36, 4, 4, 5);
        MapRegistration.Result r = MapRegistration.register(f, m, MapRegistration.Options.defaults());
        assertEquals(rot, r.transform().rotationDeg(), 0.5, r.toString());
        // every point of the fixed field lands within one pixel of the coarser map (1 mm) of where the truth puts it
        double worst = 0;
        for (double[] p : new double[][] {{5, 5}, {55, 5}, {5, 35}, {55, 35}, {30, 20}}) {
            double[] a = r.transform().apply(p[0], p[1]), e = truth.apply(p[0], p[1]);
            worst = Math.max(worst, Math.hypot(a[0] - e[0], a[1] - e[1]));
        }
        assertTrue(worst <= 1.0, "worst misplacement " + worst + " mm: " + r);
        assertTrue(r.ncc() < -0.9, "inverted contrast found: " + r.ncc());
        assertEquals(1 - Math.abs(r.ncc()), r.residual(), 1e-12);
        assertTrue(r.overlapFraction() > 0.5 && r.overlapFraction() < 1, "partial overlap: " + r.overlapFraction());
    }

    /**
     * Two stages of each seed cell as the ultrasonic simulator scans them, each placed anew on the scanner (shift ≤ 3 mm,
     * rotation ≤ 1.5°): the registration of the formation scan onto the infiltration scan is the change of placement,
     * q = R(a_f − a_i)(p − c_i) + c_f, within one scan pixel at the cell's corners and 0.5°.
     */
    @Test
    void twoStagesOfASimulatedCellRegisterToTheirPlacements() {
        for (CellScenario sc : Scenarios.seedLot()) {
            Placement pi = Scenarios.placement(sc, Stage.INFILTRATION), pf = Scenarios.placement(sc, Stage.FORMATION);
            var inst = InstrumentSettings.seedWorkstation(15);
            ScalarMap f = ScanSimulator.standard().simulate(sc, Stage.INFILTRATION, pi, inst, 1).scan().amplitude();
            ScalarMap m = ScanSimulator.standard().simulate(sc, Stage.FORMATION, pf, inst, 2).scan().amplitude();
            MapRegistration.Result r = MapRegistration.register(f, m, MapRegistration.Options.defaults());
            double[] c0 = ScanSimulator.nominalCentre(sc.design());
            double ci0 = c0[0] + pi.dxMm(), ci1 = c0[1] + pi.dyMm(), cf0 = c0[0] + pf.dxMm(), cf1 = c0[1] + pf.dyMm();
            double th = Math.toRadians(pf.angleDeg() - pi.angleDeg());
            assertEquals(pf.angleDeg() - pi.angleDeg(), r.transform().rotationDeg(), 0.5, sc.design().id() + ": " + r);
            double hw = sc.design().widthMm() / 2, hh = sc.design().heightMm() / 2, worst = 0;
            for (double[] corner : new double[][] {{-hw, -hh}, {hw, -hh}, {-hw, hh}, {hw, hh}}) {
                double ai = Math.toRadians(pi.angleDeg());
                double px = Math.cos(ai) * corner[0] - Math.sin(ai) * corner[1] + ci0, py = Math.sin(ai) * corner[0] + Math.cos(ai) * corner[1] + ci1;
                double qx = Math.cos(th) * (px - ci0) - Math.sin(th) * (py - ci1) + cf0, qy = Math.sin(th) * (px - ci0) + Math.cos(th) * (py - ci1) + cf1;
                double[] e = r.transform().apply(px, py);
                worst = Math.max(worst, Math.hypot(e[0] - qx, e[1] - qy));
            }
            assertTrue(worst <= f.geometry().pitchMm(), sc.design().id() + ": corners misplaced by up to " + worst + " mm (pitch "
                    + f.geometry().pitchMm() + "): " + r);
        }
    }

    /**
     * A small map (16 × 12 mm at 0.25 mm, a CT section's field) inside a large one (the whole cell at 0.5 mm): the shift
     * search spans only the small map's size, so the maps' frames seed it; frames off by (1.5, −1.0) mm and 2° are
     * corrected to within one pixel of the coarser map at the small map's corners, and 0.5°.
     */
    @Test
    void aSmallMapIsFoundInALargeOneFromItsFrame() {
        double[][] b = blobs(23);
        double af = 7, ofx = 21, ofy = 13, am = -3, omx = 2, omy = 1; // the truth: where each map lies in the cell
        GridGeometry fg = new GridGeometry(64, 48, 0.25), mg = new GridGeometry(120, 80, 0.5);
        float[] fv = new float[fg.size()], mv = new float[mg.size()];
        double caf = Math.cos(Math.toRadians(af)), saf = Math.sin(Math.toRadians(af)), cam = Math.cos(Math.toRadians(am)), sam = Math.sin(Math.toRadians(am));
        for (int r = 0; r < fg.height(); r++) for (int c = 0; c < fg.width(); c++) {
            double x = fg.xMm(c), y = fg.yMm(r);
            fv[r * fg.width() + c] = (float) scene(caf * x - saf * y + ofx, saf * x + caf * y + ofy, b);
        }
        for (int r = 0; r < mg.height(); r++) for (int c = 0; c < mg.width(); c++) {
            double x = mg.xMm(c), y = mg.yMm(r);
            mv[r * mg.width() + c] = (float) (10 - scene(cam * x - sam * y + omx, sam * x + cam * y + omy, b));
        }
        ScalarMap f = new ScalarMap(fg, "µm", fv), m = new ScalarMap(mg, "dB", mv);
        MapRegistration.Transform truth = MapRegistration.fromFrames(ofx, ofy, af, omx, omy, am);
        MapRegistration.Transform prior = MapRegistration.fromFrames(ofx + 1.5, ofy - 1.0, af + 2, omx, omy, am);
        MapRegistration.Result r = MapRegistration.register(f, m, prior, MapRegistration.Options.defaults());
        assertEquals(af - am, r.transform().rotationDeg(), 0.5, r.toString());
        double worst = 0;
        for (double[] p : new double[][] {{0, 0}, {16, 0}, {0, 12}, {16, 12}}) {
            double[] a = r.transform().apply(p[0], p[1]), e = truth.apply(p[0], p[1]);
            worst = Math.max(worst, Math.hypot(a[0] - e[0], a[1] - e[1]));
        }
        assertTrue(worst <= 0.5, "corners misplaced by up to " + worst + " mm: " + r);
        double[] before = prior.apply(8, 6), want = truth.apply(8, 6);
        assertTrue(Math.hypot(before[0] - want[0], before[1] - want[1]) > 1, "the prior alone was off by more than a pixel");
    }

    @Test
    void mapsThatShareNoFieldAreRefused() {
        double[][] b = blobs(11);
        ScalarMap f = fixed(b);
        MapRegistration.Transform truth = new MapRegistration.Transform(0, 0, 0, 1, 30, 20);
        ScalarMap far = moving(b, truth, 56, 36, 500, 500, 5); // placed half a metre away
        InputException e = assertThrows(InputException.class, () -> MapRegistration.register(f, far, MapRegistration.Options.defaults()));
        assertTrue(e.getMessage().contains("overlap"), e.getMessage());
    }

    @Test
    void mapsThatShareNoStructureAreRefused() {
        ScalarMap f = fixed(blobs(11));
        GridGeometry g = new GridGeometry(56, 36, 1.0, 4, 4);
        SplittableRandom r = new SplittableRandom(9);
        float[] noise = new float[g.size()];
        for (int i = 0; i < noise.length; i++) noise[i] = (float) r.nextDouble();
        InputException e = assertThrows(InputException.class, () -> MapRegistration.register(f, new ScalarMap(g, "1", noise), MapRegistration.Options.defaults()));
        assertTrue(e.getMessage().contains("structure"), e.getMessage());
    }
}
