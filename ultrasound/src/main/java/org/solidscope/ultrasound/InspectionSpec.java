package org.solidscope.ultrasound;

import org.solidscope.core.AtomicOutput;
import org.solidscope.core.record.Rule;
import org.solidscope.core.record.Specification;
import org.solidscope.core.record.Verdict;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;

/**
 * The written specification a scan is judged against: instrument noise floor, the transmitting
 * threshold, segmentation settings and the limits per stage. Loaded from JSON (format in the README;
 * the shipped default is {@code default-spec.json} in this package).
 */
public record InspectionSpec(String name, double noiseFloorPercentFsh, double snrMarginDb, double transmittingThresholdDb,
                             double edgeMarginMm, DefectSettings defects, Map<String, List<Rule>> rules, String source) {

    /** Segmentation settings of {@link DefectDetector}; all levels in dB relative to the body level. */
    public record DefectSettings(double lowSeedDb, double lowGrowDb, double deepDb, double highSeedDb, double highGrowDb,
                                 double minAreaMm2, double minAccumulationAreaMm2, double compactAxisRatio,
                                 double compactFill, double maxBubbleDiameterMm, double beamLimitedDiameterMm, double minBodyFraction) {}

    static final Set<String> RULE_GROUPS = Set.of("infiltration", "solidification", "formation", "comparison");

    public static InspectionSpec defaults() {
        try (InputStream in = InspectionSpec.class.getResourceAsStream("default-spec.json")) {
            return parse(Json.mapper().readTree(in), "default-spec.json");
        } catch (IOException e) {
            throw new UncheckedIOException("default specification missing from the build", e);
        }
    }

    /**
     * SHA-256 of what the specification says (name, thresholds, defect settings, rules), not where it was
     * read from: two files with the same content judge alike and share it.
     */
    public String fingerprint() {
        // rules sorted by group: the map's own order (Map.copyOf) changes from one JVM to the next
        String content = new InspectionSpec(name, noiseFloorPercentFsh, snrMarginDb, transmittingThresholdDb, edgeMarginMm, defects,
                new java.util.TreeMap<>(rules), "").toString();
        return org.solidscope.core.Checksums.sha256(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The specification in {@code file}, or the shipped default when {@code file} is null. */
    public static InspectionSpec loadOrDefault(Path file) {
        return file == null ? defaults() : load(file);
    }

    public static InspectionSpec load(Path file) {
        AtomicOutput.noteInput(file);
        if (!Files.exists(file)) throw new InputException(file.toString(), "file", "an existing specification file", "no such file");
        try {
            return parse(Json.mapper().readTree(file.toFile()), file.toString());
        } catch (IOException e) {
            throw new InputException(file.toString(), "json", "valid JSON", Json.describe(e), e);
        }
    }

    /** A specification from its JSON text; {@code source} names it in errors (as a file would be named). */
    public static InspectionSpec parse(String json, String source) {
        try {
            return parse(Json.mapper().readTree(json), source);
        } catch (IOException e) {
            throw new InputException(source, "json", "valid JSON", Json.describe(e), e);
        }
    }

    /** Keys a specification may hold at its root; anything else is a typo that would silently change a verdict. */
    static final Set<String> ROOT_KEYS = Set.of("spec_version", "name", "noise_floor_percent_fsh", "snr_margin_db",
            "transmitting_threshold_db", "edge_margin_mm", "defects", "rules");
    static final Set<String> DEFECT_KEYS = Set.of("low_seed_db", "low_grow_db", "deep_db", "high_seed_db", "high_grow_db",
            "min_area_mm2", "min_accumulation_area_mm2", "compact_axis_ratio", "compact_fill", "max_bubble_diameter_mm",
            "beam_limited_diameter_mm", "min_body_fraction");

    /** The metric names a group's rules may judge: what its analysis produces. */
    public static java.util.SortedSet<String> metricsOf(String group) {
        return group.equals("comparison") ? StageComparison.Result.names() : StageMetrics.names();
    }

    /**
     * Reads a specification. It is complete or refused: every rule group must be present (an empty
     * list says "no limits"), every metric must be one its group produces, limits must be ordered
     * (fail_below ≤ review_below ≤ review_above ≤ fail_above), margins must not be negative and
     * unknown keys are refused, so that no omission or typo silently turns a FAIL into a PASS.
     */
    static InspectionSpec parse(JsonNode root, String src) {
        if (root == null || !root.isObject()) throw new InputException(src, "root", "a JSON object", String.valueOf(root));
        onlyKnownKeys(root, src, "", ROOT_KEYS);
        return ofPart(Specification.of(root, src), true);
    }

    /**
     * Ultrasound's part of a specification of every modality (the registry checks the keys of the others). Without
     * {@code rules} the scans are analysed with the part's settings and not judged; with them, every group is required.
     */
    public static InspectionSpec of(Specification spec) {
        return ofPart(spec, false);
    }

    private static InspectionSpec ofPart(Specification spec, boolean rulesRequired) {
        JsonNode root = spec.root();
        String src = spec.source();
        JsonNode d = root.path("defects");
        if (!d.isMissingNode() && !d.isObject()) throw new InputException(src, "defects", "an object", d.toString());
        if (d.isObject()) onlyKnownKeys(d, src, "defects.", DEFECT_KEYS);
        DefectSettings ds = new DefectSettings(
                positive(d, src, "defects.low_seed_db", 10), positive(d, src, "defects.low_grow_db", 6),
                positive(d, src, "defects.deep_db", 15), positive(d, src, "defects.high_seed_db", 4),
                positive(d, src, "defects.high_grow_db", 2.5), positive(d, src, "defects.min_area_mm2", 2.0),
                positive(d, src, "defects.min_accumulation_area_mm2", 20), positive(d, src, "defects.compact_axis_ratio", 0.6),
                positive(d, src, "defects.compact_fill", 0.75), positive(d, src, "defects.max_bubble_diameter_mm", 30),
                positive(d, src, "defects.beam_limited_diameter_mm", 5),
                positive(d, src, "defects.min_body_fraction", 0.2));
        if (ds.lowGrowDb() > ds.lowSeedDb()) throw new InputException(src, "defects.low_grow_db", "≤ low_seed_db", String.valueOf(ds.lowGrowDb()));
        if (ds.highGrowDb() > ds.highSeedDb()) throw new InputException(src, "defects.high_grow_db", "≤ high_seed_db", String.valueOf(ds.highGrowDb()));
        Map<String, List<Rule>> rules = new LinkedHashMap<>();
        JsonNode r = root.path("rules");
        if (r.isMissingNode() && !rulesRequired) {
            return new InspectionSpec(spec.name(), positive(root, src, "noise_floor_percent_fsh", 1.5), margin(root, src, "snr_margin_db", 6, "dB"),
                    num(root, src, "transmitting_threshold_db", -60), margin(root, src, "edge_margin_mm", 3, "mm"), ds, Map.of(), src);
        }
        if (r.isMissingNode()) {
            throw new InputException(src, "rules", "an object with the rule groups " + new java.util.TreeSet<>(RULE_GROUPS)
                    + " (an empty list for a group without limits)", "missing");
        }
        if (!r.isObject()) throw new InputException(src, "rules", "an object keyed by stage", r.toString());
        for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
            String group = it.next();
            if (!RULE_GROUPS.contains(group)) throw new InputException(src, "rules." + group, "one of " + new java.util.TreeSet<>(RULE_GROUPS), "'" + group + "'");
        }
        for (String group : List.of("infiltration", "solidification", "formation", "comparison")) {
            rules.put(group, Rule.parseGroup(r.get(group), src, "rules." + group, metricsOf(group)));
        }
        return new InspectionSpec(spec.name(), positive(root, src, "noise_floor_percent_fsh", 1.5), margin(root, src, "snr_margin_db", 6, "dB"),
                num(root, src, "transmitting_threshold_db", -60), margin(root, src, "edge_margin_mm", 3, "mm"), ds, Map.copyOf(rules), src);
    }

    private static double margin(JsonNode root, String src, String key, double dflt, String unit) {
        double v = num(root, src, key, dflt);
        if (v < 0) throw new InputException(src, key, "a margin ≥ 0 " + unit, String.valueOf(v));
        return v;
    }

    /** Whether the specification has rules for ultrasound: without them its scans are analysed and not judged. */
    public boolean judges() {
        return !rules.isEmpty();
    }

    private static void onlyKnownKeys(JsonNode n, String src, String prefix, Set<String> known) {
        Rule.onlyKnownKeys(n, src, prefix, known);
    }

    private static double num(JsonNode n, String src, String path, double dflt) {
        String key = path.substring(path.lastIndexOf('.') + 1);
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isNumber()) throw new InputException(src, path, "a number", v.toString());
        if (!Double.isFinite(v.asDouble())) throw new InputException(src, path, "a finite number", v.toString());
        return v.asDouble();
    }

    private static double positive(JsonNode n, String src, String path, double dflt) {
        double v = num(n, src, path, dflt);
        return InputException.requirePositive(src, path, v);
    }

    /** Effective transmitting threshold for a scan: the larger of the spec's threshold and noise + margin. */
    public double transmittingThresholdDb(TransmissionDb t) {
        return Math.max(transmittingThresholdDb, t.noiseFloorDb() + snrMarginDb);
    }

    public List<Rule> rulesFor(String group) {
        return rules.getOrDefault(group, List.of());
    }

    /** Judges metric values against the rules of a group; null when the specification has no rules (not judged). */
    public Verdict judge(String group, Map<String, Double> metrics) {
        if (!judges()) return null;
        return Rule.judge(rulesFor(group), m -> {
            Double v = metrics.get(m);
            return v == null ? Double.NaN : v;
        }, "");
    }
}
