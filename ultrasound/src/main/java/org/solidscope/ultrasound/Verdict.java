package org.solidscope.ultrasound;

import java.util.List;

/**
 * The judgement of a scan or a stage comparison against an {@link InspectionSpec}: FAIL if any
 * fail limit is crossed, else REVIEW if any review limit is crossed (or a judged metric is missing),
 * else PASS. Each reason names the metric, the limit and the value.
 */
public record Verdict(Status status, List<Reason> reasons) {
    public enum Status { PASS, REVIEW, FAIL }

    /** @param limitKind one of fail_below, fail_above, review_below, review_above, missing */
    public record Reason(Status severity, String metric, String limitKind, double limit, double value, String text) {}

    public Verdict {
        reasons = List.copyOf(reasons);
    }
}
