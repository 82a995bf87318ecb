package org.solidscope.echem;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * An operando impedance series with the behaviour seed 004 reports for a solid-polymer Li-metal cell
 * in its first cycle (Gamry, 10⁵–0.1 Hz, 10 mV): a series resistance Rs, a charge-transfer arc Rct
 * and a Warburg tail, {@code R0-p(R1,CPE1)-W1}; Rct falls during charge (3.0 → 4.3 V) and rises during
 * discharge, Rs stays put. Each state is measured {@code repeats} times; from one measurement to the
 * next Rs scatters by 1 % and Rct by 5 % (the seed's uncertainties from more than 20 repeats), on top of
 * instrument noise of {@code noiseRelative}·|Z| on Re and Im. The truth of every spectrum comes with it.
 *
 * <p>The Rct values along the cycle are illustrative (the seed gives the trend and the uncertainties,
 * not the numbers): 620 Ω pristine down to 360 Ω fully charged, back to 600 Ω discharged.
 */
public final class OperandoSimulator {
    private OperandoSimulator() {}

    public static final Circuit CIRCUIT = Circuit.parse("R0-p(R1,CPE1)-W1");
    public static final double RS_OHM = 40, Q = 2e-5, ALPHA = 0.85, WARBURG = 60;
    public static final double RS_SCATTER = 0.01, RCT_SCATTER = 0.05;

    /** States of the first cycle in order, with their mean Rct (Ω). */
    public static final List<String> STATES = List.of("pristine", "charged_25", "charged_50", "charged_75", "charged_100",
            "discharged_75", "discharged_50", "discharged_25", "discharged_0");
    static final double[] RCT_OHM = {620, 540, 470, 410, 360, 400, 460, 530, 600};

    /** One simulated measurement: its state, the repeat number (1-based), the spectrum and the parameters it was made with. */
    public record Measurement(String state, int repeat, ImpedanceSpectrum spectrum, double[] truth) {}

    public static double meanRctOhm(String state) {
        return RCT_OHM[STATES.indexOf(state)];
    }

    public static List<Measurement> simulate(int repeats, double noiseRelative, long seed) {
        Random r = new Random(seed);
        double[] f = SpectrumSimulator.logFrequencies(0.1, 1e5, 10);
        List<Measurement> out = new ArrayList<>();
        for (int s = 0; s < STATES.size(); s++) {
            for (int k = 1; k <= repeats; k++) {
                double[] truth = {RS_OHM * (1 + RS_SCATTER * r.nextGaussian()), RCT_OHM[s] * (1 + RCT_SCATTER * r.nextGaussian()), Q, ALPHA, WARBURG};
                ImpedanceSpectrum sp = SpectrumSimulator.simulate(CIRCUIT, truth, f, noiseRelative, r.nextLong());
                out.add(new Measurement(STATES.get(s), k, new ImpedanceSpectrum(sp.frequencyHz(), sp.zRealOhm(), sp.zImagOhm(),
                        "simulated " + STATES.get(s) + " #" + k, java.util.Map.of("format", "simulated", "state", STATES.get(s))), truth));
            }
        }
        return out;
    }
}
