package org.solidscope.ultrasound;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import org.solidscope.core.record.AnalysisRecord;
import org.solidscope.core.record.CellFrame;
import org.solidscope.core.record.CellState;
import org.solidscope.core.record.Feature;
import org.solidscope.core.record.Metric;
import org.solidscope.core.record.Modality;
import org.solidscope.core.record.RecordArray;
import org.solidscope.core.record.Source;
import org.solidscope.core.record.Units;
import org.solidscope.io.CscanFiles;
import org.solidscope.io.CscanGrid;
import org.solidscope.io.Npy;

/**
 * Ultrasonic stage scans in the record: a C-scan file of a process stage, analysed by
 * {@link StageAnalyzer} against a specification. Cell and stage come from (in this order) the
 * user's hints, the JSON sidecar ({@code cell_id}, {@code stage} or {@code state}), the CSV header
 * ({@code # cell_id: …}, {@code # stage: …}) or the file name {@code <cell>_<stage>[_<gain>db].<ext>}.
 * Metrics are recorded as {@code ut.<name>}; the level map as the array {@code levels}, placed in
 * the cell's frame by the outline found.
 */
public final class UltrasoundModality implements Modality {
    public static final String ID = "ultrasound";
    static final Pattern NAME = Pattern.compile("^(?<cell>.+?)_(?<stage>infiltration|solidification|formation)(_\\d+db)?\\.(csv|png|tif|tiff|npy)$",
            Pattern.CASE_INSENSITIVE);

    private final StageAnalyzer analyzer;
    private final InspectionSpec spec;

    /** Judged against the shipped default specification until {@link #configured} with another. */
    public UltrasoundModality() {
        this(InspectionSpec.defaults());
    }

    public UltrasoundModality(InspectionSpec spec) {
        this.analyzer = new StageAnalyzer(spec);
        this.spec = spec;
    }

    @Override
    public String id() { return ID; }

    /** The specification's ultrasonic part: its thresholds, defect settings and stage rules. */
    public InspectionSpec spec() { return spec; }

    /** Where release 0.1.0 put them: at the specification's root. */
    @Override
    public java.util.Set<String> specificationKeys() {
        java.util.Set<String> keys = new java.util.TreeSet<>(InspectionSpec.ROOT_KEYS);
        keys.removeAll(java.util.Set.of("spec_version", "name"));
        return keys;
    }

    @Override
    public Modality configured(org.solidscope.core.record.Specification specification) {
        return new UltrasoundModality(InspectionSpec.of(specification));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> defaultSpecification() {
        try (var in = InspectionSpec.class.getResourceAsStream("default-spec.json")) {
            Map<String, Object> all = new LinkedHashMap<>(Json.mapper().readValue(in, Map.class));
            all.keySet().retainAll(specificationKeys());
            return all;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("default specification missing from the build", e);
        }
    }

    @Override
    public String settingsFingerprint() {
        return spec.fingerprint();
    }

    @Override
    public String specificationName() {
        return spec.judges() ? spec.name() : null;
    }

    @Override
    public List<String> comparedStates() {
        return java.util.Arrays.stream(Stage.values()).map(Stage::id).toList();
    }

    @Override
    public String comparisonPipeline() { return COMPARISON; }

    /**
     * The stage comparison of a cell (solidification degree, formation recovery, new defects): its first scan of each
     * stage analysed, registered on the infiltrated one and compared. Null without the infiltration or solidification scan.
     */
    @Override
    public AnalysisRecord compare(List<Source> scans) {
        if (scans.get(0) == null || scans.get(1) == null) return null;
        StageAnalysis[] a = new StageAnalysis[3];
        for (int k = 0; k < 3; k++) {
            Source s = scans.get(k);
            if (s == null) continue;
            var scan = CscanFiles.read(s.name(), s.data(), s.sidecarJson());
            a[k] = analyzer.analyze(scan, Stage.values()[k], a[0] == null ? null : a[0].cell(), Map.of(s.name(), s.checksum()));
        }
        var result = StageComparison.compare(a[0], a[1], a[2], spec, Map.of());
        return comparisonRecord(result, frameOf(a[0].cell(), a[0].levels().db().geometry()));
    }

    @Override
    public String mapArray() { return "levels"; }

    /** Levels on the dB scale a pouch cell spans (−70 dB: nothing through; −15 dB: a wetted cell at 15 dB); degree and recovery as fractions. */
    @Override
    public Rendering rendering(String array) {
        return switch (array) {
            case "levels" -> new Rendering(-70, -15, "VIRIDIS", "level", "level (dB)");
            case "degree" -> new Rendering(0, 1, "CIVIDIS", "solidification degree 1 − A_s/A_i", "degree");
            case "recovery" -> new Rendering(0, 1.2, "CIVIDIS", "formation recovery A_f/A_i", "recovery");
            default -> null;
        };
    }

    /** A stage scan by its stage's rules, a stage comparison by the comparison rules; metrics {@code ut.<name>}. */
    @Override
    public org.solidscope.core.record.Verdict judge(String state, String pipeline, Map<String, Double> metrics) {
        String group = COMPARISON.equals(pipeline) ? "comparison" : state;
        Map<String, Double> byName = new java.util.HashMap<>();
        metrics.forEach((k, v) -> { if (k.startsWith("ut.")) byName.put(k.substring(3), v); });
        return spec.judge(group, byName);
    }

    /**
     * Any CSV; a 2D {@code .npy}; a PNG or TIFF whose sidecar gives {@code gain_db} (a C-scan image
     * needs one; a CT stack does not). Ground truth and A-scan files of the simulator are not scans.
     */
    @Override
    public Claim claim(Source source) {
        if (!recognises(source)) return Claim.NONE;
        // any table is a C-scan by its name only: a cycler run or a spectrum names its columns, and wins
        return source.name().toLowerCase(Locale.ROOT).endsWith(".csv") ? Claim.BY_NAME : Claim.BY_CONTENT;
    }

    @Override
    public boolean recognises(Source source) {
        String n = source.name().toLowerCase(Locale.ROOT);
        if (n.contains(".truth") || n.endsWith(".ascan.npy")) return false;
        if (n.endsWith(".csv")) return true;
        if (n.endsWith(".npy")) {
            try {
                return Npy.readHeader(source.data()).shape().length == 2;
            } catch (InputException e) {
                return false;
            }
        }
        if (n.endsWith(".png") || n.endsWith(".tif") || n.endsWith(".tiff")) return source.sidecarJson() != null && source.sidecarJson().contains("\"gain_db\"");
        return false;
    }

    @Override
    public Identity identify(Source source, Map<String, String> hints) {
        String src = source.shown();
        String cell = hints.get("cell_id"), stage = hints.get("state");
        if (source.sidecarJson() != null) {
            try {
                var side = Json.mapper().readTree(source.sidecarJson());
                if (cell == null && side.hasNonNull("cell_id")) cell = side.get("cell_id").asText();
                if (stage == null && side.hasNonNull("stage")) stage = side.get("stage").asText();
                if (stage == null && side.hasNonNull("state")) stage = side.get("state").asText();
            } catch (IOException e) {
                throw new InputException(src + ".json", "json", "valid JSON", Json.describe(e));
            }
        }
        if ((cell == null || stage == null) && source.name().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            try (BufferedReader r = Files.newBufferedReader(source.data(), StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null && line.startsWith("#")) {
                    int colon = line.indexOf(':');
                    if (colon < 0) continue;
                    String k = line.substring(1, colon).strip().toLowerCase(Locale.ROOT), v = line.substring(colon + 1).strip();
                    if (k.equals("cell_id") && cell == null) cell = v;
                    if ((k.equals("stage") || k.equals("state")) && stage == null) stage = v;
                }
            } catch (IOException e) {
                throw new InputException(src, "file", "a readable file", e.getMessage());
            }
        }
        Matcher m = NAME.matcher(source.name());
        if ((cell == null || stage == null) && m.matches()) {
            if (cell == null) cell = m.group("cell");
            if (stage == null) stage = m.group("stage");
        }
        if (cell == null || cell.isBlank()) {
            throw new InputException(src, "cell_id", "a cell id in the sidecar, the CSV header or a name <cell>_<stage>.<ext>", "none");
        }
        if (stage == null) throw new InputException(src, "stage", "a stage in the sidecar, the CSV header or the file name", "none");
        Stage st = Stage.parse(src, stage);
        return new Identity(cell.strip(), CellState.parse(src, st.id()));
    }

    @Override
    public Analysed analyse(Source source, Identity identity) {
        Stage stage = Stage.parse(source.shown(), identity.state().name());
        CscanGrid scan = CscanFiles.read(source.name(), source.data(), source.sidecarJson());
        StageAnalysis a = analyzer.analyze(scan, stage, Map.of(source.name(), source.checksum()));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("gain_db", scan.gainDb());
        settings.put("pitch_mm", scan.amplitude().geometry().pitchMm());
        settings.put("origin_x_mm", scan.amplitude().geometry().originXMm());
        settings.put("origin_y_mm", scan.amplitude().geometry().originYMm());
        settings.put("amplitude_unit", scan.amplitudeUnit());
        settings.put("full_scale", scan.fullScale());
        settings.put("width", scan.amplitude().width());
        settings.put("height", scan.amplitude().height());
        if (source.sidecarJson() != null) settings.put("sidecar", source.sidecarJson());
        CellFrame frame = frameOf(a.cell(), scan.amplitude().geometry());
        return new Analysed("ultrasonic C-scan", settings, frame, record(a, frame), a.cell().found() ? a.cell().widthMm() : Double.NaN,
                a.cell().found() ? a.cell().heightMm() : Double.NaN);
    }

    /**
     * Where the scan's grid lies in the cell's frame (origin at the cell's corner (−W/2, −H/2) in cell
     * coordinates, x along its width): a scan point p maps to R(−θ)(p − c) + (W/2, H/2). Null when
     * the outline was not found.
     */
    public static CellFrame frameOf(CellOutline cell, GridGeometry g) {
        if (!cell.found()) return null;
        double t = Math.toRadians(cell.angleDeg()), c = Math.cos(t), s = Math.sin(t);
        double dx = g.originXMm() - cell.centreXMm(), dy = g.originYMm() - cell.centreYMm();
        return new CellFrame(dx * c + dy * s + cell.widthMm() / 2, -dx * s + dy * c + cell.heightMm() / 2, g.pitchMm(), -cell.angleDeg(), Double.NaN);
    }

    /** The record of a stage analysis: metrics {@code ut.*}, the level map, the defects as features. */
    public static AnalysisRecord record(StageAnalysis a, CellFrame frame) {
        List<Metric> metrics = new ArrayList<>();
        a.metrics().byName().forEach((k, v) -> metrics.add(Metric.of("ut." + k, v, Units.ofName(k))));
        metrics.add(Metric.of("ut.defect_count", a.defects().stream().filter(Defect::countsAgainstCell).count(), "1"));
        metrics.add(Metric.of("ut.cell_width_mm", a.cell().widthMm(), "mm"));
        metrics.add(Metric.of("ut.cell_height_mm", a.cell().heightMm(), "mm"));
        metrics.add(Metric.of("ut.body_level_db", a.bodyLevelDb(), "dB"));
        var db = a.levels().db();
        List<RecordArray> arrays = List.of(new RecordArray("levels", "map", "float32", new int[] {db.height(), db.width()}, "dB",
                db.geometry().pitchMm(), frame, Npy.encode2D(db.height(), db.width(), db.values())));
        List<Feature> features = new ArrayList<>();
        for (Defect d : a.defects()) {
            Map<String, Double> p = new LinkedHashMap<>();
            p.put("circularity", d.circularity());
            p.put("contrast_db", d.contrastDb());
            features.add(new Feature(d.kind().id(), d.xMm(), d.yMm(), Double.NaN, d.areaMm2(), d.diameterMm(), d.countsAgainstCell(), p));
        }
        return new AnalysisRecord(ID, a.provenance(), metrics, arrays, features, String.valueOf(a.provenance().parameters().get("spec")),
                a.verdict(), a.notes());
    }

    /** Pipeline name of stored stage comparisons (analyses of a cell, not of one measurement). */
    public static final String COMPARISON = StageComparison.PIPELINE;

    /**
     * The record of a stage comparison of one cell: metrics {@code ut.solidification.degree_*} and
     * {@code ut.formation.recovery_*} (mean, std, cv, p10, p90 over the infiltrated cell's points), the
     * counts of defects new at each stage, the degree and recovery maps (on the infiltrated scan's grid,
     * placed in the cell by {@code frame}) and the new defects as features.
     */
    public static AnalysisRecord comparisonRecord(StageComparison.Result c, CellFrame frame) {
        List<Metric> m = new ArrayList<>();
        stats(m, "ut.solidification.degree", c.degree());
        stats(m, "ut.formation.recovery", c.recovery());
        m.add(Metric.of("ut.solidification.new_defects", c.newAtSolidification().stream().filter(Defect::countsAgainstCell).count(), "1"));
        if (c.recovery() != null) m.add(Metric.of("ut.formation.new_defects", c.newAtFormation().stream().filter(Defect::countsAgainstCell).count(), "1"));
        List<RecordArray> arrays = new ArrayList<>();
        var d = c.degreeMap();
        arrays.add(new RecordArray("degree", "map", "float32", new int[] {d.height(), d.width()}, "1", d.geometry().pitchMm(), frame,
                Npy.encode2D(d.height(), d.width(), d.values())));
        if (c.recoveryMap() != null) {
            var r = c.recoveryMap();
            arrays.add(new RecordArray("recovery", "map", "float32", new int[] {r.height(), r.width()}, "1", r.geometry().pitchMm(), frame,
                    Npy.encode2D(r.height(), r.width(), r.values())));
        }
        List<Feature> features = new ArrayList<>();
        for (var e : List.of(Map.entry("solidification", c.newAtSolidification()), Map.entry("formation", c.newAtFormation()))) {
            for (Defect x : e.getValue()) {
                Map<String, Double> p = new LinkedHashMap<>();
                p.put("circularity", x.circularity());
                p.put("new_at_" + e.getKey(), 1.0);
                features.add(new Feature(x.kind().id(), x.xMm(), x.yMm(), Double.NaN, x.areaMm2(), x.diameterMm(), x.countsAgainstCell(), p));
            }
        }
        return new AnalysisRecord(ID, c.provenance(), m, arrays, features, String.valueOf(c.provenance().parameters().get("spec")), c.verdict(), List.of());
    }

    private static void stats(List<Metric> out, String prefix, StageComparison.MapStats s) {
        if (s == null) return;
        out.add(Metric.of(prefix + "_mean", s.mean(), "1"));
        out.add(Metric.of(prefix + "_std", s.std(), "1"));
        out.add(Metric.of(prefix + "_cv", s.cv(), "1"));
        out.add(Metric.of(prefix + "_p10", s.p10(), "1"));
        out.add(Metric.of(prefix + "_p90", s.p90(), "1"));
        out.add(Metric.of(prefix + "_points", s.points(), "1"));
    }
}
