package org.solidscope.ultrasound;

import org.solidscope.core.record.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.solidscope.core.Provenance;
import org.solidscope.io.CscanGrid;

/**
 * The ultrasonic stage pipeline: gain removal → dropout detection → cell localization → defects →
 * metrics → verdict. A pure function of the scan, the stage and the specification.
 */
public final class StageAnalyzer {
    public static final String PIPELINE = "ut.analyze/1";
    /** A later stage's outline may differ from the reference stage's by this much before the reference is preferred. */
    static final double OUTLINE_TOLERANCE_MM = 5;

    private final InspectionSpec spec;

    public StageAnalyzer(InspectionSpec spec) {
        this.spec = spec;
    }

    public InspectionSpec spec() { return spec; }

    public StageAnalysis analyze(CscanGrid scan, Stage stage, Map<String, String> inputSha256) {
        return analyze(scan, stage, null, inputSha256);
    }

    /**
     * Analyses a scan; when {@code knownOutline} is given (the same cell's reference stage), it is used
     * where localization fails or finds a size more than {@link #OUTLINE_TOLERANCE_MM} off, and the
     * outline is then marked not found (registration treats it as unshifted) with a note saying why.
     */
    public StageAnalysis analyze(CscanGrid scan, Stage stage, CellOutline knownOutline, Map<String, String> inputSha256) {
        TransmissionDb t = TransmissionDb.of(scan, spec.noiseFloorPercentFsh());
        ScanArtifacts.Dropouts drops = ScanArtifacts.find(t);
        CellOutline cell = CellLocalization.locate(t, drops, spec.edgeMarginMm());
        List<String> notes = new ArrayList<>();
        if (knownOutline != null && knownOutline.found()) {
            String why = null;
            if (!cell.found()) {
                why = "cell not found in this scan; outline taken from the reference stage";
            } else if (Math.abs(cell.widthMm() - knownOutline.widthMm()) > OUTLINE_TOLERANCE_MM
                    || Math.abs(cell.heightMm() - knownOutline.heightMm()) > OUTLINE_TOLERANCE_MM) {
                // e.g. at high gain the cell's edge saturates like the fluid surround and the outline shrinks
                why = String.format(java.util.Locale.ROOT, "outline found (%.1f × %.1f mm) differs from the reference stage's "
                        + "(%.1f × %.1f mm) by more than %.0f mm; outline taken from the reference stage",
                        cell.widthMm(), cell.heightMm(), knownOutline.widthMm(), knownOutline.heightMm(), OUTLINE_TOLERANCE_MM);
            }
            if (why != null) {
                cell = CellLocalization.build(t.db().geometry(), t, drops, false, why, knownOutline.centreXMm(), knownOutline.centreYMm(),
                        knownOutline.widthMm(), knownOutline.heightMm(), knownOutline.angleDeg(), cell.brightSurround(), spec.edgeMarginMm());
            }
        }
        if (!cell.found()) notes.add(cell.note());
        double threshold = spec.transmittingThresholdDb(t);
        DefectDetector.Result d = DefectDetector.detect(t, cell, drops, stage, threshold, spec.defects());
        if (!d.assessed()) notes.add(d.note());
        StageMetrics m = StageMetrics.compute(t, cell, threshold, d.defects());
        Map<String, Double> judged = new LinkedHashMap<>(m.byName());
        Verdict v = spec.judge(stage.id(), judged);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("stage", stage.id());
        params.put("spec", spec.name());
        params.put("spec_source", spec.source());
        params.put("gain_db", scan.gainDb());
        params.put("pitch_mm", scan.amplitude().geometry().pitchMm());
        return new StageAnalysis(stage, t, drops, cell, m, d.defects(), d.labels(), d.bodyLevelDb(), v, notes,
                Provenance.of(PIPELINE, params, inputSha256));
    }
}
