package org.solidscope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.catalog.Catalog;
import org.solidscope.catalog.CatalogQueries;
import org.solidscope.core.Progress;
import org.solidscope.workflow.Ingest;
import org.solidscope.workflow.ModalityRegistry;

/** The fleet's re-analysis takes a modality it has never heard of (the toy, on the test class path only) with its own settings. */
class ToyModalityFleetTest {
    @TempDir
    Path dir;

    @Test
    void theFleetReanalysesTheToyWithItsSettings() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("t1_pristine.toy"), "toy 1 2\n1 2\n");
        Files.writeString(in.resolve("t2_pristine.toy"), "toy 1 2\n3 4\n");
        SparkSession spark = SparkSession.builder().master("local[2,2]").appName("toy-fleet").config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        try (Catalog cat = Catalog.openWorkspace(dir.resolve("ws"))) {
            var r = new Ingest(cat, ModalityRegistry.standard()).run(List.of(in.resolve("t1_pristine.toy"), in.resolve("t2_pristine.toy")), "lot-T", Map.of(),
                    Progress.NONE);
            assertEquals(2, r.count(Ingest.Outcome.STORED), r.toString());
            String spec = "{\"spec_version\": 1, \"name\": \"gain 3\", \"toy\": {\"settings\": {\"gain\": 3}, \"rules\": [{\"metric\": \"mean\", \"fail_above\": 5}]}}";
            var o = new ReanalyzeJob.Options(Selection.lot("lot-T"), spec, "gain3.json", null, 2, 0);
            RecordLocation where = RecordLocation.of(cat, null, null);
            JobSummary s = ReanalyzeJob.run(spark, cat, where, FleetInput.fromRecord(spark, cat, where, o.selection(), 2), o, null, 0);
            assertTrue(s.ok(), s.toMap().toString());
            assertEquals(List.of(2L, 2L), List.of(s.measurements(), s.added()));
            CatalogQueries q = new CatalogQueries(cat);
            var rows = q.measurements("lot-T", "toy");
            assertEquals(List.of(4.5, 10.5), rows.stream().map(x -> x.metrics().get("toy.mean").value()).toList(), "gain 3 on means of 1.5 and 3.5");
            assertEquals(List.of("PASS", "FAIL"), rows.stream().map(CatalogQueries.MeasurementRow::verdict).toList());
            JobSummary again = ReanalyzeJob.run(spark, cat, where, FleetInput.fromRecord(spark, cat, where, o.selection(), 2), o, null, 0);
            assertEquals(0L, again.added(), "the same settings again add nothing");
        } finally {
            spark.stop();
        }
    }
}
