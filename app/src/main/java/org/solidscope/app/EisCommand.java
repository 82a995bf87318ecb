package org.solidscope.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import org.solidscope.echem.Circuit;
import org.solidscope.echem.CircuitFit;
import org.solidscope.echem.ImpedanceSpectrum;
import org.solidscope.echem.LinKK;
import org.solidscope.echem.SpectrumCsv;
import org.solidscope.echem.SpectrumSimulator;
import org.solidscope.report.LinePlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Impedance spectroscopy: read, fit equivalent circuits, check Kramers–Kronig validity, simulate. */
@Command(name = "eis", mixinStandardHelpOptions = true,
        description = "Impedance spectra: equivalent-circuit fits with uncertainties, lin-KK validity, simulation.",
        subcommands = {EisCommand.Read.class, EisCommand.Fit.class, EisCommand.Kk.class, EisCommand.Drt.class, EisCommand.Simulate.class},
        footer = {"", "Examples:",
                "  solidscope eis simulate --circuit 'R0-p(R1,CPE1)-W1' --parameters 12,85,2e-5,0.86,30 --noise 0.01 --out s.csv",
                "  solidscope eis fit s.csv --circuit 'R0-p(R1,CPE1)-W1' --initial 10,100,1e-5,0.9,20 --json fit.json --plot nyquist.png",
                "  solidscope eis kk s.csv --json kk.json",
                "  solidscope eis drt s.csv --json drt.json --plot drt.png"})
final class EisCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Main.out());
    }

    static double[] numbers(String option, String text) {
        try {
            return java.util.Arrays.stream(text.split(",")).map(String::strip).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new InputException(option, "values", "comma-separated numbers", "'" + text + "'");
        }
    }

    static Map<String, Object> arrays(ImpedanceSpectrum s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", s.source());
        m.put("frequency_hz", s.frequencyHz());
        m.put("z_real_ohm", s.zRealOhm());
        m.put("z_imag_ohm", s.zImagOhm());
        m.put("convention", "Z = Z' + jZ'', Z'' < 0 for a capacitive response");
        m.put("metadata", new java.util.TreeMap<>(s.metadata()));
        return m;
    }

    @Command(name = "read", mixinStandardHelpOptions = true, description = "Read a spectrum: Gamry .DTA, BioLogic .mpt/.mpr, ZPlot/ZView .z, Autolab, CH Instruments, VersaStudio .par, Parstat, PowerSuite, CSV.")
    static final class Read implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE") Path file;
        @Option(names = "--json", description = "arrays frequency_hz, z_real_ohm, z_imag_ohm") Path json;

        @Override
        public Integer call() {
            ImpedanceSpectrum s = org.solidscope.echem.InstrumentFiles.read(file);
            Main.out().printf("%s: %d points, %.3g–%.3g Hz%n", file, s.size(), min(s.frequencyHz()), max(s.frequencyHz()));
            if (json != null) AtomicOutput.writeString(json, Json.write(arrays(s)));
            return 0;
        }
    }

    static double min(double[] v) { return java.util.Arrays.stream(v).min().orElse(Double.NaN); }

    static double max(double[] v) { return java.util.Arrays.stream(v).max().orElse(Double.NaN); }

    @Command(name = "fit", mixinStandardHelpOptions = true, description = "Fit an equivalent circuit by complex non-linear least squares; ± from the covariance scaled by the reduced chi-square.")
    static final class Fit implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE") Path file;
        @Option(names = "--circuit", required = true, description = "e.g. R0-p(R1,CPE1)-W1") String circuit;
        @Option(names = "--initial", description = "initial guesses, one per free parameter in order (default: read off the data: intercepts, arc apex frequencies, tail)") String initial;
        @Option(names = "--global", defaultValue = "1", description = "starts: 1 = a local fit from the guesses; N > 1 adds N-1 scattered starts (10^±1 about the guesses) and keeps the best") int starts;
        @Option(names = "--seed", defaultValue = "1", description = "seed of the scattered starts") long seed;
        @Option(names = "--fixed", description = "parameters held at a value, e.g. CPE1_1=0.9,R0=10 (--initial then lists the free ones)") String fixedText;
        @Option(names = "--weighting", defaultValue = "modulus", description = "unit or modulus (1/|Z|; default ${DEFAULT-VALUE})") String weighting;
        @Option(names = "--drop-inductive", description = "leave out points with Z'' >= 0") boolean dropInductive;
        @Option(names = "--json", description = "parameters with stderr and unit, chi2, rmse, elapsed_ms") Path json;
        @Option(names = "--plot", description = "Nyquist plot of data and fit (PNG)") Path plot;

        @Override
        public Integer call() {
            Circuit c = Circuit.parse(circuit);
            CircuitFit.Weighting wt = switch (weighting) {
                case "unit" -> CircuitFit.Weighting.UNIT;
                case "modulus" -> CircuitFit.Weighting.MODULUS;
                default -> throw new InputException("--weighting", "weighting", "unit or modulus", "'" + weighting + "'");
            };
            ImpedanceSpectrum s = org.solidscope.echem.InstrumentFiles.read(file);
            if (dropInductive) s = s.capacitiveOnly();
            Map<String, Double> fixed = new LinkedHashMap<>();
            if (fixedText != null) {
                for (String kv : fixedText.split(",")) {
                    String[] p = kv.split("=");
                    if (p.length != 2) throw new InputException("--fixed", "fixed", "NAME=VALUE pairs separated by commas", "'" + kv + "'");
                    fixed.put(p[0].strip(), numbers("--fixed", p[1])[0]);
                }
            }
            double[] guess;
            if (initial != null) {
                guess = numbers("--initial", initial);
            } else {
                double[] all = org.solidscope.echem.InitialGuess.of(c, s);
                guess = java.util.stream.IntStream.range(0, all.length).filter(k -> !fixed.containsKey(c.parameterNames().get(k))).mapToDouble(k -> all[k]).toArray();
                Main.out().printf("initial guesses from the data: %s%n", java.util.Arrays.stream(guess).mapToObj(v -> String.format("%.4g", v)).toList());
            }
            CircuitFit.Result r = starts == 1 ? CircuitFit.fit(c, s, guess, wt, fixed) : CircuitFit.fitGlobal(c, s, guess, wt, fixed, starts, seed);
            Main.out().printf("%s on %s (%d points): chi2 %.4g, rmse %.4g Ohm, %d iterations, %.1f ms%n", c, file, s.size(), r.chi2(), r.rmseOhm(),
                    r.iterations(), r.elapsedMs());
            for (CircuitFit.Parameter p : r.parameters()) {
                Main.out().printf("  %-8s %12.6g %s %s%n", p.name(), p.value(), p.fixed() ? "(fixed)      " : String.format("± %-10.3g", p.stderr()), p.unit());
            }
            if (json != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("circuit", c.toString());
                m.put("parameters", r.parameters());
                m.put("chi2", r.chi2());
                m.put("reduced_chi2", r.reducedChi2());
                m.put("rmse", r.rmseOhm());
                m.put("aic", r.aic());
                m.put("bic", r.bic());
                m.put("covariance", r.covariance());
                m.put("weighting", weighting);
                m.put("elapsed_ms", r.elapsedMs());
                AtomicOutput.writeString(json, Json.write(m));
            }
            if (plot != null) {
                double[] re = new double[s.size()], im = new double[s.size()];
                c.impedance(r.values(), s.frequencyHz(), re, im);
                double[] nd = java.util.Arrays.stream(s.zImagOhm()).map(v -> -v).toArray(), nf = java.util.Arrays.stream(im).map(v -> -v).toArray();
                AtomicOutput.writeBytes(plot, LinePlot.png("Nyquist: " + file.getFileName() + " and " + c, "Z' (Ohm)", "-Z'' (Ohm)", false,
                        List.of(new LinePlot.Series("data", s.zRealOhm(), nd), new LinePlot.Series("fit", re, nf)), null));
            }
            return 0;
        }
    }

    @Command(name = "kk", mixinStandardHelpOptions = true, description = "Kramers–Kronig validity (lin-KK, Schönleber et al. 2014): M, µ and the residuals.")
    static final class Kk implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE") Path file;
        @Option(names = "--c", defaultValue = "0.85", description = "µ threshold (default ${DEFAULT-VALUE})") double c;
        @Option(names = "--fit", defaultValue = "real", description = "real (R0 and R_k to Re, then L; Lin-KK's and impedance.py's default) or complex") String fitType;
        @Option(names = "--json", description = "M, mu, residuals") Path json;

        @Override
        public Integer call() {
            if (!(c > 0 && c < 1)) throw new InputException("--c", "c", "a threshold in (0, 1)", String.valueOf(c));
            ImpedanceSpectrum s = atLeastFivePoints(org.solidscope.echem.InstrumentFiles.read(file));
            LinKK.FitType type = switch (fitType) {
                case "real" -> LinKK.FitType.REAL;
                case "complex" -> LinKK.FitType.COMPLEX;
                default -> throw new InputException("--fit", "fit", "real or complex", "'" + fitType + "'");
            };
            LinKK.Result r = LinKK.test(s, c, type);
            Main.out().printf("%s: lin-KK M = %d, µ = %.4f; largest residual %.3g %% of |Z|%n", file, r.m(), r.mu(), 100 * r.maxResidualRelative());
            if (json != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("M", r.m());
                m.put("mu", r.mu());
                m.put("c", c);
                m.put("max_residual_relative", r.maxResidualRelative());
                m.put("residual_real_relative", r.residualRealRelative());
                m.put("residual_imag_relative", r.residualImagRelative());
                AtomicOutput.writeString(json, Json.write(m));
            }
            return 0;
        }
    }

    /** lin-KK and the DRT need a few points more than their elements. */
    static ImpedanceSpectrum atLeastFivePoints(ImpedanceSpectrum s) {
        if (s.size() < 5) throw new InputException(s.source(), "points", "at least 5 frequencies", String.valueOf(s.size()));
        return s;
    }

    @Command(name = "drt", mixinStandardHelpOptions = true,
            description = "Distribution of relaxation times: Tikhonov-regularised, non-negative, λ by generalised cross-validation (or --lambda).")
    static final class Drt implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE") Path file;
        @Option(names = "--lambda", description = "regularisation parameter (default: chosen by GCV)") Double lambda;
        @Option(names = "--json", description = "tau_s, gamma_ohm, peaks, r_inf_ohm, lambda") Path json;
        @Option(names = "--plot", description = "γ against τ (PNG)") Path plot;

        @Override
        public Integer call() {
            if (lambda != null && !(lambda > 0 && Double.isFinite(lambda))) throw new InputException("--lambda", "lambda", "a number > 0", String.valueOf(lambda));
            ImpedanceSpectrum s = atLeastFivePoints(org.solidscope.echem.InstrumentFiles.read(file));
            var r = org.solidscope.echem.RelaxationTimes.compute(s, lambda == null ? Double.NaN : lambda);
            Main.out().printf("%s: DRT with λ = %.3g%s; R∞ %.4g Ohm, polarisation %.4g Ohm, largest residual %.3g %% of |Z|%n", file, r.lambda(),
                    lambda == null ? " (GCV)" : "", r.rInfOhm(), r.polarisationOhm(), 100 * r.maxResidualRelative());
            for (var p : r.peaks()) Main.out().printf("  peak at τ %.4g s (%.4g Hz): %.4g Ohm%n", p.tauS(), p.frequencyHz(), p.resistanceOhm());
            if (json != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("lambda", r.lambda());
                m.put("r_inf_ohm", r.rInfOhm());
                m.put("polarisation_ohm", r.polarisationOhm());
                m.put("peaks", r.peaks());
                m.put("tau_s", r.tauS());
                m.put("gamma_ohm", r.gammaOhm());
                m.put("z_real_fit_ohm", r.zRealFit());
                m.put("z_imag_fit_ohm", r.zImagFit());
                m.put("max_residual_relative", r.maxResidualRelative());
                AtomicOutput.writeString(json, Json.write(m));
            }
            if (plot != null) {
                AtomicOutput.writeBytes(plot, LinePlot.png("DRT of " + file.getFileName(), "τ (s)", "γ (Ohm per unit ln τ)", true,
                        List.of(new LinePlot.Series("γ", r.tauS(), r.gammaOhm())), null));
            }
            return 0;
        }
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true, description = "A spectrum of a circuit, with noise (σ = noise·|Z| on Re and Im).")
    static final class Simulate implements Callable<Integer> {
        @Option(names = "--circuit", required = true) String circuit;
        @Option(names = "--parameters", required = true, description = "one value per parameter in order") String parameters;
        @Option(names = "--from-hz", defaultValue = "0.1") double fromHz;
        @Option(names = "--to-hz", defaultValue = "100000") double toHz;
        @Option(names = "--points-per-decade", defaultValue = "10") int ppd;
        @Option(names = "--noise", defaultValue = "0", description = "relative noise (default ${DEFAULT-VALUE})") double noise;
        @Option(names = "--seed", defaultValue = "1") long seed;
        @Option(names = "--out", required = true, description = "CSV spectrum") Path out;

        @Override
        public Integer call() {
            Circuit c = Circuit.parse(circuit);
            double[] p = numbers("--parameters", parameters);
            if (p.length != c.parameterCount()) throw new InputException("--parameters", "parameters", c.parameterCount() + " values for " + c.parameterNames(), p.length + " values");
            if (!(fromHz > 0 && toHz > fromHz)) throw new InputException("--from-hz/--to-hz", "range", "0 < from < to", fromHz + "/" + toHz);
            if (ppd < 1 || ppd > 1000) throw new InputException("--points-per-decade", "points", "1 … 1000", String.valueOf(ppd));
            if (!(noise >= 0 && noise < 1)) throw new InputException("--noise", "noise", "a relative noise in [0, 1)", String.valueOf(noise));
            ImpedanceSpectrum s = SpectrumSimulator.simulate(c, p, SpectrumSimulator.logFrequencies(fromHz, toHz, ppd), noise, seed);
            SpectrumCsv.write(out, s);
            Main.out().printf("wrote %s: %d points of %s%n", out, s.size(), c);
            return 0;
        }
    }
}
