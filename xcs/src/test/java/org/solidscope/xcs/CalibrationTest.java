package org.solidscope.xcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.InputException;
import org.solidscope.core.Progress;
import org.solidscope.io.xcs.FrameFile;
import org.solidscope.io.xcs.SpectrumCube;

class CalibrationTest {
    @TempDir Path dir;

    @Test
    void am241CalibrationRecoversEachPixelsGainAndFwhm() {
        FrameSimulator.Detector det = FrameSimulator.detector(24, 24, 0.01, 21);
        CalibrationSimulator.Result sim = CalibrationSimulator.simulate(det, EnergyCalibration.lines("am241"), CalibrationSimulator.AM241_INTENSITY, 30_000, 0.79, 0.15,
                DetectorResponse.hexitec(), 1, 3200, 5, Progress.NONE);
        EnergyCalibration.Result cal = EnergyCalibration.fit("am241", sim.adu(), EnergyCalibration.lines("am241"), 200, Progress.NONE);
        double worstGain = 0, worstFwhm = 0;
        int checked = 0, pulls = 0;
        for (int p = 0; p < 24 * 24; p++) {
            if (det.dead()[p]) {
                assertTrue(cal.flagged()[p], "a dead pixel is flagged");
                continue;
            }
            assertTrue(!cal.flagged()[p], "pixel " + p);
            assertEquals(4, cal.linesFound()[p], "all four lines in pixel " + p);
            double dg = Math.abs(cal.gradientKevPerAdu()[p] / det.gradientKevPerAdu()[p] - 1);
            worstGain = Math.max(worstGain, dg);
            worstFwhm = Math.max(worstFwhm, Math.abs(cal.fwhmKev()[p] / sim.fwhmKev()[p] - 1));
            if (Math.abs(cal.gradientKevPerAdu()[p] - det.gradientKevPerAdu()[p]) < 3 * cal.gradientSigma()[p]) pulls++;
            checked++;
        }
        System.out.printf("calibration of %d pixels: worst gain error %.4f %%, worst FWHM error %.2f %%, %d within 3σ%n", checked, 100 * worstGain, 100 * worstFwhm, pulls);
        assertTrue(worstGain < 0.001, "gain within 0.1 %: " + worstGain);
        assertTrue(worstFwhm < 0.05, "FWHM within 5 %: " + worstFwhm);
        double[] f = cal.fwhmMeanSd();
        assertEquals(0.79, f[0], 0.03);
        assertEquals(0.15, f[1], 0.03);
    }

    @Test
    void calibrationFromRawFramesThroughDarkFramesAndHistogramsInAdu() {
        FrameSimulator.Detector det = FrameSimulator.detector(8, 8, 0, 4);
        CalibrationSimulator.Result src = CalibrationSimulator.simulate(det, EnergyCalibration.lines("am241"), CalibrationSimulator.AM241_INTENSITY, 1, 0.79, 0.15,
                DetectorResponse.hexitec(), 1, 3200, 5, Progress.NONE);
        Path frames = dir.resolve("am241.bin");
        FrameSimulator.write(frames, src.kev(), det, new FrameSimulator.Settings(60_000, 300, 2, 0.005, 0.25, 9000, 3), Progress.NONE);
        FrameFile f = FrameFile.open(frames);
        DarkFrames.Result dark = DarkFrames.measure(f, 0, 300, 5);
        FrameProcessor.Result h = FrameProcessor.process(f, PixelCorrections.inAdu(dark), FrameProcessor.Settings.defaults().withThresholdSigma(6).withAxis(0, 2, 1600)
                .withSharing(ChargeSharing.DISCRIMINATION), 300, null, Progress.NONE);
        EnergyCalibration.Result cal = EnergyCalibration.fit("am241.bin", h.cube(), EnergyCalibration.lines("am241"), 200, Progress.NONE);
        for (int p = 0; p < 64; p++) {
            assertTrue(!cal.flagged()[p], "pixel " + p);
            assertEquals(det.gradientKevPerAdu()[p], cal.gradientKevPerAdu()[p], 0.01 * det.gradientKevPerAdu()[p], "gain of pixel " + p);
        }
    }

    @Test
    void pixelsWithoutPeaksAreFlaggedAndNoPeakAnywhereIsAnError() {
        FrameSimulator.Detector det = FrameSimulator.detector(6, 6, 0, 2);
        CalibrationSimulator.Result sim = CalibrationSimulator.simulate(det, EnergyCalibration.lines("am241"), CalibrationSimulator.AM241_INTENSITY, 20_000, 0.79, 0.1,
                DetectorResponse.hexitec(), 1, 3200, 5, Progress.NONE);
        float[] c = sim.adu().counts().clone();
        java.util.Arrays.fill(c, 0, 3200 * 6, 0f); // first row: nothing
        EnergyCalibration.Result cal = EnergyCalibration.fit("x", new SpectrumCube(6, 6, 3200, 0, 1, c), EnergyCalibration.lines("am241"), 200, Progress.NONE);
        assertEquals(6, cal.flaggedCount());
        InputException e = assertThrows(InputException.class,
                () -> EnergyCalibration.fit("empty.npy", new SpectrumCube(6, 6, 3200, 0, 1, new float[36 * 3200]), EnergyCalibration.lines("am241"), 200, Progress.NONE));
        assertTrue(e.getMessage().contains("empty.npy") && e.getMessage().contains("peak"), e.getMessage());
    }
}
