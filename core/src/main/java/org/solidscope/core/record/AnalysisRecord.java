package org.solidscope.core.record;

import java.util.List;
import org.solidscope.core.Provenance;

/**
 * What one pipeline run puts into the record, whatever the modality: metrics with units and
 * uncertainties, arrays, features and (where a specification judged it) a verdict, with the
 * provenance that makes it reproducible.
 *
 * @param spec    name of the specification that gave the verdict, or null
 * @param verdict null when no specification judges this pipeline
 * @param notes   what the analysis could not do, in words
 */
public record AnalysisRecord(String modality, Provenance provenance, List<Metric> metrics, List<RecordArray> arrays, List<Feature> features,
                             String spec, Verdict verdict, List<String> notes) {
    public AnalysisRecord {
        metrics = List.copyOf(metrics);
        arrays = List.copyOf(arrays);
        features = List.copyOf(features);
        notes = List.copyOf(notes);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Metric m : metrics) if (!seen.add(m.name())) throw new IllegalArgumentException("metric " + m.name() + " twice");
        seen.clear();
        for (RecordArray a : arrays) if (!seen.add(a.name())) throw new IllegalArgumentException("array " + a.name() + " twice");
    }

    public String pipeline() { return provenance.pipeline(); }

    /** The metric of this name, or null. */
    public Metric metric(String name) {
        for (Metric m : metrics) if (m.name().equals(name)) return m;
        return null;
    }
}
