package org.solidscope.xcs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hipparchus.fitting.GaussianCurveFitter;
import org.hipparchus.fitting.WeightedObservedPoints;
import org.solidscope.core.InputException;
import org.solidscope.core.Parallel;
import org.solidscope.core.Progress;
import org.solidscope.io.xcs.SpectrumCube;

/**
 * Per-pixel energy calibration from an acquisition of known lines: each pixel's spectrum in ADU (offset removed), its
 * peaks found and fitted, and E = ADU·gradient + intercept fitted through them with uncertainties.
 *
 * <p>How, per pixel: the source's first line is its strongest (Am-241 59.54 keV, Co-57 122.06 keV); it is the
 * highest-ADU local maximum of the lightly smoothed spectrum that reaches a fifth of the spectrum's maximum. The
 * gradient that puts it there (intercept 0) predicts the other lines; each is looked for within ±6 % of its prediction,
 * its centroid fitted by a Gaussian over ±1.2 FWHM (Hipparchus {@link GaussianCurveFitter}; the window keeps the
 * low-energy tail out), with σ(centroid) = σ/√counts. A weighted straight line through the centroids gives gradient and
 * intercept and their covariance; with one line the intercept is 0. FWHM is that of the first line, in keV. A pixel
 * whose first line has fewer than {@code minPeakCounts} counts is flagged, not guessed; all flagged is an error.
 */
public final class EnergyCalibration {
    /** Lines of common calibration sources, keV, strongest first. */
    public static final Map<String, double[]> SOURCES = new LinkedHashMap<>();

    static {
        SOURCES.put("am241", new double[] {59.54, 26.34, 17.75, 13.94});
        SOURCES.put("co57", new double[] {122.06, 136.47});
        SOURCES.put("cd109", new double[] {88.03, 22.16});
        SOURCES.put("ba133", new double[] {81.00, 30.97});
    }

    /** The lines of a source by name, or energies given as numbers ("59.54,26.34"). */
    public static double[] lines(String spec) {
        double[] named = SOURCES.get(spec.toLowerCase(Locale.ROOT).replace("-", ""));
        if (named != null) return named.clone();
        try {
            double[] v = Arrays.stream(spec.split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
            for (double d : v) if (!(d > 0)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new InputException("--source", "source", "one of " + SOURCES.keySet() + " or line energies in keV (59.54,26.34)", "'" + spec + "'");
        }
    }

    public record Result(int rows, int cols, float[] gradientKevPerAdu, float[] interceptKev, float[] gradientSigma, float[] interceptSigma, float[] fwhmKev,
                         int[] linesFound, boolean[] flagged, int flaggedCount, double[] linesKev, double elapsedMs) {
        /** Mean and standard deviation of the FWHM over unflagged pixels. */
        public double[] fwhmMeanSd() {
            double s = 0, s2 = 0;
            int n = 0;
            for (int p = 0; p < fwhmKev.length; p++) {
                if (flagged[p]) continue;
                s += fwhmKev[p];
                s2 += (double) fwhmKev[p] * fwhmKev[p];
                n++;
            }
            double m = s / n;
            return new double[] {m, Math.sqrt(Math.max(0, s2 / n - m * m))};
        }
    }

    private EnergyCalibration() {}

    public static Result fit(String source, SpectrumCube adu, double[] linesKev, double minPeakCounts, Progress progress) {
        long t0 = System.nanoTime();
        int n = adu.pixels();
        float[] g = new float[n], ic = new float[n], gs = new float[n], is = new float[n], fw = new float[n];
        int[] found = new int[n];
        boolean[] flagged = new boolean[n];
        Parallel.forEach(adu.rows(), r -> {
            for (int c = 0; c < adu.cols(); c++) {
                int p = r * adu.cols() + c;
                double[] fit = pixel(adu.pixel(r, c), adu.startKev(), adu.binKev(), linesKev, minPeakCounts);
                if (fit == null) {
                    flagged[p] = true;
                    g[p] = ic[p] = gs[p] = is[p] = fw[p] = Float.NaN;
                    continue;
                }
                g[p] = (float) fit[0];
                ic[p] = (float) fit[1];
                gs[p] = (float) fit[2];
                is[p] = (float) fit[3];
                fw[p] = (float) fit[4];
                found[p] = (int) fit[5];
            }
        }, progress);
        int bad = 0;
        for (boolean f : flagged) if (f) bad++;
        if (bad == n) throw new InputException(source, "peaks", String.format(Locale.ROOT, "the %.2f keV line with ≥ %.0f counts in some pixel", linesKev[0], minPeakCounts), "no peak in any of " + n + " pixels");
        return new Result(adu.rows(), adu.cols(), g, ic, gs, is, fw, found, flagged, bad, linesKev.clone(), (System.nanoTime() - t0) / 1e6);
    }

    /** [gradient, intercept, σ gradient, σ intercept, FWHM keV, lines found] of one spectrum, or null. */
    static double[] pixel(double[] h, double start, double width, double[] lines, double minPeakCounts) {
        int n = h.length;
        double[] sm = new double[n];
        for (int b = 0; b < n; b++) sm[b] = (h[Math.max(0, b - 1)] + h[b] + h[Math.min(n - 1, b + 1)]) / 3;
        double max = 0;
        for (double v : sm) max = Math.max(max, v);
        if (max <= 0) return null;
        int anchor = -1;
        for (int b = n - 2; b >= 1; b--) if (sm[b] >= 0.2 * max && sm[b] >= sm[b - 1] && sm[b] >= sm[b + 1]) { anchor = b; break; }
        if (anchor < 0) return null;
        double aduAnchor = start + (anchor + 0.5) * width;
        if (!(aduAnchor > 0)) return null;
        double g0 = lines[0] / aduAnchor;
        List<double[]> pts = new ArrayList<>(); // adu, σ adu, keV, σ peak adu
        for (int k = 0; k < lines.length; k++) {
            double predicted = lines[k] / g0;
            int lo = (int) Math.floor((predicted * 0.94 - start) / width), hi = (int) Math.ceil((predicted * 1.06 - start) / width);
            lo = Math.max(1, lo);
            hi = Math.min(n - 2, hi);
            if (hi <= lo) continue;
            int peak = lo;
            for (int b = lo; b <= hi; b++) if (sm[b] > sm[peak]) peak = b;
            double half = sm[peak] / 2;
            int l = peak, rr = peak;
            while (l > 0 && sm[l] > half) l--;
            while (rr < n - 1 && sm[rr] > half) rr++;
            double fwhmBins = Math.max(2, rr - l);
            int a = (int) Math.max(0, peak - 1.2 * fwhmBins), z = (int) Math.min(n - 1, peak + 1.2 * fwhmBins);
            WeightedObservedPoints obs = new WeightedObservedPoints();
            double counts = 0;
            for (int b = a; b <= z; b++) {
                obs.add(1.0 / Math.max(1, h[b]), start + (b + 0.5) * width, h[b]);
                counts += h[b];
            }
            if (k == 0 && counts < minPeakCounts) return null;
            if (counts < Math.max(20, minPeakCounts / 10)) continue;
            double[] gp;
            try {
                double sigma0 = fwhmBins * width / 2.3548;
                gp = GaussianCurveFitter.create().withStartPoint(new double[] {h[peak], start + (peak + 0.5) * width, sigma0}).withMaxIterations(200).fit(obs.toList());
            } catch (RuntimeException e) {
                if (k == 0) return null;
                continue;
            }
            double mean = gp[1], sig = Math.abs(gp[2]);
            if (!(mean > start + a * width && mean < start + (z + 1) * width) || !(sig > 0)) {
                if (k == 0) return null;
                continue;
            }
            double area = gp[0] * sig * Math.sqrt(2 * Math.PI) / width;
            pts.add(new double[] {mean, sig / Math.sqrt(Math.max(1, area)), lines[k], sig});
        }
        if (pts.isEmpty() || pts.get(0)[2] != lines[0]) return null;
        double fwhmAdu = 2.354820045 * pts.get(0)[3];
        if (pts.size() == 1) {
            double[] q = pts.get(0);
            double gr = q[2] / q[0];
            return new double[] {gr, 0, gr * q[1] / q[0], 0, fwhmAdu * gr, 1};
        }
        // E = x·g + i with x uncertain: weights 1/(g0·σx)², two passes with the fitted g
        double gr = g0, in = 0, vg = 0, vi = 0;
        for (int pass = 0; pass < 2; pass++) {
            double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
            for (double[] q : pts) {
                double w = 1 / Math.pow(gr * q[1], 2);
                sw += w;
                sx += w * q[0];
                sy += w * q[2];
                sxx += w * q[0] * q[0];
                sxy += w * q[0] * q[2];
            }
            double det = sw * sxx - sx * sx;
            gr = (sw * sxy - sx * sy) / det;
            in = (sxx * sy - sx * sxy) / det;
            vg = sw / det;
            vi = sxx / det;
        }
        return new double[] {gr, in, Math.sqrt(vg), Math.sqrt(vi), fwhmAdu * gr, pts.size()};
    }
}
