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
    void flatFieldRecoversEfficienciesAndRegionSumsUndoThem() {
        XcsSimulator.Result a = XcsSimulator.simulate(XcsSimulator.Settings.seed004(0.5).withSize(20, 20).withDeadPixelShare(0), Progress.NONE);
        SpectrumCube e = a.expected();
        int n = e.pixels(), bins = e.bins();
        SplittableRandom rnd = new SplittableRandom(5);
        float[] eff = new float[n], flat = new float[n * bins], data = new float[n * bins];
        for (int p = 0; p < n; p++) {
            eff[p] = (float) (0.8 + 0.4 * rnd.nextDouble());
            for (int b = 0; b < bins; b++) {
                flat[p * bins + b] = XcsSimulator.poisson(rnd, 5 * eff[p] * e.counts()[b]); // one homogeneous spectrum, the first pixel's
                data[p * bins + b] = XcsSimulator.poisson(rnd, eff[p] * e.counts()[p * bins + b]);
            }
        }
        FlatField ff = FlatField.of("flat", new SpectrumCube(20, 20, bins, 0, 0.2, flat), 85, 105, 0.2);
        double ratio = 0;
        for (int p = 0; p < n; p++) ratio += ff.efficiency()[p] / eff[p] / n;
        for (int p = 0; p < n; p++) assertEquals(1, ff.efficiency()[p] / eff[p] / ratio, 0.01, "efficiency of pixel " + p);
        double[] theta = PinholeGeometry.seed().thetaMap(20, 20);
        double[][] sum = AlignedSum.weighted(new SpectrumCube(20, 20, bins, 0, 0.2, data), null, theta, RIGHT, 115, ff);
        double[] truth = AlignedSum.of(e, null, theta, RIGHT, 115);
        double s = 0, t = 0;
        for (int b = 0; b < bins; b++) { s += sum[0][b]; t += truth[b]; }
        assertEquals(t, s * ratio, 0.01 * t, "the flat-fielded sum is the sum without efficiencies");
        for (int b = 0; b < bins; b++) assertTrue(sum[1][b] >= 0);
    }

    @Test
    void fractionsFromACtLabelVolumeAreTheSlabVolumes() {
        // 100 slices of 10 µm (1 mm): label 1 in z < 0.4 mm, 2 in 0.4–0.5 mm, 3 below; 4 × 4 voxels per slice
        byte[][] v = new byte[100][16];
        for (int z = 0; z < 100; z++) java.util.Arrays.fill(v[z], (byte) (z < 40 ? 1 : z < 50 ? 2 : 3));
        double[][] f = ComponentUnmixing.fractionsFromCt(v, 10, new double[] {0.35, 0.475, 0.75}, 0.25, new int[] {1, 2, 3});
        double area = 16 * 1e-4; // mm² of one slice
        assertEquals(0.175 * area, f[0][0], 1e-12); // slab 0.225–0.475: 0.175 mm of label 1, 0.075 mm of label 2
        assertEquals(0.075 * area, f[0][1], 1e-12);
        assertEquals(0.0, f[0][2], 1e-12);
        assertEquals(0.05 * area, f[1][0], 1e-12); // 0.35–0.6: 0.05 of 1, 0.1 of 2, 0.1 of 3
        assertEquals(0.1 * area, f[1][1], 1e-12);
        assertEquals(0.1 * area, f[1][2], 1e-12);
        assertEquals(0.25 * area, f[2][2], 1e-12);
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
