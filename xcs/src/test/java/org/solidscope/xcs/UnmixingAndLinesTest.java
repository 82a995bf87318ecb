package org.solidscope.xcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.solidscope.core.Progress;
import org.solidscope.io.xcs.SpectrumCube;

class UnmixingAndLinesTest {
    static final double RIGHT = Math.PI / 2;

    @Test
    void inverseOfEquation2RoundTrips() {
        for (double pz = -12; pz <= 12; pz += 0.37)
            for (double deg : new double[] {86, 90, 94, 120})
                assertEquals(pz, ComptonKinematics.pzAu(115, ComptonKinematics.energyForPzKev(115, pz, Math.toRadians(deg)), Math.toRadians(deg)), 1e-9);
    }

    @Test
    void theSeedsRegionsUnmixIntoComponentsWithTheirEmf() {
        // component spectra from the simulator's pixels: cathode, separator and (a Li-rich) anode stand-in
        XcsSimulator.Result a = XcsSimulator.simulate(XcsSimulator.Settings.seed004(0.5).withDeadPixelShare(0), Progress.NONE);
        double[] cathode = pixelMean(a, XcsSimulator.Component.CATHODE), separator = pixelMean(a, XcsSimulator.Component.SEPARATOR),
                anode = pixelMean(a, XcsSimulator.Component.CASING);
        ComponentUnmixing.Mixing mix = ComponentUnmixing.seed();
        double[][] truth = {cathode, separator, anode};
        double[][] regions = new double[3][cathode.length];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int r = 0; r < 3; r++)
            for (int b = 0; b < cathode.length; b++) {
                double e = 0;
                for (int c = 0; c < 3; c++) e += mix.fractions()[r][c] * truth[c][b] * 20;
                regions[r][b] = XcsSimulator.poisson(rnd, e);
            }
        ComptonAnalysis an = new ComptonAnalysis(ComptonAnalysis.Settings.defaults());
        List<ComponentUnmixing.Component> comps = ComponentUnmixing.unmix(mix, regions, new double[] {20, 20, 20}, an, 0, 0.2, RIGHT);
        for (int c = 0; c < 3; c++) {
            double want = an.emf(truth[c], null, 0, 0.2, RIGHT).emf();
            ComptonAnalysis.Emf got = comps.get(c).emf();
            System.out.printf("%s: EMF %.4f ± %.4f, truth %.4f%n", comps.get(c).name(), got.emf(), got.sigma(), want);
            assertEquals(want, got.emf(), 3 * got.sigma(), comps.get(c).name());
        }
        // noise-free regions give the components back exactly
        double[][] exact = new double[3][cathode.length];
        for (int r = 0; r < 3; r++) for (int b = 0; b < cathode.length; b++) for (int c = 0; c < 3; c++) exact[r][b] += mix.fractions()[r][c] * truth[c][b];
        List<ComponentUnmixing.Component> back = ComponentUnmixing.unmix(mix, exact, null, an, 0, 0.2, RIGHT);
        for (int c = 0; c < 3; c++) for (int b = 0; b < cathode.length; b++) assertEquals(truth[c][b], back.get(c).spectrum()[b], 1e-9 * (1 + truth[c][b]));
    }

    @Test
    void alignedSumConservesCountsAndSharpensThePeak() {
        XcsSimulator.Result a = XcsSimulator.simulate(XcsSimulator.Settings.seed004(0.5).withSize(80, 80).withDeadPixelShare(0), Progress.NONE);
        boolean[] mask = new boolean[6400];
        for (int p = 0; p < 6400; p++) mask[p] = a.component()[p] == XcsSimulator.Component.CATHODE;
        double[] plain = a.cube().sum(mask);
        double[] aligned = AlignedSum.of(a.cube(), mask, PinholeGeometry.seed().thetaMap(80, 80), RIGHT, 115);
        double sp = 0, sa = 0;
        for (int b = 0; b < plain.length; b++) { sp += plain[b]; sa += aligned[b]; }
        assertEquals(sp, sa, 1e-6 * sp);
        assertTrue(max(aligned) > 1.05 * max(plain), "aligned peak is taller: " + max(aligned) + " vs " + max(plain));
    }

    @Test
    void sumSpectrumLinesAreNamed() {
        XcsSimulator.Result a = XcsSimulator.simulate(XcsSimulator.Settings.seed004(0.5).withSize(40, 40), Progress.NONE);
        SpectrumCube c = a.cube();
        List<SpectrumLines.Peak> peaks = SpectrumLines.identify(c.sum(null), c.startKev(), c.binKev(), 115, RIGHT, 50);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (SpectrumLines.Peak p : peaks) if (p.name() != null) names.add(p.name());
        System.out.println("peaks: " + peaks);
        for (String want : new String[] {"Compton", "Cd Kα (detector)", "Te Kα (detector)", "W Kα1", "Pb Kα1", "Compton − Cd Kα escape"}) assertTrue(names.contains(want), want + " in " + names);
    }

    static double max(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, v);
        return m;
    }

    static double[] pixelMean(XcsSimulator.Result r, XcsSimulator.Component k) {
        SpectrumCube e = r.expected();
        double[] s = new double[e.bins()];
        int n = 0;
        for (int p = 0; p < e.pixels(); p++) {
            if (r.component()[p] != k) continue;
            for (int b = 0; b < e.bins(); b++) s[b] += e.counts()[p * e.bins() + b];
            n++;
        }
        for (int b = 0; b < s.length; b++) s[b] /= n;
        return s;
    }
}
