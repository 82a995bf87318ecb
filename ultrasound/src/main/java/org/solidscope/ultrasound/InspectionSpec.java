package org.solidscope.ultrasound;

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

    /** The specification in {@code file}, or the shipped default when {@code file} is null. */
    public static InspectionSpec loadOrDefault(Path file) {
        return file == null ? defaults() : load(file);
    }

    public static InspectionSpec load(Path file) {
        if (!Files.exists(file)) throw new InputException(file.toString(), "file", "an existing specification file", "no such file");
        try {
            return parse(Json.mapper().readTree(file.toFile()), file.toString());
        } catch (IOException e) {
            throw new InputException(file.toString(), "json", "valid JSON", e.getMessage().lines().findFirst().orElse("unreadable"), e);
        }
    }

    static InspectionSpec parse(JsonNode root, String src) {
        if (root == null || !root.isObject()) throw new InputException(src, "root", "a JSON object", String.valueOf(root));
        int version = (int) num(root, src, "spec_version", Double.NaN);
        if (version != 1) throw new InputException(src, "spec_version", "1", String.valueOf(version));
        JsonNode d = root.path("defects");
        DefectSettings ds = new DefectSettings(
                positive(d, src, "defects.low_seed_db", 10), positive(d, src, "defects.low_grow_db", 6),
                positive(d, src, "defects.deep_db", 15), positive(d, src, "defects.high_seed_db", 4),
                positive(d, src, "defects.high_grow_db", 2.5), positive(d, src, "defects.min_area_mm2", 2.0),
                positive(d, src, "defects.min_accumulation_area_mm2", 20), positive(d, src, "defects.compact_axis_ratio", 0.6),
                positive(d, src, "defects.compact_fill", 0.75), positive(d, src, "defects.max_bubble_diameter_mm", 30),
                positive(d, src, "defects.beam_limited_diameter_mm", 5),
                positive(d, src, "defects.min_body_fraction", 0.2));
        if (ds.lowGrowDb() > ds.lowSeedDb()) throw new InputException(src, "defects.low_grow_db", "≤ low_seed_db", String.valueOf(ds.lowGrowDb()));
        Map<String, List<Rule>> rules = new LinkedHashMap<>();
        JsonNode r = root.path("rules");
        if (!r.isMissingNode() && !r.isObject()) throw new InputException(src, "rules", "an object keyed by stage", r.toString());
        for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
            String group = it.next();
            if (!RULE_GROUPS.contains(group)) throw new InputException(src, "rules." + group, "one of " + RULE_GROUPS, "'" + group + "'");
            JsonNode arr = r.get(group);
            if (!arr.isArray()) throw new InputException(src, "rules." + group, "an array of rules", arr.toString());
            List<Rule> list = new ArrayList<>();
            for (int i = 0; i < arr.size(); i++) {
                JsonNode e = arr.get(i);
                String field = "rules." + group + "[" + i + "]";
                if (!e.path("metric").isTextual()) throw new InputException(src, field + ".metric", "a metric name", e.path("metric").toString());
                Rule rule = new Rule(e.get("metric").asText(), num(e, src, field + ".fail_below", Double.NaN),
                        num(e, src, field + ".fail_above", Double.NaN), num(e, src, field + ".review_below", Double.NaN),
                        num(e, src, field + ".review_above", Double.NaN));
                if (Double.isNaN(rule.failBelow()) && Double.isNaN(rule.failAbove()) && Double.isNaN(rule.reviewBelow()) && Double.isNaN(rule.reviewAbove())) {
                    throw new InputException(src, field, "at least one of fail_below, fail_above, review_below, review_above", "none");
                }
                list.add(rule);
            }
            rules.put(group, List.copyOf(list));
        }
        return new InspectionSpec(root.path("name").asText("unnamed"),
                positive(root, src, "noise_floor_percent_fsh", 1.5), num(root, src, "snr_margin_db", 6),
                num(root, src, "transmitting_threshold_db", -60), num(root, src, "edge_margin_mm", 3),
                ds, Map.copyOf(rules), src);
    }

    private static double num(JsonNode n, String src, String path, double dflt) {
        String key = path.substring(path.lastIndexOf('.') + 1);
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (Double.isNaN(dflt) && key.equals("spec_version")) throw new InputException(src, path, "a number", "missing");
            return dflt;
        }
        if (!v.isNumber()) throw new InputException(src, path, "a number", v.toString());
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
