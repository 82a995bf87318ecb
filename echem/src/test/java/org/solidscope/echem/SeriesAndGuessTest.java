package org.solidscope.echem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.solidscope.core.Progress;

/** Guesses read off the data, the global start, series with warm starts, σ = L/(RA) and Arrhenius. */
class SeriesAndGuessTest {
    static final double[] F = SpectrumSimulator.logFrequencies(0.01, 1e5, 10);

    @Test
    void guessesFromTheDataLeadEveryCircuitToItsTruth() {
        Object[][] cases = {
                {"R0-p(R1,C1)", new double[] {12, 85, 2e-5}},
                {"R0-p(R1,CPE1)-W1", new double[] {12, 85, 2e-5, 0.86, 30}},
                {"R0-p(R1,C1)-p(R2,C2)", new double[] {5, 40, 1e-6, 120, 1e-3}},
                {"R0-p(R1,CPE1)-p(R2,CPE2)", new double[] {5, 40, 1e-6, 0.9, 120, 1e-3, 0.8}},
                {"L0-R0-p(R1,CPE1)-Wo1", new double[] {2e-6, 12, 85, 2e-5, 0.86, 50, 10}},
        };
        for (Object[] k : cases) {
            Circuit c = Circuit.parse((String) k[0]);
            double[] truth = (double[]) k[1];
            ImpedanceSpectrum s = SpectrumSimulator.simulate(c, truth, F, 0, 1);
            double[] guess = InitialGuess.of(c, s);
            assertEquals(c.parameterCount(), guess.length);
            for (double g : guess) assertTrue(g > 0 && Double.isFinite(g), c + ": " + java.util.Arrays.toString(guess));
            CircuitFit.Result r = CircuitFit.fitGlobal(c, s, guess, CircuitFit.Weighting.MODULUS, Map.of(), 8, 1);
            for (int j = 0; j < truth.length; j++) {
                assertEquals(truth[j], r.values()[j], 1e-4 * truth[j], c + " " + c.parameterNames().get(j) + " from " + java.util.Arrays.toString(guess));
            }
        }
    }

    @Test
    void aGlobalStartRecoversFromAPoorGuess() {
        Circuit c = Circuit.parse("R0-p(R1,C1)-p(R2,C2)");
        double[] truth = {5, 40, 1e-6, 120, 1e-3};
        ImpedanceSpectrum s = SpectrumSimulator.simulate(c, truth, F, 0, 1);
        double[] poor = {50, 1, 1e-2, 1, 1e-8}; // arcs swapped and out of scale
        CircuitFit.Result global = CircuitFit.fitGlobal(c, s, poor, CircuitFit.Weighting.MODULUS, Map.of(), 40, 3);
        assertTrue(global.chi2() < 1e-12, "global χ² " + global.chi2());
        double local = CircuitFit.fit(c, s, poor, CircuitFit.Weighting.MODULUS).chi2();
        assertTrue(global.chi2() <= local, "the global start keeps the best, including the local one");
    }

    @Test
    void operandoSeriesShowsTheSeedsTrendAndScatter() {
        int repeats = 20;
        List<OperandoSimulator.Measurement> ms = OperandoSimulator.simulate(repeats, 0.003, 4);
        SeriesFit.Result r = SeriesFit.fit(OperandoSimulator.CIRCUIT, ms.stream().map(OperandoSimulator.Measurement::spectrum).toList(), null,
                CircuitFit.Weighting.MODULUS, Map.of(), true, Progress.NONE);
        double[] rs = r.values("R0"), rct = r.values("R1"), rctErr = r.stderrs("R1");
        int covered = 0;
        for (int i = 0; i < ms.size(); i++) {
            assertNotNull(r.entries().get(i).fit(), r.entries().get(i).failure());
            if (Math.abs(rct[i] - ms.get(i).truth()[1]) <= 2 * rctErr[i]) covered++;
        }
        assertTrue(covered >= 0.9 * ms.size(), "Rct within 2σ of its truth: " + covered + " of " + ms.size());
        double[] meanRct = new double[OperandoSimulator.STATES.size()];
        for (int s = 0; s < meanRct.length; s++) {
            double sum = 0, sumRs = 0, ss = 0, ssRs = 0;
            for (int k = 0; k < repeats; k++) { sum += rct[s * repeats + k]; sumRs += rs[s * repeats + k]; }
            double m = sum / repeats, mRs = sumRs / repeats;
            for (int k = 0; k < repeats; k++) { ss += Math.pow(rct[s * repeats + k] - m, 2); ssRs += Math.pow(rs[s * repeats + k] - mRs, 2); }
            double cvRct = Math.sqrt(ss / (repeats - 1)) / m, cvRs = Math.sqrt(ssRs / (repeats - 1)) / mRs;
            assertTrue(cvRs > 0.005 && cvRs < 0.017, "Rs scatter about 1 %: " + cvRs);
            assertTrue(cvRct > 0.03 && cvRct < 0.075, "Rct scatter about 5 %: " + cvRct);
            meanRct[s] = m;
        }
        for (int s = 1; s <= 4; s++) assertTrue(meanRct[s] < meanRct[s - 1], "Rct falls during charge");
        for (int s = 5; s < meanRct.length; s++) assertTrue(meanRct[s] > meanRct[s - 1], "Rct rises during discharge");
    }

    @Test
    void warmStartsAndIndependentFitsAgree() {
        List<ImpedanceSpectrum> spectra = OperandoSimulator.simulate(3, 0.002, 9).stream().map(OperandoSimulator.Measurement::spectrum).toList();
        double[] guess = {30, 500, 1e-5, 0.8, 50};
        SeriesFit.Result warm = SeriesFit.fit(OperandoSimulator.CIRCUIT, spectra, guess, CircuitFit.Weighting.MODULUS, Map.of(), true, Progress.NONE);
        SeriesFit.Result cold = SeriesFit.fit(OperandoSimulator.CIRCUIT, spectra, guess, CircuitFit.Weighting.MODULUS, Map.of(), false, Progress.NONE);
        double[] a = warm.values("R1"), b = cold.values("R1");
        for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-5 * a[i]);
    }

    @Test
    void conductivityAndArrheniusClosedForms() {
        assertEquals(0.01 / (250 * 1.2), Conduction.conductivitySPerCm(250, 0.01, 1.2), 1e-18);
        double ea = 0.45, a = 3e5;
        double[] t = {273.15 + 20, 273.15 + 30, 273.15 + 40, 273.15 + 50, 273.15 + 60, 273.15 + 70};
        double[] sigma = new double[t.length];
        for (int i = 0; i < t.length; i++) sigma[i] = a * Math.exp(-ea / (Conduction.BOLTZMANN_EV_PER_K * t[i])) / t[i];
        Conduction.Arrhenius exact = Conduction.arrhenius(t, sigma, null);
        assertEquals(ea, exact.activationEnergyEv(), 1e-10);
        assertEquals(a, exact.prefactorSKPerCm(), 1e-6 * a);
        assertEquals(sigma[2], exact.conductivityAt(t[2]), 1e-9 * sigma[2]);
        // 2 % noise on σ with its uncertainty given: Ea within 2σ in ≥ 90 % of 200 repeats
        java.util.Random r = new java.util.Random(5);
        int covered = 0;
        for (int rep = 0; rep < 200; rep++) {
            double[] noisy = new double[t.length], u = new double[t.length];
            for (int i = 0; i < t.length; i++) { noisy[i] = sigma[i] * (1 + 0.02 * r.nextGaussian()); u[i] = 0.02 * sigma[i]; }
            Conduction.Arrhenius fit = Conduction.arrhenius(t, noisy, u);
            if (Math.abs(fit.activationEnergyEv() - ea) <= 2 * fit.activationEnergyStderrEv()) covered++;
        }
        assertTrue(covered >= 180, "Ea within 2σ in " + covered + " of 200");
    }
}
