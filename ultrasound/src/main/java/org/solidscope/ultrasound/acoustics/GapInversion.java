package org.solidscope.ultrasound.acoustics;

import java.util.Arrays;

/**
 * Turns relative transmission ρ = a_s/a_i (a later stage over the infiltrated baseline at the same
 * cell point) into an effective gas-gap thickness, using the model ρ(d) = |t_s(d)|/|t_i| on its
 * monotone branch. The measured ρ carries an uncertainty σ_ρ (relative repeatability and noise); the
 * bounds are the gaps at ρ ∓ 2σ_ρ. Points outside what the scan can invert are flagged, never guessed:
 *
 * <table>
 *   <tr><td>{@link #OK}</td><td>inverted, with bounds</td></tr>
 *   <tr><td>{@link #SATURATED}</td><td>the later scan saturated there: no value</td></tr>
 *   <tr><td>{@link #BELOW_NOISE}</td><td>signal under noise + SNR: gap larger than the lower bound only</td></tr>
 *   <tr><td>{@link #NOT_DETECTED}</td><td>ρ within 2σ of the gap-free level: gap below the upper bound only</td></tr>
 *   <tr><td>{@link #NOT_ASSESSED}</td><td>outside the cell, or the baseline does not transmit</td></tr>
 * </table>
 */
public final class GapInversion {
    public static final byte OK = 0, SATURATED = 1, BELOW_NOISE = 2, NOT_DETECTED = 3, NOT_ASSESSED = 4;

    private final double[] rho;   // ρ(d), falling
    private final double[] logD;
    private final double rho0;

    /** @param solidified |t_s(d)| table; @param infiltratedAmplitude |t_i| */
    public GapInversion(GapTable solidified, double infiltratedAmplitude) {
        int end = InspectionPlanner.monotoneEnd(solidified.amplitudes());
        rho = new double[end + 1];
        logD = Arrays.copyOf(solidified.logGaps(), end + 1);
        for (int i = 0; i <= end; i++) rho[i] = solidified.amplitudes()[i] / infiltratedAmplitude;
        rho0 = solidified.amplitudeWithoutGap() / infiltratedAmplitude;
    }

    /** The inversion for a stack at a frequency: solidified |t(d)| over infiltrated |t|, gaps up to 20 µm. */
    public static GapInversion forStack(LayerStack stack, double frequencyMHz) {
        GapTable t = new GapTable(TransferMatrix.compile(stack, CellState.solidified(0), frequencyMHz), 20);
        return new GapInversion(t, TransferMatrix.evaluate(stack, CellState.infiltrated(), frequencyMHz).amplitudeT());
    }

    /** ρ of the gap-free later stage. */
    public double gapFreeRatio() { return rho0; }

    /** Gap (µm) whose model ratio is ρ; 0 at or above the gap-free ratio, the table end below its last ratio. */
    public double gapUm(double ratio) {
        if (ratio >= rho[0]) return ratio >= rho0 ? 0 : Math.exp(logD[0]) * (rho0 - ratio) / (rho0 - rho[0]);
        if (ratio <= rho[rho.length - 1]) return Math.exp(logD[logD.length - 1]);
        int lo = 0, hi = rho.length - 1; // rho[lo] > ratio ≥ rho[hi]
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (rho[mid] > ratio) lo = mid; else hi = mid;
        }
        double f = (Math.log(rho[lo]) - Math.log(ratio)) / (Math.log(rho[lo]) - Math.log(rho[hi]));
        return Math.exp(logD[lo] + f * (logD[hi] - logD[lo]));
    }

    /** Result per point: gap with lower and upper bounds (µm, NaN where not defined) and a flag. */
    public record Point(double gapUm, double lowerUm, double upperUm, byte flag) {}

    /**
     * Inverts one point.
     *
     * @param ratio         measured a_s/a_i (NaN when the later scan has no value there)
     * @param sigmaRatio    one standard uncertainty of the ratio
     * @param measurable    whether a_s is above noise + SNR margin
     */
    public Point invert(double ratio, double sigmaRatio, boolean measurable) {
        if (Double.isNaN(ratio)) return new Point(Double.NaN, Double.NaN, Double.NaN, SATURATED);
        if (!measurable) return new Point(Double.NaN, gapUm(ratio + 2 * sigmaRatio), Double.NaN, BELOW_NOISE);
        if (ratio + 2 * sigmaRatio >= rho0) return new Point(Double.NaN, 0, gapUm(ratio - 2 * sigmaRatio), NOT_DETECTED);
        return new Point(gapUm(ratio), gapUm(ratio + 2 * sigmaRatio), gapUm(ratio - 2 * sigmaRatio), OK);
    }
}
