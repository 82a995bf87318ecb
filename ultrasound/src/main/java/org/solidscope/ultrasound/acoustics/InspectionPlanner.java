package org.solidscope.ultrasound.acoustics;

/**
 * What a through-transmission scan of a stack can see. The displayed signal through a cell with a
 * gas gap d is S(d) = A_fluid·10^(G/20)·|t_s(d)| (percent FSH), A_fluid the fluid path at 0 dB gain.
 *
 * <ul>
 *   <li>A gap is <em>detectable</em> when it lowers |t| by at least {@code minContrastDb} below the
 *       gap-free solidified stack, and its signal is not saturated;</li>
 *   <li>it is <em>measurable</em> while S(d) ≥ noise·10^(snr/20);</li>
 *   <li>the <em>invertible range</em> is [smallest detectable, largest measurable], restricted to the
 *       branch where |t| falls monotonically with d;</li>
 *   <li>the gain needed for a gap D puts S(D) at noise·10^(snr/20).</li>
 * </ul>
 */
public final class InspectionPlanner {
    private InspectionPlanner() {}

    /** Instrument and criteria of a plan. */
    public record Settings(double gainDb, double noisePercentFsh, double fluidPathPercentFsh, double snrDb, double minContrastDb) {
        public static Settings seedWorkstation(double gainDb) {
            return new Settings(gainDb, 1.5, 30, 12, 2);
        }
    }

    /**
     * @param detectableGapUm  smallest detectable gap (NaN if none within the table)
     * @param measurableGapUm  largest gap whose signal stays measurable at this gain
     * @param invertible       whether [detectable, measurable] is a non-empty range
     * @param gapFreeSignalPercentFsh S(0)
     */
    public record Plan(double frequencyMHz, Settings settings, double gapFreeSignalPercentFsh, double detectableGapUm,
                       double measurableGapUm, boolean invertible, double monotoneUpToUm) {
        /** Invertible lower and upper bounds. */
        public double[] rangeUm() { return new double[] {detectableGapUm, measurableGapUm}; }
    }

    public static Plan plan(GapTable t, double frequencyMHz, Settings s) {
        double k = s.fluidPathPercentFsh() * Math.pow(10, s.gainDb() / 20);
        double floor = s.noisePercentFsh() * Math.pow(10, s.snrDb() / 20);
        double a0 = t.amplitudeWithoutGap();
        double contrast = Math.pow(10, -s.minContrastDb() / 20);
        double[] ld = t.logGaps(), amp = t.amplitudes();
        int mono = monotoneEnd(amp);
        double detect = Double.NaN, measure = Double.NaN;
        for (int i = 0; i <= mono; i++) {
            double sig = k * amp[i];
            if (Double.isNaN(detect) && amp[i] <= contrast * a0 && sig < 100) detect = Math.exp(ld[i]);
            if (sig >= floor) measure = Math.exp(ld[i]);
        }
        boolean ok = !Double.isNaN(detect) && !Double.isNaN(measure) && detect <= measure;
        return new Plan(frequencyMHz, s, k * a0, detect, measure, ok, Math.exp(ld[mono]));
    }

    /** Gain (dB) that brings the signal through a gap of {@code gapUm} to the measurable level. */
    public static double gainNeededDb(GapTable t, double gapUm, Settings s) {
        double a = t.amplitude(gapUm);
        if (a <= 0) return Double.POSITIVE_INFINITY;
        return 20 * Math.log10(s.noisePercentFsh() * Math.pow(10, s.snrDb() / 20) / (s.fluidPathPercentFsh() * a));
    }

    /** Last index of the first monotonically falling run of the table. */
    static int monotoneEnd(double[] amp) {
        int i = 0;
        while (i + 1 < amp.length && amp[i + 1] <= amp[i]) i++;
        return i;
    }
}
