package org.solidscope.echem.cycling;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.solidscope.core.InputException;
import org.solidscope.echem.Circuit;
import org.solidscope.echem.CircuitFit;
import org.solidscope.echem.ImpedanceSpectrum;
import org.solidscope.echem.InitialGuess;
import org.solidscope.echem.SpectrumSimulator;

/**
 * The Li⁺ transference number by the Bruce–Vincent method (Evans, Vincent &amp; Bruce, Polymer 28 (1987) 2324): a
 * symmetric Li|electrolyte|Li cell polarised by a small constant ΔV, its current falling from I₀ to the steady
 * Iₛ, and its interfacial resistance measured by impedance before (R₀) and after (Rₛ):
 * t₊ = Iₛ (ΔV − I₀R₀) / (I₀ (ΔV − IₛRₛ)).
 * I₀ is the current of the first row under polarisation, Iₛ the mean of the last {@link #STEADY_FRACTION} of the run;
 * R₀ and Rₛ are the first parallel resistance of the circuit fitted to each spectrum (the interface's arc), with the
 * fit's standard errors. The uncertainty of t₊ is propagated to first order from those of R₀, Rₛ and Iₛ (the standard
 * error of the mean of the last rows).
 */
public final class TransferenceNumber {
    private TransferenceNumber() {}

    /** The share of the run, at its end, averaged for the steady current. */
    public static final double STEADY_FRACTION = 0.05;

    /** @param interfaceBeforeOhm R₀ and {@code interfaceAfterOhm} Rₛ with their standard errors; currents in A */
    public record Result(double tPlus, double tPlusStderr, double deltaV, double initialCurrentA, double steadyCurrentA, double steadyCurrentStderrA,
                         double interfaceBeforeOhm, double interfaceBeforeStderrOhm, double interfaceAfterOhm, double interfaceAfterStderrOhm) {}

    /** The interfacial resistance of a spectrum: the circuit's first resistance inside a parallel group, with its standard error. */
    public static double[] interfaceResistance(Circuit c, ImpedanceSpectrum s) {
        CircuitFit.Result fit = CircuitFit.fitGlobal(c, s, InitialGuess.of(c, s), CircuitFit.Weighting.MODULUS, java.util.Map.of(), 4, 1);
        for (String name : c.parameterNames()) {
            if (name.startsWith("R") && !name.contains("_") && !c.isSeriesTopLevel(name)) {
                CircuitFit.Parameter p = fit.parameters().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
                return new double[] {p.value(), p.stderr()};
            }
        }
        throw new InputException("--circuit", "circuit", "a resistance in a parallel group (the interface's arc), e.g. R0-p(R1,CPE1)", c.toString());
    }

    /**
     * @param deltaV the applied polarisation (V); NaN takes the median |V| of the run
     */
    public static Result of(CyclerFiles.Run run, double deltaV, double[] before, double[] after) {
        double[] i = run.currentA(), v = run.voltageV();
        int n = run.size(), first = 0;
        while (first < n && Math.abs(i[first]) <= 1e-12) first++;
        if (n - first < 20) throw new InputException(run.vendor(), "rows", "a polarisation of at least 20 rows under current", String.valueOf(n - first));
        double dvGiven = deltaV;
        if (Double.isNaN(dvGiven)) {
            double[] a = new double[n - first];
            for (int k = first; k < n; k++) a[k - first] = Math.abs(v[k]);
            Arrays.sort(a);
            dvGiven = a[a.length / 2];
        }
        final double dv = dvGiven;
        if (!(dv > 0)) throw new InputException(run.vendor(), "voltage", "a polarisation ΔV > 0", String.valueOf(dv));
        double i0 = Math.abs(i[first]);
        int tail = Math.max(10, (int) Math.round(STEADY_FRACTION * (n - first)));
        double sum = 0, sq = 0;
        for (int k = n - tail; k < n; k++) { sum += Math.abs(i[k]); sq += i[k] * i[k]; }
        double is = sum / tail, isErr = Math.sqrt(Math.max(0, sq / tail - is * is) / tail);
        double r0 = before[0], rs = after[0];
        double t = t(is, i0, dv, r0, rs);
        // first-order propagation, derivatives by central differences
        double d0 = deriv(x -> t(is, i0, dv, x, rs), r0), ds = deriv(x -> t(is, i0, dv, r0, x), rs), di = deriv(x -> t(x, i0, dv, r0, rs), is);
        double err = Math.sqrt(sq(d0 * before[1]) + sq(ds * after[1]) + sq(di * isErr));
        return new Result(t, err, dv, i0, is, isErr, r0, before[1], rs, after[1]);
    }

    static double t(double is, double i0, double dv, double r0, double rs) {
        return is * (dv - i0 * r0) / (i0 * (dv - is * rs));
    }

    private static double deriv(java.util.function.DoubleUnaryOperator f, double x) {
        double h = 1e-6 * Math.max(Math.abs(x), 1e-12);
        return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
    }

    private static double sq(double x) { return x * x; }

    /** A simulated polarisation with known t₊: the run as CSV and the spectra before and after ({@code R0-p(R1,CPE1)}). */
    public record Simulated(String polarisationCsv, ImpedanceSpectrum before, ImpedanceSpectrum after) {}

    public static final Circuit CIRCUIT = Circuit.parse("R0-p(R1,CPE1)");

    /**
     * ΔV on a cell of bulk resistance {@code bulkOhm} whose interface goes from {@code r0Ohm} to {@code rsOhm}: the current
     * falls from I₀ = ΔV/(R_b + R₀) to Iₛ = ΔV/(R_b/t₊ + Rₛ) (the steady state in which only Li⁺ carries it) with time
     * constant {@code tauS}; current noise {@code noiseRelative}·Iₛ, impedance noise 0.2 %.
     */
    public static Simulated simulate(double tPlus, double deltaV, double bulkOhm, double r0Ohm, double rsOhm, double tauS, double durationS, double sampleS,
                                     double noiseRelative, long seed) {
        Random r = new Random(seed);
        double i0 = deltaV / (bulkOhm + r0Ohm), is = deltaV / (bulkOhm / tPlus + rsOhm);
        StringBuilder b = new StringBuilder("Test_Time(s),Voltage(V),Current(A)\n0,0,0\n");
        int n = (int) Math.round(durationS / sampleS);
        for (int k = 0; k <= n; k++) {
            double t = k * sampleS, cur = is + (i0 - is) * Math.exp(-t / tauS) + (k == 0 ? 0 : noiseRelative * is * r.nextGaussian());
            b.append(String.format(Locale.ROOT, "%.3f,%.6f,%.9e%n", t + 1, deltaV, cur));
        }
        double[] f = SpectrumSimulator.logFrequencies(0.1, 1e6, 10);
        return new Simulated(b.toString(), SpectrumSimulator.simulate(CIRCUIT, new double[] {bulkOhm, r0Ohm, 1e-6, 0.9}, f, 0.002, r.nextLong()),
                SpectrumSimulator.simulate(CIRCUIT, new double[] {bulkOhm, rsOhm, 1e-6, 0.9}, f, 0.002, r.nextLong()));
    }
}
