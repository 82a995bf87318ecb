package org.solidscope.core.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.solidscope.core.InputException;

/**
 * A limit on one metric of a specification: FAIL below {@code failBelow} or above {@code failAbove}, else REVIEW below
 * {@code reviewBelow} or above {@code reviewAbove}; NaN where a limit is absent. A metric the analysis could not measure
 * (NaN or absent) is REVIEW: a missing number never passes.
 */
public record Rule(String metric, double failBelow, double failAbove, double reviewBelow, double reviewAbove) {
    static final Set<String> KEYS = Set.of("metric", "fail_below", "fail_above", "review_below", "review_above");

    /**
     * A group of rules from its JSON list. Complete or refused: every metric must be one of {@code known}, one rule per
     * metric, at least one limit each, limits ordered (fail_below ≤ review_below ≤ review_above ≤ fail_above), unknown
     * keys refused, so that no typo turns a FAIL into a PASS.
     *
     * @param field the group's place in the file, for messages ({@code rules.formation}, {@code cycling.rules})
     */
    public static List<Rule> parseGroup(JsonNode arr, String src, String field, SortedSet<String> known) {
        if (arr == null) throw new InputException(src, field, "a list of rules (an empty list [] when the group has no limits)", "missing");
        if (!arr.isArray()) throw new InputException(src, field, "an array of rules", arr.toString());
        Set<String> seen = new HashSet<>();
        List<Rule> list = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonNode e = arr.get(i);
            String at = field + "[" + i + "]";
            if (!e.isObject()) throw new InputException(src, at, "a rule object", e.toString());
            onlyKnownKeys(e, src, at + ".", KEYS);
            if (!e.path("metric").isTextual()) throw new InputException(src, at + ".metric", "a metric name", e.path("metric").toString());
            String metric = e.get("metric").asText();
            if (!known.contains(metric)) throw new InputException(src, at + ".metric", "a metric this group's analysis produces: " + known, "'" + metric + "'");
            if (!seen.add(metric)) throw new InputException(src, at + ".metric", "one rule per metric and group", "'" + metric + "' twice");
            Rule rule = new Rule(metric, limit(e, src, at, "fail_below"), limit(e, src, at, "fail_above"),
                    limit(e, src, at, "review_below"), limit(e, src, at, "review_above"));
            if (Double.isNaN(rule.failBelow) && Double.isNaN(rule.failAbove) && Double.isNaN(rule.reviewBelow) && Double.isNaN(rule.reviewAbove)) {
                throw new InputException(src, at, "at least one of fail_below, fail_above, review_below, review_above", "none");
            }
            ordered(src, at, "fail_below", rule.failBelow, "review_below", rule.reviewBelow);
            ordered(src, at, "review_below", rule.reviewBelow, "review_above", rule.reviewAbove);
            ordered(src, at, "review_above", rule.reviewAbove, "fail_above", rule.failAbove);
            ordered(src, at, "fail_below", rule.failBelow, "fail_above", rule.failAbove);
            ordered(src, at, "review_below", rule.reviewBelow, "fail_above", rule.failAbove);
            ordered(src, at, "fail_below", rule.failBelow, "review_above", rule.reviewAbove);
            list.add(rule);
        }
        return List.copyOf(list);
    }

    /**
     * Judges metric values against a group of rules.
     *
     * @param value the value of a rule's metric, NaN when the analysis has none
     * @param shownPrefix put before each rule's metric in the reasons ({@code ut.}), empty for none
     */
    public static Verdict judge(List<Rule> rules, ToDoubleFunction<String> value, String shownPrefix) {
        List<Verdict.Reason> reasons = new ArrayList<>();
        for (Rule rule : rules) {
            double v = value.applyAsDouble(rule.metric);
            String shown = shownPrefix + rule.metric;
            if (Double.isNaN(v)) {
                reasons.add(new Verdict.Reason(Verdict.Status.REVIEW, shown, "missing", Double.NaN, v, shown + " could not be measured"));
            } else if (v < rule.failBelow) {
                reasons.add(reason(Verdict.Status.FAIL, shown, "fail_below", rule.failBelow, v, "<"));
            } else if (v > rule.failAbove) {
                reasons.add(reason(Verdict.Status.FAIL, shown, "fail_above", rule.failAbove, v, ">"));
            } else if (v < rule.reviewBelow) {
                reasons.add(reason(Verdict.Status.REVIEW, shown, "review_below", rule.reviewBelow, v, "<"));
            } else if (v > rule.reviewAbove) {
                reasons.add(reason(Verdict.Status.REVIEW, shown, "review_above", rule.reviewAbove, v, ">"));
            }
        }
        Verdict.Status s = Verdict.Status.PASS;
        for (Verdict.Reason r : reasons) s = Verdict.Status.worse(s, r.severity());
        return new Verdict(s, reasons);
    }

    private static Verdict.Reason reason(Verdict.Status sev, String metric, String kind, double limit, double value, String op) {
        return new Verdict.Reason(sev, metric, kind, limit, value,
                String.format(Locale.ROOT, "%s = %.4g %s %s limit %.4g", metric, value, op, kind.replace('_', ' '), limit));
    }

    /** Refuses any key of {@code n} not in {@code known}, naming it. */
    public static void onlyKnownKeys(JsonNode n, String src, String prefix, Set<String> known) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) throw new InputException(src, prefix + k, "one of " + new TreeSet<>(known), "unknown key '" + k + "'");
        }
    }

    private static double limit(JsonNode e, String src, String at, String key) {
        JsonNode v = e.get(key);
        if (v == null || v.isNull()) return Double.NaN;
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) throw new InputException(src, at + "." + key, "a finite number", v.toString());
        return v.asDouble();
    }

    /** A lower limit above an upper one would judge every value, or none, the wrong way. */
    private static void ordered(String src, String at, String lowName, double low, String highName, double high) {
        if (!Double.isNaN(low) && !Double.isNaN(high) && low > high) {
            throw new InputException(src, at + "." + highName, "≥ " + lowName + " (" + low + ")", String.valueOf(high));
        }
    }
}
