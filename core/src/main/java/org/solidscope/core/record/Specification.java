package org.solidscope.core.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.Checksums;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;

/**
 * A written specification, as a lot is judged against it: a JSON object with {@code spec_version} 1, a {@code name}, and
 * one part per modality that each modality reads and checks itself ({@link Modality#configured}). Ultrasound's part is
 * where release 0.1.0 put it (noise floor, defect settings and the four stage groups under {@code rules}); every other
 * modality's part is an object under its id with its {@code rules} and, where it has them, its {@code settings}:
 * {@code "cycling": {"rules": [{"metric": "ccd_ma_cm2", "fail_below": 1.0}]}}. A modality without a part is not judged.
 *
 * @param fingerprint SHA-256 of the content with its keys sorted: two files that say the same judge alike
 */
public record Specification(String name, String source, ObjectNode root, String fingerprint) {

    /** A specification from its parsed JSON; checks only what is common to every part (version and name). */
    public static Specification of(JsonNode root, String src) {
        if (root == null || !root.isObject()) throw new InputException(src, "root", "a JSON object", root == null ? "nothing" : root.getNodeType().name());
        JsonNode v = root.get("spec_version");
        if (v == null || !v.isNumber()) throw new InputException(src, "spec_version", "a number", v == null ? "missing" : v.toString());
        if (v.asDouble() != 1) throw new InputException(src, "spec_version", "1", v.toString());
        JsonNode n = root.get("name");
        if (n != null && !n.isTextual()) throw new InputException(src, "name", "a text", n.toString());
        ObjectNode copy = ((ObjectNode) root).deepCopy();
        return new Specification(n == null ? "unnamed" : n.asText(), src, copy, fingerprintOf(copy));
    }

    public static Specification parse(String json, String src) {
        try {
            return of(Json.mapper().readTree(json), src);
        } catch (IOException e) {
            throw new InputException(src, "json", "valid JSON", Json.describe(e), e);
        }
    }

    public static Specification load(Path file) {
        AtomicOutput.noteInput(file);
        if (!Files.exists(file)) throw new InputException(file.toString(), "file", "an existing specification file", "no such file");
        try {
            return of(Json.mapper().readTree(file.toFile()), file.toString());
        } catch (IOException e) {
            throw new InputException(file.toString(), "json", "valid JSON", Json.describe(e), e);
        }
    }

    /** The part under {@code key}, or null when the specification has none. */
    public JsonNode part(String key) {
        JsonNode p = root.get(key);
        return p == null || p.isNull() ? null : p;
    }

    /** The JSON text, indented. */
    public String json() {
        return Json.write(root);
    }

    /** Keys of the root no modality reads: refused by the caller, naming them. */
    public void onlyKnownRootKeys(Set<String> known) {
        Rule.onlyKnownKeys(root, source, "", known);
    }

    private static String fingerprintOf(JsonNode root) {
        try {
            Object sorted = Json.mapper().treeToValue(root, Object.class);
            String text = Json.mapper().copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true).writeValueAsString(sortedMaps(sorted));
            return Checksums.sha256(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object sortedMaps(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> t = new TreeMap<>();
            m.forEach((k, v) -> t.put(String.valueOf(k), sortedMaps(v)));
            return t;
        }
        if (o instanceof List<?> l) return l.stream().map(Specification::sortedMaps).toList();
        return o;
    }

    /**
     * A modality's part of the common shape: {@code {"rules": [...], "settings": {...}}}, both optional inside it; unknown
     * keys refused. Null {@code part} (the specification has none): not judged.
     *
     * @param metricPrefix the prefix the modality's metrics carry in the record ({@code cycling.}); rules name metrics without it
     */
    public Section section(String key, String metricPrefix, SortedSet<String> metrics, Set<String> settingKeys) {
        JsonNode p = part(key);
        if (p == null) return new Section(name, key, metricPrefix, null, null, fingerprint);
        if (!p.isObject()) throw new InputException(source, key, "an object with \"rules\" (and \"settings\")", p.toString());
        Rule.onlyKnownKeys(p, source, key + ".", Set.of("rules", "settings"));
        List<Rule> rules = p.has("rules") ? Rule.parseGroup(p.get("rules"), source, key + ".rules", metrics) : List.of();
        JsonNode settings = p.get("settings");
        if (settings != null) {
            if (!settings.isObject()) throw new InputException(source, key + ".settings", "an object", settings.toString());
            Rule.onlyKnownKeys(settings, source, key + ".settings.", settingKeys);
        }
        return new Section(name, key, metricPrefix, rules, settings, fingerprint);
    }

    /**
     * One modality's part of a specification.
     *
     * @param rules    null when the specification has no part for the modality (its analyses are not judged)
     * @param settings null when the part gives none (the modality's defaults hold)
     */
    public record Section(String specName, String key, String metricPrefix, List<Rule> rules, JsonNode settings, String specFingerprint) {
        public boolean judges() { return rules != null; }

        /** The verdict on metrics as the record names them ({@code cycling.ccd_ma_cm2}); null when not judged. */
        public Verdict judge(Map<String, Double> metrics) {
            if (rules == null) return null;
            return Rule.judge(rules, m -> {
                Double v = metrics.get(metricPrefix + m);
                return v == null ? Double.NaN : v;
            }, metricPrefix);
        }

        /** A number of the settings, or {@code dflt} when they do not give it; anything but a finite number is refused. */
        public double setting(String k, double dflt, String source) {
            JsonNode v = settings == null ? null : settings.get(k);
            if (v == null || v.isNull()) return dflt;
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) throw new InputException(source, key + ".settings." + k, "a finite number", v.toString());
            return v.asDouble();
        }

        /** What of the part decides an analysis' numbers (its settings), as text for a run key. */
        public String settingsText() {
            return settings == null ? "-" : settings.toString();
        }
    }
}
