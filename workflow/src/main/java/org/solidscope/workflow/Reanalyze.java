package org.solidscope.workflow;

import java.util.Set;
import java.util.TreeSet;
import org.solidscope.catalog.Catalog;
import org.solidscope.catalog.CatalogQueries;
import org.solidscope.catalog.RecordWriter;
import org.solidscope.core.Progress;
import org.solidscope.core.record.CellState;
import org.solidscope.core.record.Modality;
import org.solidscope.core.record.Source;

/**
 * Runs each stored measurement of a lot through its modality again (for example with a new
 * specification, new settings or a new pipeline version) and adds the new analyses; earlier ones stay, the new
 * one becomes current. Raw data are read where the array store keeps them, with the sidecar the
 * record kept; nothing is copied to temporary files.
 *
 * <p>Idempotent: each re-analysis is stored with its {@link RunKeys run key}, so running the same
 * software with the same specification again adds nothing. The fleet jobs call {@link #one} and
 * {@link #compareStates} in their tasks, so a station and a cluster store the same analyses.
 */
public final class Reanalyze {
    private final Catalog catalog;
    private final ModalityRegistry modalities;

    public Reanalyze(Catalog catalog, ModalityRegistry modalities) {
        this.catalog = catalog;
        this.modalities = modalities;
    }

    /** Measurements looked at, analyses added, and those found stored already by an identical earlier run. */
    public record Result(int measurements, int added, int alreadyStored, int comparisonsAdded) {}

    /** Re-analyses a lot; {@code modality} null for all. */
    public Result run(String lot, String modality, Progress progress) {
        var todo = new CatalogQueries(catalog).storedMeasurements(lot, modality);
        int k = 0, added = 0;
        for (var s : todo) {
            if (one(s)) added++;
            progress.update(++k, todo.size());
        }
        int comparisons = 0;
        for (String cell : comparedCells(todo)) comparisons += compareStates(cell);
        return new Result(todo.size(), added, todo.size() - added, comparisons);
    }

    /** The cells whose comparisons a re-analysis of these measurements renews: those of modalities that compare states. */
    public Set<String> comparedCells(Iterable<CatalogQueries.StoredMeasurement> measurements) {
        Set<String> cells = new TreeSet<>();
        for (var s : measurements) if (!modalities.byId("record", s.modality()).comparedStates().isEmpty()) cells.add(s.cellId());
        return cells;
    }

    /** The run key of re-analysing {@code s} with this build and its modality's settings and rules. */
    public String runKey(CatalogQueries.StoredMeasurement s) {
        Modality m = modalities.byId("record", s.modality());
        return RunKeys.of("measurement\n" + s.rawSha256() + "\n" + s.modality(), m.settingsFingerprint());
    }

    /**
     * Re-analyses one stored measurement and stores the analysis, unless this run stored it already.
     * Returns true when an analysis was added.
     */
    public boolean one(CatalogQueries.StoredMeasurement s) {
        String key = runKey(s);
        RecordWriter w = new RecordWriter(catalog);
        if (w.hasRunKey(key)) {
            verifiedBlob(s); // "stored by an identical earlier run" only while the raw data it analysed are still those
            return false;
        }
        Modality.Analysed a = analyse(s);
        return w.addAnalysisOnce(s.measurementId(), key, modalities.judged(s.modality(), s.state(), a.analysis())) >= 0;
    }

    /** The cell's comparisons, renewed unless this run stored them already; how many were added. */
    public int compareStates(String cellId) {
        return new StateComparisons(catalog, modalities).updateOnce(cellId);
    }

    /** The measurement's raw blob, its checksum verified (missing or changed blobs are named). */
    private java.nio.file.Path verifiedBlob(CatalogQueries.StoredMeasurement s) {
        java.nio.file.Path blob = catalog.arrays().path(s.rawSha256());
        if (!java.nio.file.Files.exists(blob)) {
            throw new IllegalStateException("array store blob " + s.rawSha256() + " of measurement " + s.measurementId() + " (" + s.fileName() + ") is missing");
        }
        String actual = org.solidscope.core.Checksums.sha256(blob); // verified on read, as every blob
        if (!actual.equals(s.rawSha256())) {
            throw new IllegalStateException("array store blob " + s.rawSha256() + " of measurement " + s.measurementId() + " is corrupt (reads as " + actual + ")");
        }
        return blob;
    }

    /** The analysis of one stored measurement, recomputed (not stored). */
    public Modality.Analysed analyse(CatalogQueries.StoredMeasurement s) {
        Modality m = modalities.byId("record", s.modality());
        String sidecar = s.sidecar();
        java.nio.file.Path blob = verifiedBlob(s);
        Source src = new Source(s.fileName(), blob, sidecar, s.rawSha256());
        return m.analyse(src, new Modality.Identity(s.cellId(), CellState.parse("record", s.state())));
    }
}
