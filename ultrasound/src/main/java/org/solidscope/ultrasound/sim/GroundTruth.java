package org.solidscope.ultrasound.sim;

import java.util.List;

/**
 * What a simulated scan contains, in the scan's own coordinates (mm).
 *
 * @param defects          anomalies placed in the cell at this stage (scan artefacts excluded)
 * @param dropoutRows      scan lines recorded without signal
 * @param degreeMean       for a solidification scan: mean of 1 − t_s/t_i over the cell points where the
 *                         infiltrated cell transmits (t_i ≥ ½·matrix), edge margin excluded; NaN otherwise
 * @param recoveryMean     for a formation scan: mean of t_f/t_i over the same points; NaN otherwise
 */
public record GroundTruth(String cellId, String stage, double gainDb, double nominalWidthMm, double nominalHeightMm,
                          double centreXMm, double centreYMm, double angleDeg, List<TruthDefect> defects,
                          List<Integer> dropoutRows, double degreeMean, double recoveryMean, String transmissionModel, long seed) {
    public GroundTruth {
        defects = List.copyOf(defects);
        dropoutRows = List.copyOf(dropoutRows);
    }

    /** One placed anomaly: kind, centroid (scan mm), area and equivalent diameter. */
    public record TruthDefect(String kind, double xMm, double yMm, double areaMm2, double diameterMm) {}
}
