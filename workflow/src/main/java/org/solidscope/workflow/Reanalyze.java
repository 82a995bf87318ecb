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
import org.solidscope.ultrasound.UltrasoundModality;

/**
 * Runs each stored measurement of a lot through its modality again (for example with a new
 * specification or a new pipeline version) and adds the new analyses; earlier ones stay, the new
 * one becomes current. Raw data are read where the array store keeps them, with the sidecar the
 * record kept; nothing is copied to temporary files.
 *
 * <p>Idempotent: each re-analysis is stored with its {@link RunKeys run key}, so running the same
 * software with the same specification again adds nothing. The fleet jobs call {@link #one} and
 * {@link #compareStages} in their tasks, so a station and a cluster store the same analyses.
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
        for (String cell : ultrasoundCells(todo)) if (compareStages(cell)) comparisons++;
        return new Result(todo.size(), added, todo.size() - added, comparisons);
    }

    /** The cells whose stage comparisons a re-analysis of these measurements renews. */
    public static Set<String> ultrasoundCells(Iterable<CatalogQueries.StoredMeasurement> measurements) {
        Set<String> cells = new TreeSet<>();
        for (var s : measurements) if (s.modality().equals(UltrasoundModality.ID)) cells.add(s.cellId());
        return cells;
    }

    /** The run key of re-analysing {@code s} with this build and these modalities' specification. */
    public String runKey(CatalogQueries.StoredMeasurement s) {
        boolean judgedBySpec = s.modality().equals(UltrasoundModality.ID);
        return RunKeys.of("measurement\n" + s.rawSha256() + "\n" + s.modality(), judgedBySpec ? modalities.spec() : null);
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
        return w.addAnalysisOnce(s.measurementId(), key, a.analysis()) >= 0;
    }

    /** The cell's ultrasonic stage comparison, renewed unless this run stored it already; true when added. */
    public boolean compareStages(String cellId) {
        return StageComparisons.updateOnce(catalog, cellId, modalities.spec());
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
