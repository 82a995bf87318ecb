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
 * CCD = the current density of that half-step.
 */
public final class CriticalCurrentDensity {
    private CriticalCurrentDensity() {}

    /** One half-step: its index (1-based), current density (mA/cm², signed), median |V| (mV), start time. */
    public record HalfStep(int index, double currentDensityMaCm2, double overpotentialMv, double startS) {}

    /**
     * @param shorted        false when no collapse was found (then the fields of the short are NaN / 0)
     * @param ccdMaCm2       the current density of the half-step that shorted
     * @param asymmetryMv    mean overpotential of plating (I &lt; 0) minus stripping (I &gt; 0) half-steps before the short
     */
    public record Result(boolean shorted, double ccdMaCm2, int shortHalfStep, double shortTimeS, double asrOhmCm2, double asymmetryMv,
                         List<HalfStep> halfSteps) {}

    public static Result find(CyclerFiles.Run run, double areaCm2, double restCurrentA, double collapseFraction) {
        if (!(areaCm2 > 0)) throw new InputException("--area-cm2", "area", "an electrode area > 0 cm²", String.valueOf(areaCm2));
        double[] t = run.timeS(), v = run.voltageV(), i = run.currentA();
        int n = t.length;
        List<HalfStep> steps = new ArrayList<>();
        double asrSum = 0;
        int asrCount = 0;
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
            if (asrCount > 0) {
                double predicted = asr * j;
                for (int q = start; q < end; q++) {
                    if (Math.abs(v[q]) < collapseFraction * predicted && median(Arrays.copyOfRange(absV, q - start, end - start)) < 0.5 * predicted) {
                        double asym = asymmetry(steps); // the half-steps that completed before the short
                        steps.add(new HalfStep(steps.size() + 1, sign * j, 1000 * median(Arrays.copyOfRange(absV, 0, q - start + 1)), t[start]));
                        return new Result(true, j, steps.size(), t[q], asr * 1000, asym, List.copyOf(steps));
                    }
                }
            }
            double eta = median(absV);
            steps.add(new HalfStep(steps.size() + 1, sign * j, 1000 * eta, t[start]));
            asrSum += eta / j;
            asrCount++;
        }
        if (steps.isEmpty()) throw new InputException(run.vendor(), "current", "half-steps with current above the rest threshold", "none");
        return new Result(false, Double.NaN, 0, Double.NaN, asrSum / asrCount * 1000, asymmetry(steps), List.copyOf(steps));
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
