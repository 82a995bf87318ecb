package org.solidscope.echem;

import java.util.Random;

/**
 * Spectra from a circuit, with instrument-like noise: Gaussian on Re and Im, σ = {@code noiseRelative}·|Z|
 * at each frequency, log-spaced frequencies (high to low, as instruments sweep).
 */
public final class SpectrumSimulator {
    private SpectrumSimulator() {}

    public static double[] logFrequencies(double fromHz, double toHz, int pointsPerDecade) {
        int n = (int) Math.round(Math.log10(toHz / fromHz) * pointsPerDecade) + 1;
        double[] f = new double[n];
        for (int i = 0; i < n; i++) f[i] = toHz * Math.pow(fromHz / toHz, (double) i / (n - 1));
        return f;
    }

    public static ImpedanceSpectrum simulate(Circuit c, double[] parameters, double[] frequencyHz, double noiseRelative, long seed) {
        Random r = new Random(seed);
        int n = frequencyHz.length;
        double[] re = new double[n], im = new double[n];
        c.impedance(parameters, frequencyHz, re, im);
        for (int i = 0; i < n; i++) {
            double s = noiseRelative * Math.hypot(re[i], im[i]);
            re[i] += s * r.nextGaussian();
            im[i] += s * r.nextGaussian();
        }
        return new ImpedanceSpectrum(frequencyHz.clone(), re, im, "simulated " + c);
    }
}
