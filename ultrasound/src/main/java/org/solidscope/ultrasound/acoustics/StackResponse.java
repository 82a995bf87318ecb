package org.solidscope.ultrasound.acoustics;

/**
 * Response of a stack at one frequency: complex pressure-amplitude transmission t and reflection r
 * (transmitted or reflected pressure over incident pressure), and the intensity (energy-flux)
 * coefficients T = |t|²·Z_in/Z_out and R = |r|². Without loss, R + T = 1.
 */
public record StackResponse(double frequencyMHz, double tRe, double tIm, double rRe, double rIm, double intensityT, double intensityR) {
    /** |t|: pressure-amplitude transmission. */
    public double amplitudeT() { return Math.hypot(tRe, tIm); }

    public double amplitudeR() { return Math.hypot(rRe, rIm); }

    /** 20·log10 |t|. */
    public double transmissionDb() { return 20 * Math.log10(amplitudeT()); }
}
