package org.solidscope.ultrasound;

import org.solidscope.core.record.Verdict;
import java.util.List;
import org.solidscope.core.Provenance;

/**
 * The full result of analysing one stage scan.
 *
 * @param levels      the gain-corrected map the metrics were computed on
 * @param defectLabels label map of {@link #defects()} (0 = none), same grid as {@code levels}
 * @param bodyLevelDb  median level of the transmitting analysed points (NaN when not assessed)
 * @param notes        what the analysis could not do, in words
 */
public record StageAnalysis(Stage stage, TransmissionDb levels, ScanArtifacts.Dropouts dropouts, CellOutline cell,
                            StageMetrics metrics, List<Defect> defects, int[] defectLabels, double bodyLevelDb,
                            Verdict verdict, List<String> notes, Provenance provenance) {
    public StageAnalysis {
        defects = List.copyOf(defects);
        notes = List.copyOf(notes);
    }
}
