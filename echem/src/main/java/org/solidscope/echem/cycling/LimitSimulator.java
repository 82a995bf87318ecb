package org.solidscope.echem.cycling;

import java.util.Random;

/**
 * Runs with a known answer for the solid-state limits: a stepped-current symmetric Li|SE|Li cell that shorts at a
 * set current density, and a voltammogram with a set oxidation onset. Both are written as CSV with
 * {@code Test_Time(s)}, {@code Voltage(V)}, {@code Current(A)}.
 */
public final class LimitSimulator {
    private LimitSimulator() {}

    /**
     * Plating then stripping half-steps of {@code halfStepS} at current densities start, start + step, …; |V| = j·ASR +
     * (2RT/F)·asinh(j/(2 j0)) with j0 = 0.5 mA/cm², noise 0.2 mV; at {@code shortMaCm2}, {@code shortFraction} into its
     * plating half-step, the cell shorts (|V| = j × 1 Ω·cm² from then on). Returns the CSV and the short's true time.
     * A soft short ({@link #softCcd}) instead leaves |V| where it was but makes it jump: each row keeps a random 40–100 % of it.
     */
    public record Ccd(String csv, double shortTimeS, int shortHalfStep) {}

    public static Ccd ccd(double areaCm2, double startMaCm2, double stepMaCm2, double shortMaCm2, double asrOhmCm2, double halfStepS,
                          double sampleS, double shortFraction, long seed) {
        return run(areaCm2, startMaCm2, stepMaCm2, shortMaCm2, asrOhmCm2, halfStepS, sampleS, shortFraction, seed, false);
    }

    /** As {@link #ccd}, the short a soft one: noise sets in, the voltage does not collapse. */
    public static Ccd softCcd(double areaCm2, double startMaCm2, double stepMaCm2, double shortMaCm2, double asrOhmCm2, double halfStepS,
                              double sampleS, double shortFraction, long seed) {
        return run(areaCm2, startMaCm2, stepMaCm2, shortMaCm2, asrOhmCm2, halfStepS, sampleS, shortFraction, seed, true);
    }

    private static Ccd run(double areaCm2, double startMaCm2, double stepMaCm2, double shortMaCm2, double asrOhmCm2, double halfStepS,
                           double sampleS, double shortFraction, long seed, boolean soft) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("Test_Time(s),Voltage(V),Current(A)\n");
        double t = 0, shortT = Double.NaN;
        int half = 0, shortHalf = 0;
        boolean shorted = false;
        b.append("0,0,0\n");
        for (int s = 0; s < 400 && (!shorted || half % 2 == 1); s++) {
            double j = startMaCm2 + s / 2 * stepMaCm2;
            int sign = s % 2 == 0 ? -1 : 1; // plating first
            half++;
            int n = (int) Math.round(halfStepS / sampleS);
            boolean shortsHere = !shorted && sign < 0 && j >= shortMaCm2 - 1e-12;
            for (int q = 1; q <= n; q++) {
                t += sampleS;
                if (shortsHere && !shorted && q >= shortFraction * n) { shorted = true; shortT = t; shortHalf = half; }
                double intact = j * asrOhmCm2 * 1e-3 + 2 * 0.025693 * asinh(j / (2 * 0.5));
                double mag = !shorted ? intact : soft ? intact * (0.4 + 0.6 * r.nextDouble()) : j * 1e-3;
                double v = sign * mag + 2e-4 * r.nextGaussian();
                b.append(fmt(t)).append(',').append(fmt(v)).append(',').append(fmt(sign * j * 1e-3 * areaCm2)).append('\n');
            }
            if (shorted && sign > 0) break;
        }
        return new Ccd(b.toString(), shortT, shortHalf);
    }

    /**
     * Seed 004's stability window: its SPE carries 0.33 µA/cm² at 4.4 V, so with the simulated oxidation's 50 mV per
     * e-fold it reaches 1 µA/cm² at 4.4 + 0.05·ln(1/0.33) V.
     */
    public static final double SEED004_ONSET_V = 4.4 + 0.05 * Math.log(1 / 0.33);

    /**
     * A cyclic voltammogram from {@code fromV} to {@code toV} and back at {@code rateMvS}: a capacitive current
     * density of 0.02 µA/cm² (sign of the sweep) plus oxidation {@code thresholdUaCm2·exp((V − onsetV)/0.05 V)}, so that
     * the faradaic current reaches the threshold at {@code onsetV}; noise 0.002 µA/cm².
     */
    public static String voltammogram(double areaCm2, double fromV, double toV, double rateMvS, double onsetV, double thresholdUaCm2, long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("Test_Time(s),Voltage(V),Current(A)\n");
        double dv = 0.001, t = 0;
        int n = (int) Math.round((toV - fromV) / dv);
        for (int pass = 0; pass < 2; pass++) {
            for (int k = 0; k <= n; k++) {
                double v = pass == 0 ? fromV + k * dv : toV - k * dv;
                double j = (pass == 0 ? 0.02 : -0.02) + thresholdUaCm2 * Math.exp((v - onsetV) / 0.05) + 0.002 * r.nextGaussian(); // µA/cm²
                b.append(fmt(t)).append(',').append(fmt(v)).append(',').append(String.format(java.util.Locale.ROOT, "%.6e", j * 1e-6 * areaCm2)).append('\n');
                t += dv * 1000 / rateMvS;
            }
        }
        return b.toString();
    }

    private static double asinh(double x) { return Math.log(x + Math.sqrt(x * x + 1)); }

    private static String fmt(double v) { return String.format(java.util.Locale.ROOT, "%.6f", v); }
}
