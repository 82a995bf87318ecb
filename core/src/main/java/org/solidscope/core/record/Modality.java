package org.solidscope.core.record;

import java.util.Map;

/**
 * One modality's door into the record. The record, the server and the exporter know modalities only
 * through this interface; each modality module implements it around its typed pipeline (read and
 * validate once, run from settings to a result, turn the result into an {@link AnalysisRecord}),
 * and one line registers it.
 */
public interface Modality {
    /** Short id stored with every measurement: {@code ultrasound}, {@code ct}. */
    String id();

    /** Whether a file is this modality's (by its name, and by a look at its header where the name is ambiguous). */
    boolean recognises(Source source);

    /**
     * Which cell and state a file belongs to, from (in the modality's order) its sidecar, its header
     * and its name; {@code hints} may give {@code cell_id} and {@code state} (command-line options),
     * which win. Throws {@link org.solidscope.core.InputException} naming the file and field.
     */
    Identity identify(Source source, Map<String, String> hints);

    /** Reads and validates the file, runs the pipeline with this modality's settings, and records the result. */
    Analysed analyse(Source source, Identity identity);

    /** Cell and state of a file; {@code cellWidthMm}/{@code cellHeightMm} are NaN until an analysis measures them. */
    record Identity(String cellId, CellState state) {}

    /**
     * An analysed measurement: instrument settings (stored with the measurement, including the
     * sidecar so that the raw file can be read again), where it lies in the cell, the analysis, and
     * the cell's size when this modality measures it (NaN otherwise).
     */
    record Analysed(String instrument, Map<String, Object> settings, CellFrame frame, AnalysisRecord analysis,
                    double cellWidthMm, double cellHeightMm) {}
}
