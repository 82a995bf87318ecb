package org.solidscope.tomo.recon;

import java.util.Arrays;

/**
 * One slice's parallel-beam projections: {@code values[a·detectors + k]} is the line integral at
 * angle {@code anglesRad[a]} and detector bin k. Detector coordinate of bin k is {@code k − centre}
 * (pixels), where {@code centre} is the bin the rotation axis projects onto.
 */
public record Sinogram(int angles, int detectors, double[] anglesRad, float[] values) {
    public Sinogram {
        if (angles < 1 || detectors < 2) throw new IllegalArgumentException("a sinogram needs at least 1 angle and 2 detector bins");
        if (anglesRad.length != angles) throw new IllegalArgumentException("expected " + angles + " angles, got " + anglesRad.length);
        if (values.length != angles * detectors) throw new IllegalArgumentException("expected " + angles * detectors + " values, got " + values.length);
    }

    /** {@code n} angles evenly spaced over [0, range) degrees (range 180 for a half turn). */
    public static double[] evenAngles(int n, double rangeDeg) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = Math.toRadians(rangeDeg * i / n);
        return a;
    }

    public float get(int angle, int bin) { return values[angle * detectors + bin]; }

    public float[] row(int angle) { return Arrays.copyOfRange(values, angle * detectors, (angle + 1) * detectors); }

    public Sinogram withValues(float[] v) { return new Sinogram(angles, detectors, anglesRad, v); }
}
