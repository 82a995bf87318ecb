package org.solidscope.xcs;

import java.util.SplittableRandom;
import org.solidscope.core.Parallel;
import org.solidscope.core.Progress;
import org.solidscope.io.xcs.SpectrumCube;

/**
 * A calibration acquisition with known truth: every pixel of a {@link FrameSimulator.Detector} sees a source's lines
 * (relative intensities given), recorded through {@link DetectorResponse} at the pixel's FWHM and converted to ADU by
 * the pixel's own gradient and intercept. Gives the ADU spectra cube (what frames with offsets removed histogram into)
 * and the keV spectra for writing frames.
 */
public final class CalibrationSimulator {
    private CalibrationSimulator() {}

    /** Am-241 photon yields relative to 59.54 keV (13.94: Np Lα, 17.75: Np Lβ, 26.34 keV). */
    public static final double[] AM241_INTENSITY = {1.0, 0.067, 0.53, 0.36};

    public record Result(SpectrumCube adu, SpectrumCube kev, float[] fwhmKev) {}

    /**
     * @param photons    photons per pixel
     * @param aduBin     ADU per bin of the ADU cube
     * @param aduBins    bins of the ADU cube (from 0)
     */
    public static Result simulate(FrameSimulator.Detector det, double[] linesKev, double[] intensity, double photons, double fwhmKev, double fwhmSpreadKev,
                                  DetectorResponse response, double aduBin, int aduBins, long seed, Progress progress) {
        int rows = det.rows(), cols = det.cols(), n = rows * cols;
        double maxKev = 0, sum = 0;
        for (int k = 0; k < linesKev.length; k++) {
            maxKev = Math.max(maxKev, linesKev[k]);
            sum += intensity[k];
        }
        double step = 0.01, top = maxKev * 1.1 + 5;
        int fineBins = (int) Math.ceil(top / step);
        double kevBin = 0.2;
        int kevBins = (int) Math.ceil(top / kevBin);
        float[] adu = new float[n * aduBins], kev = new float[n * kevBins], fw = new float[n];
        double total = sum;
        Parallel.forEach(rows, r -> {
            SplittableRandom rnd = new SplittableRandom(seed * 7919 + r);
            double[] fine = new double[fineBins], rec = new double[fineBins];
            for (int c = 0; c < cols; c++) {
                int p = r * cols + c;
                double f = Math.max(0.3, fwhmKev + fwhmSpreadKev * rnd.nextGaussian());
                fw[p] = (float) f;
                if (det.dead()[p]) continue;
                java.util.Arrays.fill(fine, 0);
                for (int k = 0; k < linesKev.length; k++) fine[(int) (linesKev[k] / step)] += photons * intensity[k] / total;
                response.apply(fine, 0, step, f, rec);
                double[] a = new double[aduBins], e = new double[kevBins];
                for (int i = 0; i < fineBins; i++) {
                    if (rec[i] == 0) continue;
                    double en = (i + 0.5) * step;
                    double x = (en - det.interceptKev()[p]) / det.gradientKevPerAdu()[p];
                    int b = (int) Math.floor(x / aduBin);
                    if (b >= 0 && b < aduBins) a[b] += rec[i];
                    e[Math.min(kevBins - 1, (int) (en / kevBin))] += rec[i];
                }
                for (int b = 0; b < aduBins; b++) adu[p * aduBins + b] = XcsSimulator.poisson(rnd, a[b]);
                for (int b = 0; b < kevBins; b++) kev[p * kevBins + b] = (float) e[b];
            }
        }, progress);
        return new Result(new SpectrumCube(rows, cols, aduBins, 0, aduBin, adu), new SpectrumCube(rows, cols, kevBins, 0, kevBin, kev), fw);
    }
}
