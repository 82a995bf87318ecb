package org.solidscope.echem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.solidscope.core.InputException;
import org.solidscope.core.Provenance;
import org.solidscope.core.record.AnalysisRecord;
import org.solidscope.core.record.Metric;
import org.solidscope.core.record.Modality;
import org.solidscope.core.record.RecordArray;
import org.solidscope.core.record.Sidecars;
import org.solidscope.core.record.Source;
import org.solidscope.core.record.Specification;
import org.solidscope.core.record.Verdict;
import org.solidscope.io.Npy;

/**
 * Impedance spectra in the record. A file is a spectrum when its format says so (Gamry, BioLogic,
 * ZPlot, VersaStudio extensions) or, for CSV and text, when its first lines name a frequency and an
 * impedance column or carry an instrument's preamble. Cell and state come from the user's hints, the
 * JSON sidecar ({@code cell_id}, {@code state}) or the name {@code <cell>_<state>[.r<k>].<ext>}.
 *
 * <p>The analysis: lin-KK validity first (a spectrum whose residuals exceed the limit gets a note, and is still fitted so
 * that the user sees why; the specification's {@code eis.rules} on {@code kk_max_residual_pct} make it REVIEW); then the settings' circuit fitted from
 * guesses read off the data with a global start. Metrics {@code eis.*}: every circuit parameter with its
 * standard error, {@code eis.rs_ohm} and {@code eis.rct_ohm} (the first series resistance and the first
 * one in a parallel group), lin-KK's M, µ and largest residual, χ², and {@code eis.time_s} when the sidecar gives {@code time_s}
 * (seconds on the clock of the cell's cycler run); arrays {@code spectrum} and
 * {@code fit}, each [3, N]: frequency (Hz), Z′ and Z″ (Ω).
 */
public final class EisModality implements Modality {
    public static final String ID = "eis";
    static final Pattern NAME = Pattern.compile("^(?<cell>.+?)_(?<state>[a-z]+(_\\d+)?)(\\.r\\d+)?\\.[a-z0-9]+$", Pattern.CASE_INSENSITIVE);

    /**
     * @param circuit             the equivalent circuit fitted to every spectrum
     * @param starts              starts of the global fit (1: local from the data's guesses)
     * @param kkC                 lin-KK's µ threshold
     * @param kkMaxResidualPercent the largest lin-KK residual (% of |Z|) of a valid spectrum (lin-KK run complex, with a series
     *                            capacitance, M from two per decade: {@link LinKK.Options#robust})
     */
    public record Settings(String circuit, int starts, double kkC, double kkMaxResidualPercent) {
        public static Settings defaults() { return new Settings("R0-p(R1,CPE1)-W1", 6, 0.85, 2.0); }
    }

    /** What a specification's {@code eis.rules} may judge (every circuit's parameters have their own names; these are common to all). */
    static final SortedSet<String> METRICS = new TreeSet<>(List.of("rs_ohm", "rct_ohm", "kk_max_residual_pct", "kk_mu", "chi2_reduced", "rmse_ohm"));
    static final Set<String> SETTING_KEYS = Set.of("circuit", "starts", "kk_c", "kk_max_residual_pct");

    private final Settings settings;
    private final Circuit circuit;
    private final Specification.Section section;

    /** Default settings, judging nothing until {@link #configured} with a specification. */
    public EisModality() {
        this(Settings.defaults());
    }

    public EisModality(Settings settings) {
        this(settings, null);
    }

    private EisModality(Settings settings, Specification.Section section) {
        this.settings = settings;
        this.circuit = Circuit.parse(settings.circuit());
        this.section = section;
    }

    @Override
    public Modality configured(Specification spec) {
        Specification.Section s = spec.section(ID, ID + ".", METRICS, SETTING_KEYS);
        Settings d = Settings.defaults();
        String circuitText = d.circuit();
        if (s.settings() != null && s.settings().has("circuit")) {
            circuitText = s.settings().get("circuit").asText();
            try {
                Circuit.parse(circuitText);
            } catch (IllegalArgumentException | InputException e) {
                throw new InputException(spec.source(), ID + ".settings.circuit", "a circuit such as " + d.circuit(), "'" + circuitText + "': " + e.getMessage());
            }
        }
        double starts = s.setting("starts", d.starts(), spec.source());
        if (!(starts >= 1 && starts <= 1000 && starts == Math.rint(starts))) {
            throw new InputException(spec.source(), ID + ".settings.starts", "a whole number from 1 to 1000", String.valueOf(starts));
        }
        Settings set = new Settings(circuitText, (int) starts, s.setting("kk_c", d.kkC(), spec.source()),
                s.setting("kk_max_residual_pct", d.kkMaxResidualPercent(), spec.source()));
        return new EisModality(set, s);
    }

    @Override
    public Map<String, Object> defaultSpecification() {
        // a spectrum lin-KK finds inconsistent is not a stable linear system's: its fit is shown, not trusted (seed 004 quotes ±1 % for Rs)
        return Map.of(ID, Map.of("rules", List.of(
                Map.of("metric", "kk_max_residual_pct", "review_above", Settings.defaults().kkMaxResidualPercent()),
                Map.of("metric", "rct_ohm", "review_above", 1000.0))));
    }


    @Override
    public Specification.Section section() { return section; }


    @Override
    public String id() { return ID; }

    @Override
    public Claim claim(Source source) {
        if (!recognises(source)) return Claim.NONE;
        // an instrument's extension is a claim by name (a Gamry .DTA or BioLogic .mpr may hold a cycling run, whose reader
        // claims it by its content); a table whose header names frequency and impedance is one by content
        String n = source.name().toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") || n.endsWith(".txt") ? Claim.BY_CONTENT : Claim.BY_NAME;
    }

    @Override
    public boolean recognises(Source source) {
        String n = source.name().toLowerCase(Locale.ROOT);
        if (n.endsWith(".dta") || n.endsWith(".mpt") || n.endsWith(".mpr") || n.endsWith(".z") || n.endsWith(".par")) return true;
        if (!n.endsWith(".csv") && !n.endsWith(".txt")) return false;
        String head = head(source);
        if (head.startsWith("EC-Lab ASCII") || ZPlotFile.recognises(head) || TextExports.isChInstruments(head)) return true;
        String first = head.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElse("").toLowerCase(Locale.ROOT).replace(" ", "");
        return first.contains("freq") && (first.contains("z'") || first.contains("zre") || first.contains("z_real") || first.contains("re(z)")
                || first.contains("real") || first.contains("|z|") || first.contains("impedance")); // pyDRTtools' Real/Imag, Zahner's |Z| and phase
    }

    private static String head(Source source) {
        if (source.data() == null) return "";
        try (InputStream in = Files.newInputStream(source.data())) {
            return new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public Identity identify(Source source, Map<String, String> hints) {
        return Sidecars.identify(source, hints, NAME);
    }

    @Override
    public Analysed analyse(Source source, Identity identity) {
        ImpedanceSpectrum s = InstrumentFiles.read(source.data(), source.shown());
        AnalysisRecord r = analyse(s, Map.of(source.name(), source.checksum()));
        com.fasterxml.jackson.databind.JsonNode side = Sidecars.read(source);
        if (side != null && side.hasNonNull("time_s")) {
            // when it was measured on the clock of the cell's cycler run: the cell page places it on the voltage curve
            double t = side.get("time_s").asDouble(Double.NaN);
            if (!Double.isFinite(t)) throw new InputException(source.name() + ".json", "time_s", "seconds on the cycler's clock (a number)", side.get("time_s").asText());
            List<Metric> m = new ArrayList<>(r.metrics());
            m.add(Metric.of("eis.time_s", t, "s"));
            r = new AnalysisRecord(r.modality(), r.provenance(), m, r.arrays(), r.features(), r.spec(), r.verdict(), r.notes());
        }
        Map<String, Object> st = new LinkedHashMap<>(s.metadata());
        st.put("points", s.size());
        if (source.sidecarJson() != null) st.put("sidecar", source.sidecarJson());
        return new Analysed("impedance spectroscopy", st, null, r, Double.NaN, Double.NaN);
    }

    /** lin-KK, the circuit fit and what the record keeps of them. */
    public AnalysisRecord analyse(ImpedanceSpectrum s, Map<String, String> inputs) {
        List<Metric> m = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (s.size() >= 5) {
            LinKK.Result kk = LinKK.test(s, settings.kkC(), LinKK.Options.robust(s));
            double worst = 100 * kk.maxResidualRelative();
            m.add(Metric.of("eis.kk_m", kk.m(), "1"));
            m.add(Metric.of("eis.kk_mu", kk.mu(), "1"));
            m.add(Metric.of("eis.kk_max_residual_pct", worst, "%"));
            if (worst > settings.kkMaxResidualPercent()) {
                String text = String.format(Locale.ROOT, "lin-KK: largest residual %.2f %% of |Z| > %.2f %%: the spectrum is not a stable linear system's (drift?); its fit is shown, not trusted",
                        worst, settings.kkMaxResidualPercent());
                notes.add(text);
            }
        } else {
            notes.add("fewer than 5 points: no lin-KK test");
        }
        CircuitFit.Result fit = CircuitFit.fitGlobal(circuit, s, InitialGuess.of(circuit, s), CircuitFit.Weighting.MODULUS, Map.of(), settings.starts(), 1);
        for (String w : FitQuality.judge(s, fit).warnings()) notes.add("fit: " + w);
        String rs = null, rct = null;
        for (CircuitFit.Parameter p : fit.parameters()) {
            m.add(new Metric("eis." + p.name().toLowerCase(Locale.ROOT), p.value(), p.unit().isEmpty() ? "1" : p.unit(), p.stderr()));
        }
        for (String name : circuit.parameterNames()) {
            if (!name.startsWith("R") || name.contains("_")) continue;
            if (rs == null && circuit.isSeriesTopLevel(name)) rs = name;
            else if (rct == null && !circuit.isSeriesTopLevel(name)) rct = name;
        }
        if (rs != null) m.add(alias("eis.rs_ohm", fit, rs));
        if (rct != null) m.add(alias("eis.rct_ohm", fit, rct));
        m.add(Metric.of("eis.chi2_reduced", fit.reducedChi2(), "1"));
        m.add(Metric.of("eis.rmse_ohm", fit.rmseOhm(), "Ohm"));
        double[] re = new double[s.size()], im = new double[s.size()];
        circuit.impedance(fit.values(), s.frequencyHz(), re, im);
        List<RecordArray> arrays = List.of(
                array("spectrum", s.frequencyHz(), s.zRealOhm(), s.zImagOhm()),
                array("fit", s.frequencyHz(), re, im));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("circuit", circuit.toString());
        params.put("starts", settings.starts());
        params.put("weighting", "modulus");
        params.put("kk_c", settings.kkC());
        params.put("kk_max_residual_pct", settings.kkMaxResidualPercent());
        return new AnalysisRecord(ID, Provenance.of("eis.fit/1", params, inputs), m, arrays, List.of(), null, null, notes);
    }

    private static Metric alias(String name, CircuitFit.Result fit, String parameter) {
        CircuitFit.Parameter p = fit.parameters().stream().filter(x -> x.name().equals(parameter)).findFirst().orElseThrow();
        return new Metric(name, p.value(), "Ohm", p.stderr());
    }

    private static RecordArray array(String name, double[] f, double[] re, double[] im) {
        int n = f.length;
        float[] v = new float[3 * n];
        for (int i = 0; i < n; i++) { v[i] = (float) f[i]; v[n + i] = (float) re[i]; v[2 * n + i] = (float) im[i]; }
        return new RecordArray(name, "spectrum", "float32", new int[] {3, n}, "Hz|Ohm|Ohm", Double.NaN, null, Npy.encode2D(3, n, v));
    }
}
