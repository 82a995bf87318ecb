package org.solidscope.workflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.solidscope.catalog.Catalog;
import org.solidscope.catalog.CatalogQueries;
import org.solidscope.catalog.RecordWriter;
import org.solidscope.core.record.AnalysisRecord;
import org.solidscope.core.record.Modality;
import org.solidscope.core.record.Source;

/**
 * A modality's comparison of one cell's states (for ultrasound, the stage comparison), stored as an analysis of the cell:
 * its first stored measurement of each {@link Modality#comparedStates() compared state}, read from the array store and
 * compared by the modality. Stored again only when its inputs or the specification change, or on re-analysis; earlier
 * comparisons stay.
 */
public final class StateComparisons {
    private final Catalog catalog;
    private final ModalityRegistry modalities;

    public StateComparisons(Catalog catalog, ModalityRegistry modalities) {
        this.catalog = catalog;
        this.modalities = modalities;
    }

    /** The cell's first stored measurement of each compared state (null where there is none). */
    CatalogQueries.StoredMeasurement[] firstOfEach(String cellId, Modality m) {
        List<String> states = m.comparedStates();
        CatalogQueries.StoredMeasurement[] first = new CatalogQueries.StoredMeasurement[states.size()];
        for (CatalogQueries.StoredMeasurement s : new CatalogQueries(catalog).storedMeasurementsOfCell(cellId, m.id())) {
            int k = states.indexOf(s.state());
            if (k >= 0 && first[k] == null) first[k] = s;
        }
        return first;
    }

    static List<Long> inputs(CatalogQueries.StoredMeasurement[] first) {
        List<Long> in = new ArrayList<>();
        for (var s : first) if (s != null) in.add(s.measurementId());
        in.sort(null);
        return in;
    }

    /** The comparison judged, or null when the measurements do not make one. */
    private AnalysisRecord compare(Modality m, CatalogQueries.StoredMeasurement[] first) {
        List<Source> sources = Arrays.stream(first)
                .map(s -> s == null ? null : new Source(s.fileName(), catalog.arrays().path(s.rawSha256()), s.sidecar(), s.rawSha256())).toList();
        AnalysisRecord a = m.compare(sources);
        return a == null ? null : modalities.judged(m.id(), null, a);
    }

    /** Every comparison of the cell whose inputs or specification changed ({@code always}: all of them, as re-analysis does). */
    public int update(String cellId, boolean always) {
        int stored = 0;
        for (Modality m : modalities.all()) {
            if (m.comparedStates().isEmpty()) continue;
            var first = firstOfEach(cellId, m);
            if (inputs(first).isEmpty()) continue;
            if (!always) {
                // decided before any measurement is read: a re-run of a stored batch costs one query per cell
                var last = new CatalogQueries(catalog).latestCellAnalysis(cellId, m.comparisonPipeline());
                if (last != null && last.measurementIds().equals(inputs(first)) && Objects.equals(m.specificationName(), last.spec())) continue;
            }
            AnalysisRecord a = compare(m, first);
            if (a == null) continue;
            new RecordWriter(catalog).addCellAnalysis(cellId, inputs(first), a);
            stored++;
        }
        return stored;
    }

    /**
     * The cell's comparisons, each computed and stored unless the same one (same inputs, software version and the
     * modality's settings and rules) is stored already: a re-run or a retried task adds nothing. Returns how many it added.
     */
    public int updateOnce(String cellId) {
        int added = 0;
        for (Modality m : modalities.all()) {
            if (m.comparedStates().isEmpty()) continue;
            var first = firstOfEach(cellId, m);
            if (inputs(first).isEmpty()) continue;
            StringBuilder what = new StringBuilder("comparison\n").append(cellId).append('\n').append(m.id());
            for (var s : first) what.append('\n').append(s == null ? "-" : s.rawSha256());
            String key = RunKeys.of(what.toString(), m.settingsFingerprint());
            RecordWriter w = new RecordWriter(catalog);
            if (w.hasRunKey(key)) continue;
            AnalysisRecord a = compare(m, first);
            if (a != null && w.addCellAnalysis(cellId, inputs(first), key, a) >= 0) added++;
        }
        return added;
    }
}
