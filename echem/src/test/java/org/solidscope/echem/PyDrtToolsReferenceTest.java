package org.solidscope.echem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code eis drt --settings pydrttools} against pyDRTtools' own DRT of its published spectra ({@code shared/realdata/pyDRTtools}):
 * its results are the coefficients xₖ of 81 Gaussians centred on τₖ = 10⁻⁶ … 10² s (10 a decade, in that order), so
 * γ(τ) = Σ xₖ exp(−(ε ln(τ/τₖ))²), ε = 0.5 · 2√ln2 / Δ, Δ = ln 10 / 10. The main peaks (local maxima above 20 % of the
 * largest) must sit at the same τ within 5 % with γ within 10 %, no other peak may rise above 20 %, and the polarisation
 * (∫γ d ln τ) must agree within 2 %.
 */
class PyDrtToolsReferenceTest {
    private static final double DELTA = Math.log(10) / 10, EPS = 0.5 * 2 * Math.sqrt(Math.log(2)) / DELTA;

    @ParameterizedTest
    @CsvSource({"1ZARC.csv, 1ZARC_DRT-RR.csv", "2ZARC0.csv, 2ZARC_DRT-RR_0.csv", "2ZARC1.csv, 2ZARC_DRT-RR_1.csv", "2ZARC2.csv, 2ZARC_DRT-RR_2.csv"})
    void mainPeaksAndPolarisationAsPyDrtTools(String data, String result) throws IOException {
        Path spectrum = RealData.file("pyDRTtools/data/" + data);
        List<String> lines = Files.readAllLines(RealData.file("pyDRTtools/results/" + result));
        double[] x = lines.subList(1, lines.size()).stream().mapToDouble(Double::parseDouble).toArray(); // the first line is a header
        assertEquals(81, x.length);
        RelaxationTimes.Result r = RelaxationTimes.compute(InstrumentFiles.read(spectrum), RelaxationTimes.Settings.pyDrtTools());
        double[] tau = r.tauS(), ours = r.gammaOhm(), ref = new double[tau.length];
        for (int c = 0; c < tau.length; c++) {
            for (int k = 0; k < x.length; k++) ref[c] += x[k] * Math.exp(-Math.pow(EPS * (Math.log(tau[c]) - (Math.log(1e-6) + k * DELTA)), 2));
        }
        double polarisation = 0;
        for (double v : x) polarisation += v * Math.sqrt(Math.PI) / EPS;
        assertEquals(polarisation, r.polarisationOhm(), 0.02 * polarisation, data + ": polarisation");
        List<Integer> refPeaks = mainPeaks(ref), ourPeaks = mainPeaks(ours);
        assertEquals(refPeaks.size(), ourPeaks.size(), data + ": main peaks at τ " + taus(tau, refPeaks) + " (pyDRTtools), " + taus(tau, ourPeaks));
        for (int k = 0; k < refPeaks.size(); k++) {
            int a = refPeaks.get(k), b = ourPeaks.get(k);
            assertEquals(1, tau[b] / tau[a], 0.05, data + ": peak τ " + tau[a] + " against " + tau[b]);
            assertEquals(ref[a], ours[b], 0.10 * ref[a], data + ": peak γ at τ " + tau[a]);
        }
        assertTrue(r.inductanceH() >= 0 && r.rInfOhm() > 0, data + ": R∞ and L fitted");
    }

    /** Local maxima above 20 % of the largest value, in τ order. */
    private static List<Integer> mainPeaks(double[] g) {
        double max = 0;
        for (double v : g) max = Math.max(max, v);
        List<Integer> out = new ArrayList<>();
        for (int c = 1; c < g.length - 1; c++) if (g[c] > g[c - 1] && g[c] >= g[c + 1] && g[c] > 0.2 * max) out.add(c);
        return out;
    }

    private static String taus(double[] tau, List<Integer> at) {
        return at.stream().map(c -> String.format("%.3g", tau[c])).toList().toString();
    }
}
