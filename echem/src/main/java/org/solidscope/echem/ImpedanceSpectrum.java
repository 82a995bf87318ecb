package org.solidscope.echem;

import org.solidscope.core.InputException;

/**
 * An impedance spectrum: Z = Z′ + jZ″ at each frequency, Z″ &lt; 0 for a capacitive response,
 * whatever the instrument's own sign convention was.
 */
public record ImpedanceSpectrum(double[] frequencyHz, double[] zRealOhm, double[] zImagOhm, String source) {
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
        }
    }

    public int size() { return frequencyHz.length; }
}
