package org.solidscope.ultrasound.sim;

/**
 * Transmission of the cell = matrix amplitude × the amplitude transmission of a gas layer of
 * thickness d between two identical media (normal incidence, lossless):
 * {@code T = 1 / (1 + ¼·(Z1/Z2 − Z2/Z1)²·sin²(k2·d))}, amplitude = √T, k2 = 2πf/c_gas.
 * Defaults: Z1 = 1.5 MRayl (liquid/polymer-filled stack), gas = air (413 Rayl, 343 m/s), f = 1 MHz.
 * Valid for d well below half the gas wavelength (171 µm at 1 MHz); thicker gas (a bubble), whose
 * curved walls scatter the beam away, is taken as opaque from {@code opaqueGapUm} (20 µm) on.
 */
public record ThinGasGapModel(double frequencyMHz, double mediumMRayl, double gasRayl, double gasSpeedMs, double opaqueGapUm)
        implements TransmissionModel {

    public static ThinGasGapModel standard() {
        return new ThinGasGapModel(1.0, 1.5, 413, 343, 20);
    }

    /** Intensity transmission of the gap. */
    public double intensityTransmission(double gapUm) {
        if (gapUm <= 0) return 1;
        if (gapUm >= opaqueGapUm) return 0;
        double ratio = mediumMRayl * 1e6 / gasRayl;
        double m = 0.25 * Math.pow(ratio - 1 / ratio, 2);
        double k = 2 * Math.PI * frequencyMHz * 1e6 / gasSpeedMs;
        double s = Math.sin(k * gapUm * 1e-6);
        return 1 / (1 + m * s * s);
    }

    @Override
    public double cellAmplitude(double matrixAmplitude, double gapUm) {
        return matrixAmplitude * Math.sqrt(intensityTransmission(gapUm));
    }

    @Override
    public String describe() {
        return "thin gas gap between " + mediumMRayl + " MRayl media at " + frequencyMHz + " MHz; opaque from " + opaqueGapUm + " µm";
    }
}
