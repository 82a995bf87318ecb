package org.solidscope.echem.cycling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.solidscope.core.InputException;

/**
 * The critical current density of a symmetric Li|SE|Li cell from a stepped-current run (plating and stripping
 * half-steps of rising current density): the cell shorts when a lithium filament bridges the electrolyte, and its
 * voltage collapses. A half-step is a run of rows with one sign of current; its overpotential is the median |V|.
 * The short is the first row whose |V| falls below {@code collapseFraction} of the |V| the cell's area-specific
 * resistance so far predicts at that current (the median |V|/j of the earlier half-steps times j) and whose
 * half-step stays, from there on, below half of that prediction: a collapse that lasts, not a spike.
 * A soft short shows instead as noise: the voltage starts to jump between samples while the current is steady. Its
 * onset is the first jump of the first window of {@link #NOISE_WINDOW} rows whose median |ΔV| between consecutive samples
 * exceeds {@link #NOISE_FACTOR} times the cell's own (the median |ΔV| of the first two half-steps), the median over the
 * rest of the half-step staying above half of that: noise that lasts. Whichever comes first is the short;
 * CCD = the current density of that half-step.
 */
public final class CriticalCurrentDensity {
    private CriticalCurrentDensity() {}

    /** Rows over which the noise is judged, and how many times the cell's own noise a soft short makes. */
    public static final int NOISE_WINDOW = 10;
    public static final double NOISE_FACTOR = 8;

    /** How the short showed: the voltage collapsed, or noise set in (a soft short). */
    public enum Sign { COLLAPSE, NOISE }

    /** One half-step: its index (1-based), current density (mA/cm², signed), median |V| (mV), start time. */
    public record HalfStep(int index, double currentDensityMaCm2, double overpotentialMv, double startS) {}

    /**
     * @param shorted        false when no collapse was found (then the fields of the short are NaN / 0)
     * @param ccdMaCm2       the current density of the half-step that shorted
     * @param asymmetryMv    mean overpotential of plating (I &lt; 0) minus stripping (I &gt; 0) half-steps before the short
     */
    public record Result(boolean shorted, double ccdMaCm2, int shortHalfStep, double shortTimeS, double asrOhmCm2, double asymmetryMv,
                         List<HalfStep> halfSteps, Sign sign) {}

    public static Result find(CyclerFiles.Run run, double areaCm2, double restCurrentA, double collapseFraction) {
        if (!(areaCm2 > 0)) throw new InputException("--area-cm2", "area", "an electrode area > 0 cm²", String.valueOf(areaCm2));
        double[] t = run.timeS(), v = run.voltageV(), i = run.currentA();
        int n = t.length;
        List<HalfStep> steps = new ArrayList<>();
        double asrSum = 0, ownNoise = Double.NaN;
        int asrCount = 0;
        List<Double> firstDiffs = new ArrayList<>();
        int k = 0;
        while (k < n) {
            while (k < n && Math.abs(i[k]) <= restCurrentA) k++;
            if (k >= n) break;
            int sign = i[k] > 0 ? 1 : -1, start = k;
            while (k < n && Math.abs(i[k]) > restCurrentA && (i[k] > 0 ? 1 : -1) == sign) k++;
            int end = k; // [start, end)
            double[] absI = new double[end - start], absV = new double[end - start];
            for (int q = start; q < end; q++) { absI[q - start] = Math.abs(i[q]); absV[q - start] = Math.abs(v[q]); }
            double j = median(absI) * 1000 / areaCm2; // mA/cm²
            double asr = asrCount == 0 ? Double.NaN : asrSum / asrCount; // V per (mA/cm²)
            double[] dv = new double[Math.max(0, end - start - 1)];
            for (int q = start + 1; q < end; q++) dv[q - start - 1] = Math.abs(v[q] - v[q - 1]);
            if (steps.size() < 2) for (double d : dv) firstDiffs.add(d);
            else if (Double.isNaN(ownNoise) && !firstDiffs.isEmpty()) ownNoise = median(firstDiffs.stream().mapToDouble(Double::doubleValue).toArray());
            int noiseAt = noiseOnset(dv, ownNoise);
            if (asrCount > 0) {
                double predicted = asr * j;
                for (int q = start; q < end; q++) {
                    boolean collapse = Math.abs(v[q]) < collapseFraction * predicted && median(Arrays.copyOfRange(absV, q - start, end - start)) < 0.5 * predicted;
                    boolean noise = noiseAt >= 0 && q == start + 1 + noiseAt;
                    if (collapse || noise) {
                        double asym = asymmetry(steps); // the half-steps that completed before the short
                        steps.add(new HalfStep(steps.size() + 1, sign * j, 1000 * median(Arrays.copyOfRange(absV, 0, q - start + 1)), t[start]));
                        return new Result(true, j, steps.size(), t[q], asr * 1000, asym, List.copyOf(steps), collapse ? Sign.COLLAPSE : Sign.NOISE);
                    }
                }
            }
            double eta = median(absV);
            steps.add(new HalfStep(steps.size() + 1, sign * j, 1000 * eta, t[start]));
            asrSum += eta / j;
            asrCount++;
        }
        if (steps.isEmpty()) throw new InputException(run.vendor(), "current", "half-steps with current above the rest threshold", "none");
        return new Result(false, Double.NaN, 0, Double.NaN, asrSum / asrCount * 1000, asymmetry(steps), List.copyOf(steps), null);
    }

    /** The index into {@code dv} where lasting noise begins, or −1 (also while the cell's own noise is not yet known). */
    static int noiseOnset(double[] dv, double ownNoise) {
        if (!(ownNoise > 0) || dv.length < NOISE_WINDOW) return -1;
        double limit = NOISE_FACTOR * ownNoise;
        for (int q = 0; q + NOISE_WINDOW <= dv.length; q++) {
            if (median(Arrays.copyOfRange(dv, q, q + NOISE_WINDOW)) > limit && median(Arrays.copyOfRange(dv, q, dv.length)) > 0.5 * limit) {
                while (dv[q] <= limit) q++; // the first jump of the noisy window
                return q;
            }
        }
        return -1;
    }

    private static double asymmetry(List<HalfStep> steps) {
        double p = 0, s = 0;
        int np = 0, ns = 0;
        for (HalfStep h : steps) {
            if (h.currentDensityMaCm2() < 0) { p += h.overpotentialMv(); np++; } else { s += h.overpotentialMv(); ns++; }
        }
        return np > 0 && ns > 0 ? p / np - s / ns : Double.NaN;
    }

    static double median(double[] a) {
        double[] c = a.clone();
        Arrays.sort(c);
        int m = c.length / 2;
        return c.length % 2 == 1 ? c[m] : 0.5 * (c[m - 1] + c[m]);
    }
}
