package org.solidscope.workflow;

import org.solidscope.catalog.Catalog;
import org.solidscope.catalog.CatalogQueries;
import org.solidscope.catalog.RecordWriter;
import org.solidscope.core.Progress;
import org.solidscope.core.record.CellState;
import org.solidscope.core.record.Modality;
import org.solidscope.core.record.Source;

/**
 * Runs each stored measurement of a lot through its modality again (for example with a new
 * specification or a new pipeline version) and adds the new analyses; earlier ones stay, the new
 * one becomes current. Raw data are read where the array store keeps them, with the sidecar the
 * record kept; nothing is copied to temporary files.
 */
public final class Reanalyze {
    private final Catalog catalog;
    private final ModalityRegistry modalities;

    public Reanalyze(Catalog catalog, ModalityRegistry modalities) {
        this.catalog = catalog;
        this.modalities = modalities;
    }

    /** Returns the number of measurements re-analysed; {@code modality} null for all. */
    public int run(String lot, String modality, Progress progress) {
        var todo = new CatalogQueries(catalog).storedMeasurements(lot, modality);
        RecordWriter w = new RecordWriter(catalog);
        int k = 0;
        for (var s : todo) {
            Modality.Analysed a = analyse(s);
            w.addAnalysis(s.measurementId(), a.analysis());
            progress.update(++k, todo.size());
        }
        if (modality == null || modality.equals(org.solidscope.ultrasound.UltrasoundModality.ID)) {
            java.util.Set<String> cells = new java.util.TreeSet<>();
            for (var s : todo) if (s.modality().equals(org.solidscope.ultrasound.UltrasoundModality.ID)) cells.add(s.cellId());
            for (String cell : cells) StageComparisons.update(catalog, cell, modalities.spec(), true);
        }
        return todo.size();
    }

    /** The analysis of one stored measurement, recomputed (not stored). */
    public Modality.Analysed analyse(CatalogQueries.StoredMeasurement s) {
        Modality m = modalities.byId("record", s.modality());
        String sidecar = s.sidecar();
        java.nio.file.Path blob = catalog.arrays().path(s.rawSha256());
        String actual = org.solidscope.core.Checksums.sha256(blob); // verified on read, as every blob
        if (!actual.equals(s.rawSha256())) {
            throw new IllegalStateException("array store blob " + s.rawSha256() + " of measurement " + s.measurementId() + " is corrupt (reads as " + actual + ")");
        }
        Source src = new Source(s.fileName(), blob, sidecar, actual);
        return m.analyse(src, new Modality.Identity(s.cellId(), CellState.parse("record", s.state())));
    }
}
