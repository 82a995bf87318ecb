package org.solidscope.echem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.InputException;

/** lin-KK on valid and drifting spectra; the CSV reader's columns, signs and units. */
class LinKKAndCsvTest {
    @TempDir
    Path dir;

    @Test
    void aCircuitsSpectrumIsKramersKronigValidAndADriftingOneIsNot() {
        Circuit c = Circuit.parse("R0-p(R1,C1)-p(R2,C2)");
        double[] f = SpectrumSimulator.logFrequencies(0.1, 1e5, 10);
        ImpedanceSpectrum valid = SpectrumSimulator.simulate(c, new double[] {10, 50, 1e-6, 80, 1e-3}, f, 0.002, 3);
        LinKK.Result r = LinKK.test(valid, 0.85);
        assertTrue(r.mu() <= 0.85 && r.m() > 1, "M " + r.m() + ", µ " + r.mu());
        // µ stays 1 while the RC elements are too few to fit (no negative R), and the residuals fall as M grows
        assertEquals(1.0, LinKK.fit(valid, 2).mu(), 1e-12);
        assertTrue(LinKK.fit(valid, 20).maxResidualRelative() < 0.01, "with enough elements a valid spectrum fits to the noise");
        // noise-free: an exact RC sum at the grid's τ is reproduced to rounding
        ImpedanceSpectrum exact = SpectrumSimulator.simulate(Circuit.parse("R0-p(R1,C1)"), new double[] {10, 50, 1 / (2 * Math.PI * 1e5) / 50}, f, 0, 1);
        assertTrue(LinKK.fit(exact, 5).maxResidualRelative() < 1e-9);
        // a cell that drifts while it is measured (its resistance grows 30 Ω over the sweep) breaks causality: it fits far worse
        double[] re = valid.zRealOhm().clone(), im = valid.zImagOhm().clone();
        for (int i = 0; i < re.length; i++) re[i] += 30.0 * i / re.length;
        ImpedanceSpectrum drifting = new ImpedanceSpectrum(f, re, im, "drift");
        double good = LinKK.fit(valid, 20).maxResidualRelative(), bad = LinKK.fit(drifting, 20).maxResidualRelative();
        assertTrue(bad > 5 * good, bad + " vs " + good);
    }

    @Test
    void theRobustOptionsPassCellSpectraWithTailsAndCpeArcsAndFailDrift() {
        double[] f = SpectrumSimulator.logFrequencies(0.1, 1e5, 10);
        ImpedanceSpectrum tail = SpectrumSimulator.simulate(OperandoSimulator.CIRCUIT, new double[] {40, 360, 2e-5, 0.85, 60}, f, 0.003, 11);
        ImpedanceSpectrum cpe = SpectrumSimulator.simulate(Circuit.parse("R0-p(R1,CPE1)"), new double[] {40, 400, 2e-5, 0.85}, f, 0.003, 12);
        // the reference settings (real fit, M from 1) stop early on both: a CPE arc gives negative R_k at M = 4
        assertTrue(LinKK.test(cpe, 0.85).maxResidualRelative() > 0.2);
        for (ImpedanceSpectrum s : new ImpedanceSpectrum[] {tail, cpe}) {
            LinKK.Result r = LinKK.test(s, 0.85, LinKK.Options.robust(s));
            assertTrue(r.mu() <= 0.85 && r.maxResidualRelative() < 4 * 0.003, "residual " + r.maxResidualRelative() + " at M " + r.m());
        }
        assertEquals(12, LinKK.Options.robust(tail).minM(), "two per decade over six decades");
        double[] re = tail.zRealOhm().clone();
        for (int i = 0; i < re.length; i++) re[i] += 40.0 * i / re.length; // 40 Ω of drift during the sweep
        ImpedanceSpectrum drifting = new ImpedanceSpectrum(f, re, tail.zImagOhm(), "drift");
        assertTrue(LinKK.test(drifting, 0.85, LinKK.Options.robust(drifting)).maxResidualRelative() > 0.02);
    }

    @Test
    void csvColumnsByNameWithSignAndUnits() throws IOException {
        Path a = Files.writeString(dir.resolve("a.csv"), "# exported\nFreq/Hz;Re(Z)/kOhm;-Im(Z)/kOhm\n1000;0.01;0.002\n100;0.02;0.01\n10;0.05;0.02\n");
        ImpedanceSpectrum s = SpectrumCsv.read(a);
        assertArrayEquals(new double[] {1000, 100, 10}, s.frequencyHz());
        assertArrayEquals(new double[] {10, 20, 50}, s.zRealOhm(), 1e-12);
        assertArrayEquals(new double[] {-2, -10, -20}, s.zImagOhm(), 1e-12, "−Im(Z) turned back: capacitive is negative");
        Path round = dir.resolve("r.csv");
        SpectrumCsv.write(round, s);
        assertArrayEquals(s.zImagOhm(), SpectrumCsv.read(round).zImagOhm(), 0);
        InputException e = assertThrows(InputException.class, () -> SpectrumCsv.read(Files.writeString(dir.resolve("b.csv"), "f,x,y\n1,2,3\n")));
        assertEquals("header", e.field());
        e = assertThrows(InputException.class, () -> SpectrumCsv.read(Files.writeString(dir.resolve("c.csv"), "frequency,Zreal,Zimag\n1,2,x\n2,3,4\n3,4,5\n")));
        assertEquals("line 2", e.field());
        e = assertThrows(InputException.class, () -> SpectrumCsv.read(Files.writeString(dir.resolve("d.csv"), "frequency,Zreal,Zimag\n-1,2,3\n2,3,4\n3,4,5\n")));
        assertTrue(e.field().startsWith("frequency"), e.field());
    }
}
