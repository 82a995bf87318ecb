package org.solidscope.xcs;

import org.solidscope.io.xcs.SpectrumCube;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.solidscope.core.InputException;
import org.solidscope.core.Progress;

class EmfRecoveryTest {
    @Test
    void emfOfSimulatedPixelsIsUnbiasedWithHonestErrors() {
        XcsSimulator.Result sim = XcsSimulator.simulate(XcsSimulator.Settings.seed004(0.6), Progress.NONE);
        EmfMap map = EmfMap.of("sim", sim.cube(), PinholeGeometry.seed(), new ComptonAnalysis(ComptonAnalysis.Settings.defaults()), Progress.NONE);
        double s = 0, s2 = 0;
        int n = 0;
        for (int p = 0; p < map.emf().length; p++) {
            if (Float.isNaN(sim.emfExpected()[p])) continue;
            assertTrue(!Float.isNaN(map.emf()[p]), "a cell pixel with counts is not flagged");
            double pull = (map.emf()[p] - sim.emfExpected()[p]) / map.sigma()[p];
            s += pull;
            s2 += pull * pull;
            n++;
        }
        double mean = s / n, sd = Math.sqrt(s2 / n - mean * mean);
        System.out.printf("pulls over %d pixels: mean %.3f, sd %.3f%n", n, mean, sd);
        assertTrue(n >= 1000, "at least 1000 pixels: " + n);
        assertEquals(0, mean, 0.1);
        assertTrue(sd > 0.9 && sd < 1.1, "pull sd " + sd);
        // pixels outside the cell and dead pixels are flagged, not guessed
        for (int p = 0; p < map.emf().length; p++)
            if (sim.dead()[p] || sim.component()[p] == XcsSimulator.Component.NONE) assertTrue(Float.isNaN(map.emf()[p]), "pixel " + p);
        assertTrue(map.flagged() > 0);
    }

    @Test
    void emfIsLinearInCathodeLithium() {
        double[] xs = {0.3, 0.45, 0.6, 0.75, 0.9, 1.0};
        double[] emf = new double[xs.length];
        boolean[] mask = null;
        for (int k = 0; k < xs.length; k++) {
            XcsSimulator.Result sim = XcsSimulator.simulate(XcsSimulator.Settings.seed004(xs[k]).withSize(40, 40).withSeed(10 + k), Progress.NONE);
            if (mask == null) {
                mask = new boolean[sim.component().length];
                for (int p = 0; p < mask.length; p++) mask[p] = sim.component()[p] == XcsSimulator.Component.CATHODE;
            }
            EmfMap map = EmfMap.of("sim", sim.cube(), PinholeGeometry.seed(), new ComptonAnalysis(ComptonAnalysis.Settings.defaults()), Progress.NONE);
            emf[k] = map.mean(mask)[0];
        }
        double r2 = rSquared(xs, emf);
        System.out.printf("EMF vs x: %s, R² %.5f%n", java.util.Arrays.toString(emf), r2);
        assertTrue(r2 > 0.99, "R² " + r2);
        assertTrue(emf[emf.length - 1] > emf[0]);
    }

    @Test
    void anAxisMissingTheComptonRegionIsRefused() {
        SpectrumCube cube = new SpectrumCube(2, 2, 100, 60, 0.2, new float[400]);
        InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
                () -> EmfMap.of("short.npy", cube, PinholeGeometry.seed(), new ComptonAnalysis(ComptonAnalysis.Settings.defaults()), Progress.NONE));
        assertTrue(e.getMessage().contains("short.npy") && e.getMessage().contains("energy axis"), e.getMessage());
    }

    static double rSquared(double[] x, double[] y) {
        int n = x.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += x[i] / n; my += y[i] / n; }
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my); }
        return sxy * sxy / (sxx * syy);
    }
}
