package org.solidscope.ultrasound;

import org.solidscope.core.AtomicOutput;
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

    /** A limit on one metric; NaN where a limit is absent. */
    public record Rule(String metric, double failBelow, double failAbove, double reviewBelow, double reviewAbove) {}

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
    static final Set<String> RULE_KEYS = Set.of("metric", "fail_below", "fail_above", "review_below", "review_above");

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
        int version = (int) num(root, src, "spec_version", Double.NaN);
        if (version != 1) throw new InputException(src, "spec_version", "1", String.valueOf(version));
        onlyKnownKeys(root, src, "", ROOT_KEYS);
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
            JsonNode arr = r.get(group);
            if (arr == null) {
                throw new InputException(src, "rules." + group, "a list of rules (an empty list [] when the group has no limits)", "missing");
            }
            if (!arr.isArray()) throw new InputException(src, "rules." + group, "an array of rules", arr.toString());
            java.util.SortedSet<String> known = metricsOf(group);
            Set<String> seen = new java.util.HashSet<>();
            List<Rule> list = new ArrayList<>();
            for (int i = 0; i < arr.size(); i++) {
                JsonNode e = arr.get(i);
                String field = "rules." + group + "[" + i + "]";
                if (!e.isObject()) throw new InputException(src, field, "a rule object", e.toString());
                onlyKnownKeys(e, src, field + ".", RULE_KEYS);
                if (!e.path("metric").isTextual()) throw new InputException(src, field + ".metric", "a metric name", e.path("metric").toString());
                String metric = e.get("metric").asText();
                if (!known.contains(metric)) {
                    throw new InputException(src, field + ".metric", "a metric the " + group + " analysis produces: " + known, "'" + metric + "'");
                }
                if (!seen.add(metric)) throw new InputException(src, field + ".metric", "one rule per metric and group", "'" + metric + "' twice");
                Rule rule = new Rule(metric, num(e, src, field + ".fail_below", Double.NaN),
                        num(e, src, field + ".fail_above", Double.NaN), num(e, src, field + ".review_below", Double.NaN),
                        num(e, src, field + ".review_above", Double.NaN));
                if (Double.isNaN(rule.failBelow()) && Double.isNaN(rule.failAbove()) && Double.isNaN(rule.reviewBelow()) && Double.isNaN(rule.reviewAbove())) {
                    throw new InputException(src, field, "at least one of fail_below, fail_above, review_below, review_above", "none");
                }
                ordered(src, field, "fail_below", rule.failBelow(), "review_below", rule.reviewBelow());
                ordered(src, field, "review_below", rule.reviewBelow(), "review_above", rule.reviewAbove());
                ordered(src, field, "review_above", rule.reviewAbove(), "fail_above", rule.failAbove());
                ordered(src, field, "fail_below", rule.failBelow(), "fail_above", rule.failAbove());
                ordered(src, field, "review_below", rule.reviewBelow(), "fail_above", rule.failAbove());
                ordered(src, field, "fail_below", rule.failBelow(), "review_above", rule.reviewAbove());
                list.add(rule);
            }
            rules.put(group, List.copyOf(list));
        }
        double snrMargin = num(root, src, "snr_margin_db", 6);
        if (snrMargin < 0) throw new InputException(src, "snr_margin_db", "a margin ≥ 0 dB", String.valueOf(snrMargin));
        double edgeMargin = num(root, src, "edge_margin_mm", 3);
        if (edgeMargin < 0) throw new InputException(src, "edge_margin_mm", "a margin ≥ 0 mm", String.valueOf(edgeMargin));
        return new InspectionSpec(root.path("name").asText("unnamed"),
                positive(root, src, "noise_floor_percent_fsh", 1.5), snrMargin,
                num(root, src, "transmitting_threshold_db", -60), edgeMargin,
                ds, Map.copyOf(rules), src);
    }

    private static void onlyKnownKeys(JsonNode n, String src, String prefix, Set<String> known) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new InputException(src, prefix + k, "one of " + new java.util.TreeSet<>(known), "unknown key '" + k + "'");
            }
        }
    }

    /** A lower limit above an upper one would judge every value, or none, the wrong way. */
    private static void ordered(String src, String field, String lowName, double low, String highName, double high) {
        if (!Double.isNaN(low) && !Double.isNaN(high) && low > high) {
            throw new InputException(src, field + "." + highName, "≥ " + lowName + " (" + low + ")", String.valueOf(high));
        }
    }

    private static double num(JsonNode n, String src, String path, double dflt) {
        String key = path.substring(path.lastIndexOf('.') + 1);
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (Double.isNaN(dflt) && key.equals("spec_version")) throw new InputException(src, path, "a number", "missing");
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

    /** Judges metric values against the rules of a group. */
    public Verdict judge(String group, Map<String, Double> metrics) {
        List<Verdict.Reason> reasons = new ArrayList<>();
        for (Rule rule : rulesFor(group)) {
            Double boxed = metrics.get(rule.metric());
            double v = boxed == null ? Double.NaN : boxed;
            if (Double.isNaN(v)) {
                reasons.add(new Verdict.Reason(Verdict.Status.REVIEW, rule.metric(), "missing", Double.NaN, v,
                        rule.metric() + " could not be measured"));
                continue;
            }
            if (v < rule.failBelow()) reasons.add(reason(Verdict.Status.FAIL, rule.metric(), "fail_below", rule.failBelow(), v, "<"));
            else if (v > rule.failAbove()) reasons.add(reason(Verdict.Status.FAIL, rule.metric(), "fail_above", rule.failAbove(), v, ">"));
            else if (v < rule.reviewBelow()) reasons.add(reason(Verdict.Status.REVIEW, rule.metric(), "review_below", rule.reviewBelow(), v, "<"));
            else if (v > rule.reviewAbove()) reasons.add(reason(Verdict.Status.REVIEW, rule.metric(), "review_above", rule.reviewAbove(), v, ">"));
        }
        Verdict.Status s = Verdict.Status.PASS;
        for (Verdict.Reason r : reasons) if (r.severity().compareTo(s) > 0) s = r.severity();
        return new Verdict(s, reasons);
    }

    private static Verdict.Reason reason(Verdict.Status sev, String metric, String kind, double limit, double value, String op) {
        return new Verdict.Reason(sev, metric, kind, limit, value,
                String.format(java.util.Locale.ROOT, "%s = %.4g %s %s limit %.4g", metric, value, op, kind.replace('_', ' '), limit));
    }
}
