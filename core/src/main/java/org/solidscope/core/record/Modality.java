package org.solidscope.core.record;

import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * The root keys of a {@link Specification} this modality reads: by default its id alone (an object with its
     * {@code rules} and {@code settings}). The registry refuses a specification with a key no modality reads.
     */
    default Set<String> specificationKeys() { return Set.of(id()); }

    /**
     * This modality with its settings and rules from its part of {@code spec}, checked complete or refused (every rule's
     * metric one this modality produces, unknown keys refused). A specification without its part leaves the
     * settings at their defaults and the analyses not judged. By default nothing is read and nothing judged.
     */
    default Modality configured(Specification spec) { return this; }

    /** This modality's part of the shipped default specification (its keys and their values), empty for none. */
    default Map<String, Object> defaultSpecification() { return Map.of(); }

    /**
     * What of this modality's configuration decides its analyses' numbers and verdicts, as text: a re-analysis is keyed by
     * it, so a change of settings or rules analyses again and the same ones add nothing.
     */
    default String settingsFingerprint() {
        Specification.Section s = section();
        return s == null ? "-" : s.rules() + "\n" + s.settingsText();
    }

    /**
     * This modality's part of the specification it was configured with, or null when it reads none. The defaults of
     * {@link #judge}, {@link #specificationName} and {@link #settingsFingerprint} go by it.
     */
    default Specification.Section section() { return null; }

    /**
     * The verdict on stored metrics under the specification this modality was configured with, or null when it judges
     * nothing (not judged; never shown as PASS). The same function judges at analysis and when a lot is re-judged, so a
     * re-judge reads metrics and computes no analysis.
     *
     * @param state    the state of the measurement ({@code cycle_1}), or null for an analysis of the cell
     * @param pipeline the analysis' pipeline ({@code cycling.summary/1}): which kind of analysis the metrics are
     * @param metrics  the analysis' metrics by their record names ({@code cycling.ccd_ma_cm2})
     */
    default Verdict judge(String state, String pipeline, Map<String, Double> metrics) {
        Specification.Section s = section();
        return s == null ? null : s.judge(metrics);
    }

    /**
     * The states this modality compares within one cell, in order (ultrasound: infiltration, solidification, formation);
     * empty when it compares none. The record reads the cell's first stored measurement of each.
     */
    default List<String> comparedStates() { return List.of(); }

    /** The pipeline of this modality's comparisons, or null when it makes none. */
    default String comparisonPipeline() { return null; }

    /**
     * The comparison of one cell's measurements, one per {@link #comparedStates() compared state} in that order (null
     * where the cell has none), stored as an analysis of the cell; null when they do not make one.
     */
    default AnalysisRecord compare(List<Source> measurements) { return null; }

    /** The array of a measurement's analysis that is its map (the one drawn first: a C-scan's levels), or null when none. */
    default String mapArray() { return null; }

    /**
     * How one of this modality's map arrays is drawn (of a measurement or of a comparison), or null for the drawing every
     * array gets (a viridis scale over its 1st to 99th percentile, titled by its name and unit).
     */
    default Rendering rendering(String array) { return null; }

    /**
     * A map's drawing: its scale ({@code lo}, {@code hi} in the array's unit), the colour map by name ({@code VIRIDIS},
     * {@code CIVIDIS}), a title (after the cell's id) and the scale's label.
     */
    record Rendering(double lo, double hi, String colourMap, String title, String label) {}

    /** The name of the specification this modality judges by, or null when it judges nothing. */
    default String specificationName() {
        Specification.Section s = section();
        return s != null && s.judges() ? s.specName() : null;
    }

    /** Cell and state of a file. */
    record Identity(String cellId, CellState state) {}

    /**
     * An analysed measurement: instrument settings (stored with the measurement, including the
     * sidecar so that the raw file can be read again), where it lies in the cell, the analysis, and
     * the cell's size when this modality measures it (NaN otherwise).
     */
    record Analysed(String instrument, Map<String, Object> settings, CellFrame frame, AnalysisRecord analysis,
                    double cellWidthMm, double cellHeightMm) {}
}
