package org.solidscope.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.solidscope.catalog.Catalog;
import org.solidscope.catalog.CatalogQueries;
import org.solidscope.catalog.RecordWriter;
import org.solidscope.io.CscanFiles;
import org.solidscope.ultrasound.InspectionSpec;
import org.solidscope.ultrasound.Stage;
import org.solidscope.ultrasound.StageAnalysis;
import org.solidscope.ultrasound.StageAnalyzer;
import org.solidscope.ultrasound.StageComparison;
import org.solidscope.ultrasound.UltrasoundModality;

/**
 * The ultrasonic stage comparison of a cell (solidification degree, formation recovery, new defects),
 * stored as an analysis of the cell: its first scan of each stage, read from the array store,
 * analysed, registered and compared. Stored again only when its inputs or the specification change,
 * or on re-analysis; earlier comparisons stay.
 */
public final class StageComparisons {
    private StageComparisons() {}

    /** A comparison with the measurements it read (infiltration, solidification, formation if any). */
    public record Compared(StageComparison.Result result, List<Long> inputs, org.solidscope.core.record.CellFrame frame) {}

    /** The cell's first stored scan of each stage (null where there is none). */
    static CatalogQueries.StoredMeasurement[] firstScans(Catalog catalog, String cellId) {
        CatalogQueries.StoredMeasurement[] first = new CatalogQueries.StoredMeasurement[3];
        for (CatalogQueries.StoredMeasurement s : new CatalogQueries(catalog).storedMeasurementsOfCell(cellId, UltrasoundModality.ID)) {
            int k = Stage.parse("record", s.state()).ordinal();
            if (first[k] == null) first[k] = s;
        }
        return first;
    }

    static List<Long> inputs(CatalogQueries.StoredMeasurement[] first) {
        List<Long> in = new ArrayList<>();
        for (var s : first) if (s != null) in.add(s.measurementId());
        in.sort(null);
        return in;
    }

    /** Null when the cell lacks the infiltration or the solidification scan. */
    public static Compared of(Catalog catalog, String cellId, InspectionSpec spec) {
        return of(catalog, firstScans(catalog, cellId), spec);
    }

    static Compared of(Catalog catalog, CatalogQueries.StoredMeasurement[] stored, InspectionSpec spec) {
        if (stored[0] == null || stored[1] == null) return null;
        StageAnalyzer analyzer = new StageAnalyzer(spec);
        StageAnalysis[] a = new StageAnalysis[3];
        for (int k = 0; k < 3; k++) {
            var s = stored[k];
            if (s == null) continue;
            var scan = CscanFiles.read(s.fileName(), catalog.arrays().path(s.rawSha256()), s.sidecar());
            a[k] = analyzer.analyze(scan, Stage.values()[k], a[0] == null ? null : a[0].cell(), Map.of(s.fileName(), s.rawSha256()));
        }
        var result = StageComparison.compare(a[0], a[1], a[2], spec, Map.of());
        return new Compared(result, inputs(stored), UltrasoundModality.frameOf(a[0].cell(), a[0].levels().db().geometry()));
    }

    /**
     * Stores the cell's comparison when it has the stages for one and none is stored for these inputs
     * and this specification ({@code always}: store anyway, as re-analysis does). Returns whether it stored.
     */
    public static boolean update(Catalog catalog, String cellId, InspectionSpec spec, boolean always) {
        var stored = firstScans(catalog, cellId);
        if (stored[0] == null || stored[1] == null) return false;
        if (!always) {
            // decided before any scan is read: a re-run of a stored batch costs one query per cell
            var last = new CatalogQueries(catalog).latestCellAnalysis(cellId, UltrasoundModality.COMPARISON);
            if (last != null && last.measurementIds().equals(inputs(stored)) && spec.name().equals(last.spec())) return false;
        }
        Compared c = of(catalog, stored, spec);
        new RecordWriter(catalog).addCellAnalysis(cellId, c.inputs(), UltrasoundModality.comparisonRecord(c.result(), c.frame()));
        return true;
    }

    /**
     * The cell's comparison, computed and stored unless this same comparison (same input scans, software
     * version and specification content) is stored already: a re-run or a retried task adds nothing.
     * Returns false when the cell has no comparison to make or it was stored before.
     */
    public static boolean updateOnce(Catalog catalog, String cellId, InspectionSpec spec) {
        var stored = firstScans(catalog, cellId);
        if (stored[0] == null || stored[1] == null) return false;
        StringBuilder what = new StringBuilder("comparison\n").append(cellId);
        for (var s : stored) what.append('\n').append(s == null ? "-" : s.rawSha256());
        String key = RunKeys.of(what.toString(), spec);
        RecordWriter w = new RecordWriter(catalog);
        if (w.hasRunKey(key)) return false;
        Compared c = of(catalog, stored, spec);
        return w.addCellAnalysis(cellId, c.inputs(), key, UltrasoundModality.comparisonRecord(c.result(), c.frame())) >= 0;
    }
}
