package org.solidscope.workflow;

import java.nio.charset.StandardCharsets;
import org.solidscope.core.Checksums;
import org.solidscope.core.SoftwareVersion;

/**
 * The key of one re-analysis: SHA-256 of what was analysed (a measurement's raw bytes and modality, or a cell's input
 * measurements), the software version that did it and the modality's {@link org.solidscope.core.record.Modality#settingsFingerprint()
 * settings and rules}. The record's unique index on the key makes a re-run idempotent; a change of settings analyses again.
 */
final class RunKeys {
    private RunKeys() {}

    static String of(String what, String settingsFingerprint) {
        String s = what + "\nversion " + SoftwareVersion.get() + "\nsettings " + settingsFingerprint;
        return Checksums.sha256(s.getBytes(StandardCharsets.UTF_8));
    }
}
