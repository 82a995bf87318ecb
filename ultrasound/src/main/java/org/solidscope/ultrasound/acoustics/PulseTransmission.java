package org.solidscope.ultrasound.acoustics;

import org.solidscope.core.Fft;

/**
 * The pulse a stack transmits: the spectrum of an input pulse times the stack's transfer function
 * t(f), back to time. Input: a Gaussian tone burst at {@code centreMHz} with envelope σ =
 * {@code sigmaUs}. Negative frequencies take the conjugate, so the output is real.
 */
public final class PulseTransmission {
    private PulseTransmission() {}

    /** Input and transmitted waveforms (same time axis, µs) and the ratio of their peak |a|. */
    public record Result(double[] timeUs, double[] input, double[] output, double peakRatio) {}

    public static Result transmit(LayerStack stack, CellState state, double centreMHz, double sigmaUs, double sampleRateMHz, int samples) {
        int n = Fft.nextPowerOfTwo(samples);
        double[] t = new double[n], in = new double[n], re = new double[n], im = new double[n];
        double t0 = n / sampleRateMHz / 4; // the burst sits a quarter into the window: room for the delayed output
        for (int i = 0; i < n; i++) {
            t[i] = i / sampleRateMHz;
            double x = t[i] - t0;
            in[i] = Math.exp(-0.5 * x * x / (sigmaUs * sigmaUs)) * Math.cos(2 * Math.PI * centreMHz * x);
            re[i] = in[i];
        }
        Fft.transform(re, im, false);
        for (int k = 0; k <= n / 2; k++) {
            double f = k * sampleRateMHz / n;
            double hr, hi;
            if (f <= 0) { hr = 1; hi = 0; } // DC: a static pressure passes; no energy there for a burst anyway
            else {
                StackResponse r = TransferMatrix.evaluate(stack, state, f);
                hr = r.tRe();
                hi = r.tIm();
            }
            double a = re[k] * hr - im[k] * hi, b = re[k] * hi + im[k] * hr;
            re[k] = a; im[k] = b;
            if (k > 0 && k < n / 2) { re[n - k] = a; im[n - k] = -b; }
        }
        Fft.transform(re, im, true);
        double pin = 0, pout = 0;
        for (int i = 0; i < n; i++) { pin = Math.max(pin, Math.abs(in[i])); pout = Math.max(pout, Math.abs(re[i])); }
        return new Result(t, in, re, pout / pin);
    }
}
