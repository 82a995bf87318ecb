package org.solidscope.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import org.solidscope.catalog.Catalog;
import org.solidscope.catalog.CatalogQueries;
import org.solidscope.core.Json;
import org.solidscope.io.CscanFiles;
import org.solidscope.ultrasound.InspectionSpec;
import org.solidscope.ultrasound.Stage;
import org.solidscope.ultrasound.StageAnalysis;
import org.solidscope.ultrasound.StageAnalyzer;
import org.solidscope.ultrasound.StageComparison;
import org.solidscope.ultrasound.UltrasoundModality;

/**
 * The ultrasonic stage comparison of a stored cell (solidification degree, formation recovery): its
 * first scan of each stage, read from the array store, analysed, registered and compared.
 */
public final class StageComparisons {
    private StageComparisons() {}

    /** Null when the cell lacks the infiltration or solidification scan. */
    public static StageComparison.Result of(Catalog catalog, String lot, String cellId, InspectionSpec spec) {
        StageAnalyzer analyzer = new StageAnalyzer(spec);
        StageAnalysis[] first = new StageAnalysis[3];
        for (CatalogQueries.StoredMeasurement s : new CatalogQueries(catalog).storedMeasurements(lot, UltrasoundModality.ID)) {
            if (!s.cellId().equals(cellId)) continue;
            Stage st = Stage.parse("record", s.state());
            if (first[st.ordinal()] != null) continue;
            String sidecar = null;
            try {
                JsonNode settings = Json.mapper().readTree(s.settings() == null ? "{}" : s.settings());
                if (settings.hasNonNull("sidecar")) sidecar = settings.get("sidecar").asText();
            } catch (IOException e) {
                throw new IllegalStateException("measurement " + s.measurementId() + ": stored settings are not JSON", e);
            }
            var scan = CscanFiles.read(s.fileName(), catalog.arrays().path(s.rawSha256()), sidecar);
            first[st.ordinal()] = analyzer.analyze(scan, st, first[0] == null ? null : first[0].cell(), Map.of(s.fileName(), s.rawSha256()));
        }
        if (first[0] == null || first[1] == null) return null;
        return StageComparison.compare(first[0], first[1], first[2], spec, Map.of());
    }
}
