package org.solidscope.ultrasound.acoustics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.solidscope.core.materials.AcousticMaterial;
import org.solidscope.core.materials.MaterialLibrary;

/** The transfer-matrix model against closed forms and conservation laws. */
class TransferMatrixTest {
    static final MaterialLibrary LIB = MaterialLibrary.shipped();

    static AcousticMaterial lossless(String name, double rho, double c) {
        return new AcousticMaterial(name, rho, c, 0, "test");
    }

    static Layer layer(AcousticMaterial m, double um) {
        return new Layer(m.name(), m, null, 0, um, false);
    }

    static StackResponse eval(AcousticMaterial in, AcousticMaterial out, double fMHz, Layer... ls) {
        return TransferMatrix.evaluate(new LayerStack("t", in, out, List.of(ls), LIB, "test"), CellState.infiltrated(), fMHz);
    }

    @Test
    void singleInterfaceMatchesTheClosedForms() {
        AcousticMaterial a = lossless("a", 1000, 1500), b = lossless("b", 2700, 6320);
        double z1 = a.impedanceRayl(), z2 = b.impedanceRayl();
        StackResponse r = eval(a, b, 1.0);
        assertEquals(2 * z2 / (z1 + z2), r.tRe(), 1e-12);
        assertEquals(0, r.tIm(), 1e-12);
        assertEquals((z2 - z1) / (z1 + z2), r.rRe(), 1e-12);
        assertEquals(4 * z1 * z2 / Math.pow(z1 + z2, 2), r.intensityT(), 1e-12);
        assertEquals(Math.pow((z2 - z1) / (z1 + z2), 2), r.intensityR(), 1e-12);
    }

    @Test
    void energyIsConservedInLosslessRandomStacks() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            List<Layer> ls = new ArrayList<>();
            int n = 1 + rnd.nextInt(60);
            for (int i = 0; i < n; i++) {
                ls.add(layer(lossless("m" + i, rnd.nextDouble(1, 9000), rnd.nextDouble(300, 7000)), rnd.nextDouble(0, 500)));
            }
            AcousticMaterial in = lossless("in", rnd.nextDouble(800, 1200), rnd.nextDouble(900, 1600));
            AcousticMaterial out = lossless("out", rnd.nextDouble(800, 3000), rnd.nextDouble(900, 3000));
            StackResponse r = eval(in, out, rnd.nextDouble(0.2, 5), ls.toArray(Layer[]::new));
            assertEquals(1.0, r.intensityR() + r.intensityT(), 1e-12, "trial " + trial);
        }
    }

    @Test
    void thinLayerFormulaBetweenIdenticalMedia() {
        AcousticMaterial w = lossless("w", 1000, 1500), g = lossless("g", 1.2, 343);
        double z1 = w.impedanceRayl(), z2 = g.impedanceRayl();
        for (double um : new double[] {0.01, 0.1, 1, 7.5, 40}) {
            double k = 2 * Math.PI * 1e6 / 343;
            double expected = 1 / (1 + 0.25 * Math.pow(z1 / z2 - z2 / z1, 2) * Math.pow(Math.sin(k * um * 1e-6), 2));
            assertEquals(expected, eval(w, w, 1.0, layer(g, um)).intensityT(), 1e-12 * Math.max(1, 1 / expected), um + " µm");
        }
    }

    @Test
    void transparentAtHalfWavelengthMultiples() {
        AcousticMaterial w = lossless("w", 1000, 1500), al = lossless("al", 2700, 6320);
        double halfUm = 6320 / 2e6 * 1e6; // at 1 MHz
        assertEquals(1.0, eval(w, w, 1.0, layer(al, halfUm)).intensityT(), 1e-12);
        assertEquals(1.0, eval(w, w, 1.0, layer(al, 2 * halfUm)).intensityT(), 1e-12);
        assertTrue(eval(w, w, 1.0, layer(al, halfUm / 2)).intensityT() < 0.5, "a quarter wave reflects");
    }

    @Test
    void aZeroThicknessLayerChangesNothing() {
        AcousticMaterial w = lossless("w", 1000, 1500), a = lossless("a", 2700, 6320), b = lossless("b", 8900, 4700);
        AcousticMaterial lossy = new AcousticMaterial("lossy", 1400, 1900, 20, "test");
        StackResponse without = eval(w, w, 1.3, layer(a, 40), layer(b, 25));
        StackResponse with = eval(w, w, 1.3, layer(a, 40), layer(lossy, 0), layer(b, 25));
        assertEquals(without.tRe(), with.tRe(), 1e-14);
        assertEquals(without.tIm(), with.tIm(), 1e-14);
        assertEquals(without.rRe(), with.rRe(), 1e-14);
    }

    @Test
    void theSameTransmissionInBothDirections() {
        StackResponse fwd = TransferMatrix.evaluate(StackFile.shipped(), CellState.solidified(0.3), 1.0);
        LayerStack s = StackFile.shipped();
        List<Layer> rev = new ArrayList<>(s.layers());
        java.util.Collections.reverse(rev);
        LayerStack back = new LayerStack("reversed", s.transmitted(), s.incident(), rev, s.library(), "test");
        StackResponse bwd = TransferMatrix.evaluate(back, CellState.infiltrated(), 1.0);
        // the reversed stack without its gap must equal the forward one without gap; with loss, reciprocity holds for t
        StackResponse fwd0 = TransferMatrix.evaluate(s, CellState.infiltrated(), 1.0);
        assertEquals(fwd0.tRe(), bwd.tRe(), 1e-12);
        assertEquals(fwd0.tIm(), bwd.tIm(), 1e-12);
        assertTrue(fwd.amplitudeT() < fwd0.amplitudeT());
    }

    @Test
    void airGapsBetweenOneAndAHalfMraylMedia() {
        AcousticMaterial m = lossless("m", 1000, 1500);
        AcousticMaterial air = LIB.get("test", "gas", "air");
        double t1 = eval(m, m, 1.0, layer(air, 1.0)).intensityT(), t01 = eval(m, m, 1.0, layer(air, 0.1)).intensityT();
        assertTrue(t1 < 1e-2, "1 µm: " + t1);
        assertEquals(0.08, t01, 0.005, "0.1 µm: " + t01);
    }

    @Test
    void attenuationIsExponentialInThickness() {
        AcousticMaterial w = new AcousticMaterial("w", 1000, 1500, 10, "test"); // 10 dB/(cm·MHz)
        AcousticMaterial half = new AcousticMaterial("w", 1000, 1500, 0, "test");
        // a lossy layer of the coupling's own impedance: only its loss remains, 10 dB/cm at 1 MHz over 1 cm
        double t = eval(half, half, 1.0, layer(w, 10_000)).amplitudeT();
        assertEquals(-10.0, 20 * Math.log10(t), 0.01);
    }

    @Test
    void gapTableInterpolatesTheModel() {
        TransferMatrix.Compiled c = TransferMatrix.compile(StackFile.shipped(), CellState.solidified(0), 1.0);
        GapTable g = new GapTable(c, 20);
        for (double d : new double[] {0.002, 0.03, 0.7, 4}) {
            assertEquals(c.withGap(d).amplitudeT(), g.amplitude(d), 0.005 * c.withGap(d).amplitudeT(), d + " µm");
        }
        assertEquals(0, g.amplitude(25));
    }
}
