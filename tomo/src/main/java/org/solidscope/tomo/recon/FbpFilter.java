package org.solidscope.tomo.recon;

import java.util.Locale;

/**
 * The frequency filter of filtered back-projection. The ramp is built as the Fourier transform of
 * the band-limited spatial ramp kernel (h[0] = 1/4, h[k] = −1/(πk)² for odd k, 0 for even k; Kak &
 * Slaney, ch. 3) rather than sampled |f|, so that it keeps the right DC value on a finite,
 * zero-padded detector. Windows: Shepp–Logan multiplies by sinc(f) = sin(πf)/(πf), Hann by
 * (1 + cos 2πf)/2, f in cycles per bin (|f| ≤ ½).
 */
public enum FbpFilter {
    RAMP, SHEPP_LOGAN, HANN;

    public static FbpFilter parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "ramp" -> RAMP;
            case "shepp-logan" -> SHEPP_LOGAN;
            case "hann" -> HANN;
            default -> throw new IllegalArgumentException("filter: expected ramp, shepp-logan or hann, found '" + s + "'");
        };
    }

    public String label() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    /** Real, even frequency response of length {@code size} (a power of two), in FFT order. */
    public double[] response(int size) {
        double[] re = new double[size], im = new double[size];
        re[0] = 0.25;
        for (int k = 1; k <= size / 2; k += 2) {
            double v = -1.0 / (Math.PI * k * Math.PI * k);
            re[k] = v;
            re[size - k] = v;
        }
        org.solidscope.core.Fft.transform(re, im, false);
        double[] h = new double[size];
        for (int i = 0; i < size; i++) {
            double f = (i <= size / 2 ? i : i - size) / (double) size;
            double w = switch (this) {
                case RAMP -> 1;
                case SHEPP_LOGAN -> f == 0 ? 1 : Math.sin(Math.PI * f) / (Math.PI * f);
                case HANN -> 0.5 * (1 + Math.cos(2 * Math.PI * f));
            };
            h[i] = 2 * re[i] * w;
        }
        return h;
    }
}
