package org.solidscope.echem.cycling;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.solidscope.core.InputException;
import org.solidscope.core.Provenance;
import org.solidscope.core.record.AnalysisRecord;
import org.solidscope.core.record.Metric;
import org.solidscope.core.record.Modality;
import org.solidscope.core.record.RecordArray;
import org.solidscope.core.record.Rule;
import org.solidscope.core.record.Sidecars;
import org.solidscope.core.record.Specification;
import org.solidscope.core.record.Verdict;
import org.solidscope.core.record.Source;
import org.solidscope.io.Npy;

/**
 * Cycler runs in the record: galvanostatic cycling, critical-current-density runs of symmetric cells and voltammograms.
 * A file is a run when {@link CyclerFiles#isCyclerFile} says so (a header naming time, voltage and current, no frequency
 * column: impedance files stay the impedance modality's). Cell and state as every modality finds them (hints, sidecar
 * {@code cell_id}/{@code state}, name {@code <cell>_<state>.<ext>}).
 *
 * <p>What kind of run it is comes from the sidecar's {@code run} ({@code cycling}, {@code ccd}, {@code cv}) or, when it is
 * silent, from the data: |V| below 1.5 V throughout is a symmetric Li|SE|Li cell (CCD); a voltage that moves at one rate
 * on at least 80 % of the intervals is a sweep (voltammogram); anything else is cycling. The sidecar may also give
 * {@code area_cm2} (CCD and window need it; 1 cm² with a note otherwise) and {@code active_mass_mg} (for mAh/g).
 *
 * <p>Metrics {@code cycling.*}; arrays {@code cycles} [7, cycles] (cycle, charge and discharge capacity mAh, coulombic
 * efficiency, charge and discharge energy mWh, energy efficiency) and {@code curve} [4, ≤ {@link Settings#curvePoints}]
 * (time s, voltage V, current A, capacity since the step began mAh), evenly thinned rows of the whole run.
 */
public final class CyclingModality implements Modality {
    public static final String ID = "cycling";
    static final Pattern NAME = Pattern.compile("^(?<cell>.+?)_(?<state>[a-z]+(_\\d+)?)(\\.r\\d+)?\\.[a-z0-9]+$", Pattern.CASE_INSENSITIVE);

    /**
     * @param restCurrentA    |I| up to this is rest
     * @param ccdCollapse     a short: |V| below this fraction of the ASR's prediction
     * @param onsetUaCm2      the stability window's onset current density
     * @param curvePoints     most rows kept of the run for the curve
     */
    public record Settings(double restCurrentA, double ccdCollapse, double onsetUaCm2, int curvePoints) {
        public static Settings defaults() { return new Settings(1e-9, 0.3, 1.0, 20_000); }
    }

    public enum Kind { CYCLING, CCD, CV }

    /** What a specification's {@code cycling.rules} may judge, by the kind of run that produces it. */
    static final java.util.SortedSet<String> CYCLING_METRICS = new java.util.TreeSet<>(List.of("discharge_capacity_first_mah", "discharge_capacity_last_mah",
            "discharge_capacity_first_mah_g", "discharge_capacity_last_mah_g", "retention_pct", "coulombic_efficiency_first", "coulombic_efficiency_mean",
            "energy_efficiency_mean", "average_discharge_voltage_first_v", "ohmic_drop_first_mv"));
    static final java.util.SortedSet<String> CCD_METRICS = new java.util.TreeSet<>(List.of("ccd_ma_cm2", "asr_ohm_cm2", "plating_minus_stripping_mv"));
    static final java.util.SortedSet<String> CV_METRICS = new java.util.TreeSet<>(List.of("window_onset_v", "window_max_v"));
    static final Set<String> SETTING_KEYS = Set.of("rest_current_a", "ccd_collapse", "onset_ua_cm2", "curve_points");

    private final Settings settings;
    private final Specification.Section section;

    /** Default settings, judging nothing until {@link #configured} with a specification. */
    public CyclingModality() {
        this(Settings.defaults());
    }

    public CyclingModality(Settings settings) {
        this(settings, null);
    }

    private CyclingModality(Settings settings, Specification.Section section) {
        this.settings = settings;
        this.section = section;
    }

    @Override
    public Modality configured(Specification spec) {
        java.util.SortedSet<String> all = new java.util.TreeSet<>(CYCLING_METRICS);
        all.addAll(CCD_METRICS);
        all.addAll(CV_METRICS);
        Specification.Section s = spec.section(ID, ID + ".", all, SETTING_KEYS);
        Settings d = Settings.defaults();
        double points = s.setting("curve_points", d.curvePoints(), spec.source());
        if (!(points >= 100 && points <= 10_000_000 && points == Math.rint(points))) {
            throw new InputException(spec.source(), ID + ".settings.curve_points", "a whole number from 100 to 10,000,000", String.valueOf(points));
        }
        Settings set = new Settings(nonNegative(s, "rest_current_a", d.restCurrentA(), spec), nonNegative(s, "ccd_collapse", d.ccdCollapse(), spec),
                nonNegative(s, "onset_ua_cm2", d.onsetUaCm2(), spec), (int) points);
        return new CyclingModality(set, s);
    }

    private static double nonNegative(Specification.Section s, String key, double dflt, Specification spec) {
        double v = s.setting(key, dflt, spec.source());
        if (!(v >= 0)) throw new InputException(spec.source(), ID + ".settings." + key, "a number ≥ 0", String.valueOf(v));
        return v;
    }

    @Override
    public Map<String, Object> defaultSpecification() {
        // a lithium-metal cell must carry 1 mA/cm² to charge at a practical rate; seed 002 finds most below it at room temperature
        return Map.of(ID, Map.of("rules", List.of(
                Map.of("metric", "ccd_ma_cm2", "fail_below", 1.0),
                Map.of("metric", "coulombic_efficiency_mean", "fail_below", 0.95, "review_below", 0.99),
                Map.of("metric", "retention_pct", "fail_below", 70, "review_below", 80),
                Map.of("metric", "ohmic_drop_first_mv", "review_above", 200),
                Map.of("metric", "window_onset_v", "fail_below", 4.0, "review_below", 4.3))));
    }


    @Override
    public Specification.Section section() { return section; }

    /**
     * Judges the rules that apply to the kind of run the metrics are (a cycling run is not judged on a CCD). A CCD run that
     * never shorted has no CCD, only a floor ({@code ccd_above_ma_cm2}): it meets a lower limit when that floor does, and is
     * missing (REVIEW) otherwise, as the run stopped short of the limit.
     */
    @Override
    public Verdict judge(String state, String pipeline, Map<String, Double> metrics) {
        if (section == null || !section.judges()) return null;
        java.util.SortedSet<String> kind = metrics.containsKey(ID + ".shorted") ? CCD_METRICS
                : metrics.containsKey(ID + ".window_max_v") ? CV_METRICS : CYCLING_METRICS;
        List<Rule> rules = section.rules().stream().filter(r -> kind.contains(r.metric())).toList();
        Map<String, Double> judged = new java.util.HashMap<>(metrics);
        Double floor = metrics.get(ID + ".ccd_above_ma_cm2");
        if (floor != null && !metrics.containsKey(ID + ".ccd_ma_cm2")) {
            for (Rule r : rules) {
                if (r.metric().equals("ccd_ma_cm2") && !(floor < r.failBelow()) && !(floor < r.reviewBelow())) judged.put(ID + ".ccd_ma_cm2", floor);
            }
        }
        return Rule.judge(rules, m -> judged.getOrDefault(ID + "." + m, Double.NaN), ID + ".");
    }

    @Override
    public String id() { return ID; }

    @Override
    public boolean recognises(Source source) {
        // by content alone: Maccor names its exports by channel (.034, .052), others by whatever the user chose
        return source.data() != null && CyclerFiles.isCyclerFile(source.data());
    }

    @Override
    public Identity identify(Source source, Map<String, String> hints) {
        return Sidecars.identify(source, hints, NAME);
    }

    @Override
    public Analysed analyse(Source source, Identity identity) {
        JsonNode side = Sidecars.read(source);
        String src = source.shown();
        List<String> notes = new ArrayList<>();
        Kind given = null;
        if (side != null && side.hasNonNull("run")) {
            String r = side.get("run").asText().toUpperCase(Locale.ROOT);
            try {
                given = Kind.valueOf(r);
            } catch (IllegalArgumentException e) {
                throw new InputException(source.name() + ".json", "run", "cycling, ccd or cv", "'" + side.get("run").asText() + "'");
            }
        }
        double area = positive(side, "area_cm2", source), mass = positive(side, "active_mass_mg", source);
        CycleSummary sum = new CycleSummary(src, settings.restCurrentA());
        ThinnedCurve curve = new ThinnedCurve(settings.curvePoints(), settings.restCurrentA());
        String vendor = CyclerFiles.read(source.data(), null, (t, v, i, c, qc, qd, where) -> {
            sum.row(t, v, i, c, qc, qd, where);
            curve.row(t, v, i);
        });
        CycleSummary.Result result = sum.finish();
        notes.addAll(result.warnings());
        Kind kind = given != null ? given : curve.kind();
        if ((kind == Kind.CCD || kind == Kind.CV) && Double.isNaN(area)) {
            area = 1;
            notes.add("no area_cm2 in the sidecar: current densities are per 1 cm²");
        }
        AnalysisRecord r = record(source, vendor, kind, result, curve, area, mass, notes);
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("format", vendor);
        st.put("rows", result.rows());
        st.put("run", kind.name().toLowerCase(Locale.ROOT));
        if (source.sidecarJson() != null) st.put("sidecar", source.sidecarJson());
        return new Analysed("cycler", st, null, r, Double.NaN, Double.NaN);
    }

    private AnalysisRecord record(Source source, String vendor, Kind kind, CycleSummary.Result result, ThinnedCurve curve, double areaCm2, double massMg, List<String> notes) {
        List<Metric> m = new ArrayList<>();
        m.add(Metric.of("cycling.rows", result.rows(), "1"));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("run", kind.name().toLowerCase(Locale.ROOT));
        params.put("rest_current_a", settings.restCurrentA());
        params.put("run_kind", result.kind().name().toLowerCase(Locale.ROOT));
        if (kind == Kind.CYCLING && result.cycles().isEmpty()) {
            m.add(Metric.of("cycling.cycles", 0, "1"));
            m.add(Metric.of("cycling.steps", result.steps().size(), "1"));
            notes.add("no current flowed: an open-circuit record, no cycles");
        } else if (kind == Kind.CYCLING) {
            List<CycleSummary.Cycle> cs = result.cycles();
            CycleSummary.Cycle first = cs.get(0), last = cs.get(cs.size() - 1);
            m.add(Metric.of("cycling.cycles", cs.size(), "1"));
            m.add(Metric.of("cycling.steps", result.steps().size(), "1"));
            m.add(Metric.of("cycling.discharge_capacity_first_mah", first.dischargeCapacityMah(), "mAh"));
            m.add(Metric.of("cycling.discharge_capacity_last_mah", last.dischargeCapacityMah(), "mAh"));
            if (massMg > 0) {
                m.add(Metric.of("cycling.discharge_capacity_first_mah_g", first.dischargeCapacityMah() / massMg * 1000, "mAh/g"));
                m.add(Metric.of("cycling.discharge_capacity_last_mah_g", last.dischargeCapacityMah() / massMg * 1000, "mAh/g"));
            }
            if (last.dischargeCapacityMah() > 0) m.add(Metric.of("cycling.retention_pct", 100 * result.retention(last.cycle()), "%"));
            m.add(Metric.of("cycling.coulombic_efficiency_first", first.coulombicEfficiency(), "1"));
            m.add(Metric.of("cycling.coulombic_efficiency_mean", cs.stream().mapToDouble(CycleSummary.Cycle::coulombicEfficiency).filter(Double::isFinite)
                    .average().orElse(Double.NaN), "1"));
            m.add(Metric.of("cycling.energy_efficiency_mean", cs.stream().mapToDouble(CycleSummary.Cycle::energyEfficiency).filter(Double::isFinite)
                    .average().orElse(Double.NaN), "1"));
            m.add(Metric.of("cycling.average_discharge_voltage_first_v", first.averageDischargeVoltageV(), "V"));
            if (!result.ohmicDrops().isEmpty()) m.add(Metric.of("cycling.ohmic_drop_first_mv", result.ohmicDrops().get(0).dropMv(), "mV"));
        } else if (kind == Kind.CCD) {
            CriticalCurrentDensity.Result c = CriticalCurrentDensity.find(curve.wholeRun(vendor, source.data(), null), areaCm2, settings.restCurrentA(), settings.ccdCollapse());
            params.put("collapse", settings.ccdCollapse());
            m.add(Metric.of("cycling.shorted", c.shorted() ? 1 : 0, "1"));
            if (c.shorted()) {
                m.add(Metric.of("cycling.ccd_ma_cm2", c.ccdMaCm2(), "mA/cm²"));
                m.add(Metric.of("cycling.short_time_s", c.shortTimeS(), "s"));
                m.add(Metric.of("cycling.short_half_step", c.shortHalfStep(), "1"));
                notes.add(c.sign() == CriticalCurrentDensity.Sign.NOISE ? "short found by the onset of lasting voltage noise (a soft short)" : "short found by a lasting voltage collapse");
            } else {
                double top = c.halfSteps().stream().mapToDouble(h -> Math.abs(h.currentDensityMaCm2())).max().orElse(Double.NaN);
                m.add(Metric.of("cycling.ccd_above_ma_cm2", top, "mA/cm²"));
                notes.add("no short: the CCD is above the highest current density run");
            }
            m.add(Metric.of("cycling.asr_ohm_cm2", c.asrOhmCm2(), "Ohm·cm²"));
            if (Double.isFinite(c.asymmetryMv())) m.add(Metric.of("cycling.plating_minus_stripping_mv", c.asymmetryMv(), "mV"));
        } else {
            StabilityWindow.Result w = StabilityWindow.find(curve.wholeRun(vendor, source.data(), null), areaCm2, settings.onsetUaCm2());
            params.put("onset_ua_cm2", settings.onsetUaCm2());
            if (Double.isFinite(w.onsetV())) m.add(Metric.of("cycling.window_onset_v", w.onsetV(), "V"));
            else notes.add(String.format(Locale.ROOT, "no onset up to %.4g V", w.maxV()));
            m.add(Metric.of("cycling.window_max_v", w.maxV(), "V"));
        }
        if (kind != Kind.CYCLING) params.put("area_cm2", areaCm2);
        List<CycleSummary.Cycle> cs = result.cycles();
        int n = cs.size();
        float[] table = new float[7 * n];
        for (int k = 0; k < n; k++) {
            CycleSummary.Cycle c = cs.get(k);
            double[] row = {c.cycle(), c.chargeCapacityMah(), c.dischargeCapacityMah(), c.coulombicEfficiency(), c.chargeEnergyMwh(), c.dischargeEnergyMwh(),
                    c.energyEfficiency()};
            for (int q = 0; q < 7; q++) table[q * n + k] = (float) row[q];
        }
        List<RecordArray> arrays = List.of(
                new RecordArray("cycles", "table", "float32", new int[] {7, n}, "1|mAh×2|1|mWh×2|1", Double.NaN, null, Npy.encode2D(7, n, table)),
                curve.array());
        return new AnalysisRecord(ID, Provenance.of("cycling.summary/1", params, Map.of(source.name(), source.checksum())), m, arrays, List.of(), null, null, notes);
    }

    private static double positive(JsonNode side, String field, Source source) {
        if (side == null || !side.hasNonNull(field)) return Double.NaN;
        double v = side.get(field).asDouble(Double.NaN);
        if (!(v > 0 && Double.isFinite(v))) throw new InputException(source.name() + ".json", field, "a number > 0", side.get(field).asText());
        return v;
    }
}
