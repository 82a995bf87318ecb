package org.solidscope.ultrasound.acoustics;

/**
 * |t(d)| of a stack state over gas-gap thicknesses d, tabulated on a logarithmic grid from
 * {@link #MIN_GAP_UM} to {@code maxGapUm} so that maps of millions of points cost one interpolation
 * each. Below the grid |t| is taken as |t(0)| interpolated linearly in d; beyond {@code maxGapUm} the
 * gap is opaque (0): thicker gas is a bubble whose curved walls scatter the beam away, not a planar layer.
 */
public final class GapTable {
    public static final double MIN_GAP_UM = 1e-4;
    static final int POINTS = 600;

    private final double[] logD = new double[POINTS], amp = new double[POINTS];
    private final double amp0, maxGapUm;

    public GapTable(TransferMatrix.Compiled stack, double maxGapUm) {
        this.maxGapUm = maxGapUm;
        this.amp0 = stack.withGap(0).amplitudeT();
        double l0 = Math.log(MIN_GAP_UM), l1 = Math.log(maxGapUm);
        for (int i = 0; i < POINTS; i++) {
            logD[i] = l0 + (l1 - l0) * i / (POINTS - 1);
            amp[i] = stack.withGap(Math.exp(logD[i])).amplitudeT();
        }
    }

    /** |t| with no gap. */
    public double amplitudeWithoutGap() { return amp0; }

    public double maxGapUm() { return maxGapUm; }

    /** |t(d)|, interpolated in log d. */
    public double amplitude(double gapUm) {
        if (gapUm <= 0) return amp0;
        if (gapUm >= maxGapUm) return 0;
        double l = Math.log(gapUm);
        if (l <= logD[0]) return amp0 + (amp[0] - amp0) * gapUm / MIN_GAP_UM;
        double pos = (l - logD[0]) / (logD[1] - logD[0]);
        int i = Math.min((int) pos, POINTS - 2);
        double f = pos - i;
        return amp[i] + (amp[i + 1] - amp[i]) * f;
    }

    double[] logGaps() { return logD; }

    double[] amplitudes() { return amp; }
}
