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
import org.solidscope.echem.RelaxationTimes;
import org.solidscope.echem.SpectrumCsv;
import org.solidscope.echem.SpectrumSimulator;
import org.solidscope.report.LinePlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Impedance spectroscopy: read, fit equivalent circuits, check Kramers–Kronig validity, simulate. */
@Command(name = "eis", mixinStandardHelpOptions = true,
        description = "Impedance spectra: equivalent-circuit fits with uncertainties, lin-KK validity, simulation.",
        subcommands = {EisCommand.Read.class, EisCommand.Fit.class, EisCommand.Kk.class, EisCommand.Drt.class, EisCommand.Series.class, EisCommand.Simulate.class},
        footer = {"", "Examples:",
                "  solidscope eis simulate --circuit 'R0-p(R1,CPE1)-W1' --parameters 12,85,2e-5,0.86,30 --noise 0.01 --out s.csv",
                "  solidscope eis fit s.csv --circuit 'R0-p(R1,CPE1)-W1' --initial 10,100,1e-5,0.9,20 --json fit.json --plot nyquist.png",
                "  solidscope eis kk s.csv --json kk.json",
                "  solidscope eis drt s.csv --json drt.json --plot drt.png",
                "  solidscope eis simulate --operando op/ --repeats 20",
                "  solidscope eis series op/ --circuit 'R0-p(R1,CPE1)-W1' --out params.csv --plot-dir plots/"})
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
            Main.out().printf("%s: %d points, %.3g–%.3g Hz%n", file, s.size(), s.minFrequencyHz(), s.maxFrequencyHz());
            if (json != null) AtomicOutput.writeString(json, Json.write(arrays(s)));
            return 0;
        }
    }

    @Command(name = "fit", mixinStandardHelpOptions = true, description = "Fit an equivalent circuit by complex non-linear least squares; ± from the covariance scaled by the reduced chi-square.")
    static final class Fit implements Callable<Integer> {
        static CircuitFit.Weighting weighting(String text) {
            return switch (text) {
                case "unit" -> CircuitFit.Weighting.UNIT;
                case "modulus" -> CircuitFit.Weighting.MODULUS;
                default -> throw new InputException("--weighting", "weighting", "unit or modulus", "'" + text + "'");
            };
        }

        static Map<String, Double> fixed(String text) {
            Map<String, Double> fixed = new LinkedHashMap<>();
            if (text != null) {
                for (String kv : text.split(",")) {
                    String[] p = kv.split("=");
                    if (p.length != 2) throw new InputException("--fixed", "fixed", "NAME=VALUE pairs separated by commas", "'" + kv + "'");
                    fixed.put(p[0].strip(), numbers("--fixed", p[1])[0]);
                }
            }
            return fixed;
        }

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
        @Option(names = "--report", description = "HTML report: Nyquist, Bode, residuals, lin-KK, DRT, parameters with ±, correlations (one file)") Path report;

        @Override
        public Integer call() {
            Circuit c = Circuit.parse(circuit);
            CircuitFit.Weighting wt = weighting(weighting);
            ImpedanceSpectrum s = org.solidscope.echem.InstrumentFiles.read(file);
            if (dropInductive) s = s.capacitiveOnly();
            Map<String, Double> fixed = fixed(fixedText);
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
            org.solidscope.echem.FitQuality.Result q = org.solidscope.echem.FitQuality.judge(s, r);
            for (String w : q.warnings()) Main.out().println("warning: " + w);
            if (json != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("circuit", c.toString());
                m.put("usable", q.usable());
                m.put("warnings", q.warnings());
                m.put("residual_rms_relative", q.fitResidualRms());
                m.put("noise_rms_relative", q.noiseResidualRms());
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
            if (plot != null) AtomicOutput.writeBytes(plot, org.solidscope.echem.EisReport.nyquist(s, r));
            if (report != null) {
                LinKK.Result kk = s.size() >= 5 ? LinKK.test(s, 0.85, LinKK.Options.robust(s)) : null;
                var drt = s.size() >= 5 ? org.solidscope.echem.RelaxationTimes.compute(s, Double.NaN) : null;
                AtomicOutput.writeString(report, org.solidscope.echem.EisReport.fit(s, r, kk, drt));
            }
            if (!q.usable()) {
                Main.out().println("no usable fit: " + String.join("; ", q.warnings()));
                return Main.EXIT_FAILURE; // the outputs say what was found; the exit says it is not to be used
            }
            return 0;
        }
    }

    @Command(name = "kk", mixinStandardHelpOptions = true, description = "Kramers–Kronig validity (lin-KK, Schönleber et al. 2014): M, µ and the residuals, of one spectrum or many.")
    static final class Kk implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE|DIR") List<Path> inputs;
        @Option(names = "--c", defaultValue = "0.85", description = "µ threshold (default ${DEFAULT-VALUE})") double c;
        @Option(names = "--fit", defaultValue = "real", description = "real (R0 and R_k to Re, then L; Lin-KK's and impedance.py's default) or complex") String fitType;
        @Option(names = "--series-capacitance", description = "add a series capacitance (spectra with a diffusion tail)") boolean cap;
        @Option(names = "--min-m", defaultValue = "1", description = "first M tried (default ${DEFAULT-VALUE}, as Lin-KK; two per decade suits cells)") int minM;
        @Option(names = "--json", description = "M, mu, residuals (one spectrum)") Path json;
        @Option(names = "--out", description = "CSV: file, M, mu, largest residual (any number of spectra)") Path out;

        @Override
        public Integer call() {
            if (!(c > 0 && c < 1)) throw new InputException("--c", "c", "a threshold in (0, 1)", String.valueOf(c));
            if (minM < 1) throw new InputException("--min-m", "M", "at least 1", String.valueOf(minM));
            LinKK.FitType type = switch (fitType) {
                case "real" -> LinKK.FitType.REAL;
                case "complex" -> LinKK.FitType.COMPLEX;
                default -> throw new InputException("--fit", "fit", "real or complex", "'" + fitType + "'");
            };
            List<Path> files = Series.expand(inputs);
            if (json != null && files.size() != 1) throw new InputException("--json", "json", "one spectrum (use --out for many)", files.size() + " spectra");
            StringBuilder table = new StringBuilder("file,M,mu,max_residual_relative,failure\n");
            int failed = 0;
            for (Path file : files) {
                ImpedanceSpectrum s;
                LinKK.Result r;
                try {
                    s = atLeastFivePoints(org.solidscope.echem.InstrumentFiles.read(file));
                    r = LinKK.test(s, c, new LinKK.Options(type, cap, minM));
                } catch (InputException | org.solidscope.core.NumericalException e) {
                    if (files.size() == 1) throw e;
                    // a batch goes on: the file has its row with the reason and no numbers
                    failed++;
                    Main.out().printf("failed: %s: %s%n", file.getFileName(), e.getMessage());
                    table.append(file.getFileName()).append(",,,,\"").append(e.getMessage().replace('"', '\'')).append("\"\n");
                    continue;
                }
                if (files.size() <= 20) Main.out().printf("%s: lin-KK M = %d, µ = %.4f; largest residual %.3g %% of |Z|%n", file, r.m(), r.mu(), 100 * r.maxResidualRelative());
                table.append(file.getFileName()).append(',').append(r.m()).append(',').append(r.mu()).append(',').append(r.maxResidualRelative()).append(",\n");
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
            }
            if (files.size() > 20) Main.out().printf("lin-KK of %d spectra%s%n", files.size(), out != null ? ": " + out : "");
            if (out != null) AtomicOutput.writeString(out, table.toString());
            if (failed > 0) {
                Main.out().printf("%d of %d spectra failed%n", failed, files.size());
                Main.keepOutputsOnFailure();
                return Main.EXIT_FAILURE;
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
        @Option(names = "--settings", defaultValue = "solidscope",
                description = "solidscope (centres at 1/(2πf), coefficient penalty, 1/|Z| weights) or pydrttools (centres at 1/f, FWHM coefficient 0.5, "
                        + "second-derivative penalty, unweighted); both fit R∞, and a series inductance (solidscope: when the spectrum has points with Z'' > 0)") String settings;
        @Option(names = "--no-inductance", description = "fit no series inductance") boolean noInductance;
        @Option(names = "--json", description = "tau_s, gamma_ohm, peaks, r_inf_ohm, inductance_h, lambda, lambda_range, notes") Path json;
        @Option(names = "--plot", description = "γ against τ (PNG)") Path plot;

        @Override
        public Integer call() {
            if (lambda != null && !(lambda > 0 && Double.isFinite(lambda))) throw new InputException("--lambda", "lambda", "a number > 0", String.valueOf(lambda));
            ImpedanceSpectrum s = atLeastFivePoints(org.solidscope.echem.InstrumentFiles.read(file));
            RelaxationTimes.Settings set = switch (settings.toLowerCase(java.util.Locale.ROOT)) {
                case "solidscope" -> RelaxationTimes.Settings.defaults();
                case "pydrttools" -> RelaxationTimes.Settings.pyDrtTools();
                default -> throw new InputException("--settings", "settings", "solidscope or pydrttools", "'" + settings + "'");
            };
            set = set.withLambda(lambda == null ? Double.NaN : lambda);
            if (noInductance) set = new RelaxationTimes.Settings(set.lambda(), set.centres(), set.epsilonTimesSpacing(), set.penaltyOrder(),
                    RelaxationTimes.Inductance.NONE, set.weighted(), set.lambdaMin(), set.lambdaMax());
            var r = RelaxationTimes.compute(s, set);
            Main.out().printf("%s: DRT with λ = %.3g%s; R∞ %.4g Ohm, L %.4g H (NaN: not fitted), polarisation %.4g Ohm, largest residual %.3g %% of |Z|%n", file, r.lambda(),
                    lambda == null ? String.format(" (GCV over %.0e … %.0e)", r.lambdaRange()[0], r.lambdaRange()[1]) : "", r.rInfOhm(), r.inductanceH(),
                    r.polarisationOhm(), 100 * r.maxResidualRelative());
            for (String note : r.notes()) Main.out().println("note: " + note);
            for (var p : r.peaks()) Main.out().printf("  peak at τ %.4g s (%.4g Hz): %.4g Ohm%n", p.tauS(), p.frequencyHz(), p.resistanceOhm());
            if (json != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("lambda", r.lambda());
                m.put("lambda_range", r.lambdaRange());
                m.put("settings", settings.toLowerCase(java.util.Locale.ROOT));
                m.put("r_inf_ohm", r.rInfOhm());
                m.put("inductance_h", r.inductanceH());
                m.put("polarisation_ohm", r.polarisationOhm());
                m.put("notes", r.notes());
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

    @Command(name = "series", mixinStandardHelpOptions = true,
            description = {"Fit one circuit to a series of spectra (files, or folders of them, in name order) with warm starts;",
                    "a table of every parameter ± its error per spectrum, plots against the series, conductivity and an Arrhenius fit."})
    static final class Series implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE|DIR") List<Path> inputs;
        @Option(names = "--circuit", required = true) String circuit;
        @Option(names = "--initial", description = "guesses for the first spectrum (default: read off its data)") String initial;
        @Option(names = "--fixed", description = "parameters held at a value, e.g. CPE1_1=0.9") String fixedText;
        @Option(names = "--weighting", defaultValue = "modulus", description = "unit or modulus (default ${DEFAULT-VALUE})") String weighting;
        @Option(names = "--no-warm-start", description = "start every fit from the same guesses (independent fits, all cores)") boolean cold;
        @Option(names = "--drop-inductive", description = "leave out points with Z'' >= 0") boolean dropInductive;
        @Option(names = "--out", description = "CSV table: file, every parameter and its stderr, chi2") Path out;
        @Option(names = "--json", description = "the table, conductivity and Arrhenius as JSON") Path json;
        @Option(names = "--plot-dir", description = "one PNG per parameter against the series") Path plotDir;
        @Option(names = "--report", description = "HTML report of the series (one file)") Path report;
        @Option(names = "--conductivity-of", description = "the resistance that is the electrolyte's (e.g. R1): sigma = L/(R A)") String conductivityOf;
        @Option(names = "--thickness-cm", description = "electrolyte thickness L for --conductivity-of") Double thicknessCm;
        @Option(names = "--area-cm2", description = "electrode area A for --conductivity-of") Double areaCm2;
        @Option(names = "--temperatures-c", description = "temperature of each spectrum in °C, in order (default: from names such as _60C)") String temperaturesC;

        @Override
        public Integer call() {
            Circuit c = Circuit.parse(circuit);
            CircuitFit.Weighting wt = Fit.weighting(weighting);
            Map<String, Double> fixed = Fit.fixed(fixedText);
            if (conductivityOf != null) {
                if (!c.parameterNames().contains(conductivityOf) || !conductivityOf.startsWith("R")) {
                    throw new InputException("--conductivity-of", "resistance", "a resistor of " + c + " (" + c.parameterNames().stream().filter(n -> n.startsWith("R")).toList() + ")", "'" + conductivityOf + "'");
                }
                if (thicknessCm == null || !(thicknessCm > 0) || areaCm2 == null || !(areaCm2 > 0)) {
                    throw new InputException("--conductivity-of", "geometry", "--thickness-cm > 0 and --area-cm2 > 0", thicknessCm + " cm, " + areaCm2 + " cm²");
                }
            }
            List<Path> files = expand(inputs);
            if (files.stream().allMatch(f -> stateOf(f) != null)) { // <cell>_<state>[.r<k>].<ext>: the cell's life order
                files.sort(java.util.Comparator.comparingDouble((Path f) -> stateOf(f).order()).thenComparing(Series::naturalOrder));
            }
            List<ImpedanceSpectrum> spectra = new ArrayList<>();
            for (Path f : files) {
                ImpedanceSpectrum s = org.solidscope.echem.InstrumentFiles.read(f);
                spectra.add(dropInductive ? s.capacitiveOnly() : s);
            }
            double[] guess = initial == null ? null : numbers("--initial", initial);
            var r = org.solidscope.echem.SeriesFit.fit(c, spectra, guess, wt, fixed, !cold, new ConsoleProgress("fitting"));
            long failed = r.entries().stream().filter(e -> e.fit() == null).count();
            Main.out().printf("%s fitted to %d spectra in %.0f ms (%s)%s%n", c, files.size(), r.elapsedMs(), cold ? "independent starts" : "warm starts",
                    failed > 0 ? "; " + failed + " failed" : "");
            List<String> names = c.parameterNames();
            StringBuilder table = new StringBuilder("file");
            for (String n : names) table.append(',').append(n).append(',').append(n).append("_stderr");
            table.append(",chi2,failure\n");
            for (int i = 0; i < files.size(); i++) {
                var e = r.entries().get(i);
                table.append(files.get(i).getFileName());
                for (int k = 0; k < names.size(); k++) {
                    table.append(',').append(e.fit() == null ? "" : e.fit().parameters().get(k).value()).append(',').append(e.fit() == null ? "" : e.fit().parameters().get(k).stderr());
                }
                table.append(',').append(e.fit() == null ? "" : e.fit().chi2()).append(',').append(e.failure() == null ? "" : '"' + e.failure().replace('"', '\'') + '"').append('\n');
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("circuit", c.toString());
            doc.put("files", files.stream().map(p -> p.getFileName().toString()).toList());
            Map<String, Object> params = new LinkedHashMap<>();
            for (String n : names) params.put(n, Map.of("value", r.values(n), "stderr", r.stderrs(n)));
            doc.put("parameters", params);
            doc.put("elapsed_ms", r.elapsedMs());
            if (conductivityOf != null) {
                double[] rv = r.values(conductivityOf), ru = r.stderrs(conductivityOf);
                double[] sigma = new double[rv.length], su = new double[rv.length];
                for (int i = 0; i < rv.length; i++) {
                    sigma[i] = org.solidscope.echem.Conduction.conductivitySPerCm(rv[i], thicknessCm, areaCm2);
                    su[i] = sigma[i] * ru[i] / rv[i];
                }
                doc.put("conductivity_s_per_cm", Map.of("value", sigma, "stderr", su));
                double[] tc = temperatures(files);
                if (tc != null) {
                    double[] tk = java.util.Arrays.stream(tc).map(t -> t + 273.15).toArray();
                    var a = org.solidscope.echem.Conduction.arrhenius(tk, sigma, su);
                    Main.out().printf("Arrhenius over %d temperatures: Ea = %.4f ± %.4f eV, A = %.4g S·K/cm (reduced chi2 %.3g)%n", a.points(),
                            a.activationEnergyEv(), a.activationEnergyStderrEv(), a.prefactorSKPerCm(), a.reducedChi2());
                    doc.put("temperature_c", tc);
                    doc.put("arrhenius", a);
                }
            }
            if (out != null) AtomicOutput.writeString(out, table.toString());
            if (json != null) AtomicOutput.writeString(json, Json.write(doc));
            if (report != null) AtomicOutput.writeString(report, org.solidscope.echem.EisReport.series(r, files.stream().map(p -> p.getFileName().toString()).toList()));
            if (plotDir != null) {
                for (String n : names) AtomicOutput.writeBytes(plotDir.resolve(n + ".png"), org.solidscope.echem.EisReport.parameterPlot(r, n));
            }
            if (failed > 0) { // every file has its row; the failed ones say why and carry no numbers
                for (int i = 0; i < files.size(); i++) {
                    if (r.entries().get(i).fit() == null) Main.out().printf("failed: %s: %s%n", files.get(i).getFileName(), r.entries().get(i).failure());
                }
                Main.keepOutputsOnFailure();
                return Main.EXIT_FAILURE;
            }
            return 0;
        }

        private double[] temperatures(List<Path> files) {
            if (temperaturesC != null) {
                double[] t = numbers("--temperatures-c", temperaturesC);
                if (t.length != files.size()) throw new InputException("--temperatures-c", "temperatures", files.size() + " values, one per spectrum", t.length + " values");
                return t;
            }
            java.util.regex.Pattern p = java.util.regex.Pattern.compile("(?:^|[_-])(-?\\d+(?:\\.\\d+)?)(?:C|degC)(?:[_.-]|$)");
            double[] t = new double[files.size()];
            for (int i = 0; i < t.length; i++) {
                var m = p.matcher(files.get(i).getFileName().toString());
                if (!m.find()) return null;
                t[i] = Double.parseDouble(m.group(1));
            }
            return t;
        }

        /** Files as given, folders as the spectrum files they hold (natural name order); none is bad input. */
        static List<Path> expand(List<Path> inputs) {
            List<Path> files = new ArrayList<>();
            for (Path in : inputs) {
                if (java.nio.file.Files.isDirectory(in)) {
                    try (var st = java.nio.file.Files.list(in)) {
                        st.filter(p -> java.nio.file.Files.isRegularFile(p) && isSpectrumName(p.getFileName().toString())).sorted(Series::naturalOrder).forEach(files::add);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException("cannot list " + in, e);
                    }
                } else {
                    files.add(in);
                }
            }
            if (files.isEmpty()) throw new InputException(inputs.toString(), "spectra", "spectrum files (or folders holding them)", "none");
            return files;
        }

        static final java.util.regex.Pattern STATE_NAME = java.util.regex.Pattern.compile("^.+?_([a-z]+(?:_\\d+)?)(?:\\.r\\d+)?\\.[A-Za-z]+$");

        /** The cell state a file's name gives ({@code <cell>_<state>[.r<k>].<ext>}), or null. */
        static org.solidscope.core.record.CellState stateOf(Path f) {
            var m = STATE_NAME.matcher(f.getFileName().toString());
            return m.matches() && org.solidscope.core.record.CellState.isName(m.group(1)) ? org.solidscope.core.record.CellState.parse("", m.group(1)) : null;
        }

        static boolean isSpectrumName(String n) {
            String l = n.toLowerCase(java.util.Locale.ROOT);
            return !l.equals("truth.csv") && (l.endsWith(".csv") || l.endsWith(".dta") || l.endsWith(".mpt") || l.endsWith(".mpr") || l.endsWith(".z")
                    || l.endsWith(".par") || l.endsWith(".txt"));
        }

        /** Names in natural order (r2 before r10). */
        static int naturalOrder(Path a, Path b) {
            String x = a.getFileName().toString(), y = b.getFileName().toString();
            java.util.regex.Pattern d = java.util.regex.Pattern.compile("\\d+|\\D+");
            var mx = d.matcher(x);
            var my = d.matcher(y);
            while (mx.find() && my.find()) {
                String px = mx.group(), py = my.group();
                int c = Character.isDigit(px.charAt(0)) && Character.isDigit(py.charAt(0))
                        ? new java.math.BigInteger(px).compareTo(new java.math.BigInteger(py)) : px.compareTo(py);
                if (c != 0) return c;
            }
            return Integer.compare(x.length(), y.length());
        }
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true, description = "A spectrum of a circuit, with noise (σ = noise·|Z| on Re and Im).")
    static final class Simulate implements Callable<Integer> {
        @Option(names = "--circuit", description = "the circuit (not with --operando)") String circuit;
        @Option(names = "--parameters", description = "one value per parameter in order") String parameters;
        @Option(names = "--operando", paramLabel = "DIR", description = "write seed 004's operando series instead: <cell>_<state>.r<k>.csv for 9 states of the first cycle, each with a sidecar giving its time_s on the clock of cycling simulate --preset seed004-rate, and truth.csv") Path operando;
        @Option(names = "--repeats", defaultValue = "20", description = "measurements per state with --operando (default ${DEFAULT-VALUE})") int repeats;
        @Option(names = "--cell", defaultValue = "operando-1", description = "cell id in the --operando file names") String cell;
        @Option(names = "--from-hz", defaultValue = "0.1") double fromHz;
        @Option(names = "--to-hz", defaultValue = "100000") double toHz;
        @Option(names = "--points-per-decade", defaultValue = "10") int ppd;
        @Option(names = "--noise", defaultValue = "0", description = "relative noise (default ${DEFAULT-VALUE})") double noise;
        @Option(names = "--seed", defaultValue = "1") long seed;
        @Option(names = "--out", description = "the spectrum: CSV, or a BioLogic .mpr (PEIS, float32) when the name ends .mpr") Path out;

        @Override
        public Integer call() {
            if (operando != null) return operando();
            if (circuit == null || parameters == null || out == null) {
                throw new InputException("eis simulate", "options", "--circuit, --parameters and --out (or --operando DIR)", "some missing");
            }
            Circuit c = Circuit.parse(circuit);
            double[] p = numbers("--parameters", parameters);
            if (p.length != c.parameterCount()) throw new InputException("--parameters", "parameters", c.parameterCount() + " values for " + c.parameterNames(), p.length + " values");
            if (!(fromHz > 0 && toHz > fromHz)) throw new InputException("--from-hz/--to-hz", "range", "0 < from < to", fromHz + "/" + toHz);
            if (ppd < 1 || ppd > 1000) throw new InputException("--points-per-decade", "points", "1 … 1000", String.valueOf(ppd));
            if (!(noise >= 0 && noise < 1)) throw new InputException("--noise", "noise", "a relative noise in [0, 1)", String.valueOf(noise));
            ImpedanceSpectrum s = SpectrumSimulator.simulate(c, p, SpectrumSimulator.logFrequencies(fromHz, toHz, ppd), noise, seed);
            if (out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".mpr")) {
                AtomicOutput.writeBytes(out, org.solidscope.echem.BioLogicMpr.write(s, java.time.LocalDate.now().format(java.time.format.DateTimeFormatter.ofPattern("MM/dd/yy"))));
            } else {
                SpectrumCsv.write(out, s);
            }
            Main.out().printf("wrote %s: %d points of %s%n", out, s.size(), c);
            return 0;
        }

        private int operando() {
            if (repeats < 1 || repeats > 1000) throw new InputException("--repeats", "repeats", "1 … 1000", String.valueOf(repeats));
            if (!cell.matches("[A-Za-z0-9-]{1,64}")) throw new InputException("--cell", "cell", "letters, digits and '-' (it goes into file names)", "'" + cell + "'");
            double nz = noise > 0 ? noise : 0.003;
            var ms = org.solidscope.echem.OperandoSimulator.simulate(repeats, nz, seed);
            StringBuilder truth = new StringBuilder("file,state,repeat,R0_ohm,R1_ohm,CPE1_0,CPE1_1,W1\n");
            for (var m : ms) {
                String name = cell + "_" + m.state() + ".r" + m.repeat() + ".csv";
                SpectrumCsv.write(operando.resolve(name), m.spectrum());
                // when it was measured on the cycler's clock of seed 004's first cycle (a minute per repeat): placed on the voltage curve
                AtomicOutput.writeString(operando.resolve(name + ".json"), Json.write(Map.of("time_s",
                        org.solidscope.echem.cycling.CyclingSimulator.seed004FirstCycleTimeS(m.state()) + 60.0 * (m.repeat() - 1))));
                truth.append(name).append(',').append(m.state()).append(',').append(m.repeat());
                for (double v : m.truth()) truth.append(',').append(v);
                truth.append('\n');
            }
            AtomicOutput.writeString(operando.resolve("truth.csv"), truth.toString());
            Main.out().printf("wrote %d spectra of %s (%d states × %d repeats, noise %.2g·|Z|) and truth.csv to %s%n", ms.size(),
                    org.solidscope.echem.OperandoSimulator.CIRCUIT, org.solidscope.echem.OperandoSimulator.STATES.size(), repeats, nz, operando);
            return 0;
        }
    }
}
