package org.solidscope.echem;

import java.util.Map;
import org.solidscope.core.InputException;

/**
 * An impedance spectrum: Z = Z′ + jZ″ at each frequency, Z″ &lt; 0 for a capacitive response,
 * whatever the instrument's own sign convention was.
 *
 * @param metadata what the file says about the measurement ({@code format}, {@code date}, {@code area_cm2},
 *                 {@code amplitude_mv}, …), as text; empty when it says nothing
 */
public record ImpedanceSpectrum(double[] frequencyHz, double[] zRealOhm, double[] zImagOhm, String source, Map<String, String> metadata) {
    public ImpedanceSpectrum {
        int n = frequencyHz.length;
        if (zRealOhm.length != n || zImagOhm.length != n) throw new IllegalArgumentException("arrays of one length");
        if (n < 3) throw new InputException(source, "points", "a spectrum of at least 3 frequencies", String.valueOf(n));
        for (int i = 0; i < n; i++) {
            if (!(frequencyHz[i] > 0) || !Double.isFinite(frequencyHz[i])) {
                throw new InputException(source, "frequency (point " + (i + 1) + ")", "a finite frequency > 0 Hz", String.valueOf(frequencyHz[i]));
            }
            if (!Double.isFinite(zRealOhm[i]) || !Double.isFinite(zImagOhm[i])) {
                throw new InputException(source, "impedance (point " + (i + 1) + ")", "finite Z′ and Z″", zRealOhm[i] + ", " + zImagOhm[i]);
            }
            double z = Math.hypot(zRealOhm[i], zImagOhm[i]);
            if (!(z >= MIN_OHM && z <= MAX_OHM)) { // outside, squares and weights 1/|Z| leave double range: no fit could use them
                throw new InputException(source, "impedance (point " + (i + 1) + ")", "|Z| from " + MIN_OHM + " to " + MAX_OHM + " Ohm", String.valueOf(z));
            }
        }
        if (java.util.Arrays.stream(frequencyHz).distinct().count() < 3) {
            throw new InputException(source, "frequencies", "at least 3 distinct frequencies", java.util.Arrays.stream(frequencyHz).distinct().count() + " distinct");
        }
        metadata = Map.copyOf(metadata);
    }

    /** The range of |Z| a spectrum may hold (1 nΩ to 1 PΩ: past it no instrument measures, and fits overflow). */
    public static final double MIN_OHM = 1e-9, MAX_OHM = 1e15;

    public ImpedanceSpectrum(double[] frequencyHz, double[] zRealOhm, double[] zImagOhm, String source) {
        this(frequencyHz, zRealOhm, zImagOhm, source, Map.of());
    }

    public int size() { return frequencyHz.length; }

    public double minFrequencyHz() { return java.util.Arrays.stream(frequencyHz).min().orElseThrow(); }

    public double maxFrequencyHz() { return java.util.Arrays.stream(frequencyHz).max().orElseThrow(); }

    /** The points with Z″ &lt; 0 only (inductive ones left out, as impedance.py's {@code ignoreBelowX}). */
    public ImpedanceSpectrum capacitiveOnly() {
        int[] keep = java.util.stream.IntStream.range(0, size()).filter(i -> zImagOhm[i] < 0).toArray();
        double[] f = new double[keep.length], re = new double[keep.length], im = new double[keep.length];
        for (int k = 0; k < keep.length; k++) {
            f[k] = frequencyHz[keep[k]];
            re[k] = zRealOhm[keep[k]];
            im[k] = zImagOhm[keep[k]];
        }
        return new ImpedanceSpectrum(f, re, im, source, metadata);
    }

    /** The same points with other metadata. */
    public ImpedanceSpectrum withMetadata(Map<String, String> m) {
        return new ImpedanceSpectrum(frequencyHz, zRealOhm, zImagOhm, source, m);
    }
}
