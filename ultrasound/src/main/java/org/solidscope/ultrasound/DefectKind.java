package org.solidscope.ultrasound;

import java.util.Locale;

/** Kinds of anomaly found in a C-scan; see {@link DefectDetector} for the rules. */
public enum DefectKind {
    /** Compact, round, non-transmitting region: a gas bubble (e.g. from incomplete degassing). */
    BUBBLE,
    /** Large or irregular non-transmitting region: precursor did not reach it. */
    UNWETTED,
    /** Region transmitting more than the body: precursor accumulated there. */
    ACCUMULATION,
    /** Region with reduced but present transmission: a local bulge of the pouch. */
    BULGE,
    /** Compact non-transmitting region at formation: gas produced during formation. */
    GAS_POCKET,
    /** Scan line without signal: an instrument artefact, never counted against the cell. */
    SCAN_ARTIFACT;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public boolean countsAgainstCell() { return this != SCAN_ARTIFACT; }

    /** Kinds where the cell transmits less than its body: what loss-area metrics add up. */
    public boolean isLoss() { return this != SCAN_ARTIFACT && this != ACCUMULATION; }
}
