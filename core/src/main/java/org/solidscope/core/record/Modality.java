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
     * How strongly a file is this modality's: by its name alone (a {@code .csv}, a {@code .tif}), or by what it holds (a
     * header naming its columns, an array's shape, a sidecar's fields). The registry gives a file to the strongest claim;
     * two claims of the same strength are an error naming both, unless the sidecar's {@code "modality"} decides, so that
     * the order in which modalities are registered never decides. By default a recognised file is claimed by content.
     */
    default Claim claim(Source source) {
        return recognises(source) ? Claim.BY_CONTENT : Claim.NONE;
    }

    /** The strength of a claim, weakest first. */
    enum Claim { NONE, BY_NAME, BY_CONTENT }

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
