package org.solidscope.echem.cycling;

import org.solidscope.core.InputException;

/**
 * The electrochemical stability window from a voltammogram (e.g. stainless steel | electrolyte | stainless steel at
 * 0.1 mV/s): on the anodic sweeps (voltage rising), the first voltage at which the current density reaches the
 * onset threshold, interpolated linearly between the two samples that bracket it. The threshold is the user's
 * choice (default 1 µA/cm²: seed 004's electrolyte, 0.33 µA/cm² at 4.4 V, counts as stable to 4.4 V).
 */
public final class StabilityWindow {
    private StabilityWindow() {}

    public static final double DEFAULT_ONSET_UA_CM2 = 1.0;

    /** @param onsetV NaN when the current never reaches the threshold; {@code maxV} the highest voltage swept */
    public record Result(double onsetV, double thresholdUaCm2, double maxV, double currentAtMaxUaCm2) {}

    public static Result find(CyclerFiles.Run run, double areaCm2, double thresholdUaCm2) {
        if (!(areaCm2 > 0)) throw new InputException("--area-cm2", "area", "an electrode area > 0 cm²", String.valueOf(areaCm2));
        if (!(thresholdUaCm2 > 0)) throw new InputException("--onset-ua-cm2", "onset", "a current density > 0 µA/cm²", String.valueOf(thresholdUaCm2));
        double[] v = run.voltageV(), i = run.currentA();
        double maxV = Double.NEGATIVE_INFINITY, atMax = Double.NaN;
        for (int k = 0; k < v.length; k++) if (v[k] > maxV) { maxV = v[k]; atMax = i[k] * 1e6 / areaCm2; }
        for (int k = 1; k < v.length; k++) {
            if (!(v[k] > v[k - 1])) continue; // anodic sweeps only
            double j0 = i[k - 1] * 1e6 / areaCm2, j1 = i[k] * 1e6 / areaCm2;
            if (j0 < thresholdUaCm2 && j1 >= thresholdUaCm2) {
                double f = (thresholdUaCm2 - j0) / (j1 - j0);
                return new Result(v[k - 1] + f * (v[k] - v[k - 1]), thresholdUaCm2, maxV, atMax);
            }
        }
        return new Result(Double.NaN, thresholdUaCm2, maxV, atMax);
    }
}
