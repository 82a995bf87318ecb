package org.solidscope.workflow;

import java.nio.charset.StandardCharsets;
import org.solidscope.core.Checksums;
import org.solidscope.core.SoftwareVersion;
import org.solidscope.ultrasound.InspectionSpec;

/**
 * The key of one re-analysis: SHA-256 of what was analysed (a measurement's raw bytes and modality, or a
 * cell's input scans), the software version that did it and, where the specification judges the result,
 * the specification's content. The record's unique index on the key makes a re-run idempotent.
 */
final class RunKeys {
    private RunKeys() {}

    /** {@code spec} null: the result does not depend on a specification. */
    static String of(String what, InspectionSpec spec) {
        String s = what + "\nversion " + SoftwareVersion.get() + "\nspec " + (spec == null ? "-" : spec.fingerprint());
        return Checksums.sha256(s.getBytes(StandardCharsets.UTF_8));
    }
}
