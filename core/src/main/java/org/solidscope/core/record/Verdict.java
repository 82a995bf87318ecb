package org.solidscope.core.record;

import java.util.List;

/**
 * The judgement of an analysis against a written specification: FAIL if any fail limit is crossed,
 * else REVIEW if any review limit is crossed (or a judged metric is missing), else PASS. Each reason
 * names the metric, the limit and the value. Modalities without a specification record no verdict.
 */
public record Verdict(Status status, List<Reason> reasons) {
    /** Ordered from best to worst, so that {@code compareTo} ranks severity. */
    public enum Status {
        PASS, REVIEW, FAIL;

        /** The worse of two statuses; null counts as absent. */
        public static Status worse(Status a, Status b) {
            if (a == null) return b;
            if (b == null) return a;
            return a.compareTo(b) >= 0 ? a : b;
        }

        /** Parses PASS / REVIEW / FAIL (case-insensitive); null for null. */
        public static Status parse(String text) {
            return text == null ? null : valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** @param limitKind one of fail_below, fail_above, review_below, review_above, missing */
    public record Reason(Status severity, String metric, String limitKind, double limit, double value, String text) {}

    public Verdict {
        reasons = List.copyOf(reasons);
    }
}
