package org.solidscope.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.catalog.Catalog;
import org.solidscope.catalog.CatalogQueries;
import org.solidscope.catalog.Exporter;
import org.solidscope.core.Progress;
import org.solidscope.core.record.Modality;
import org.solidscope.workflow.Ingest;
import org.solidscope.workflow.ModalityRegistry;
import org.solidscope.workflow.Reanalyze;
import org.solidscope.workflow.Rejudge;

/**
 * A modality the shared code has never heard of, registered by one line, through ingest, verdict, timeline, export,
 * re-analysis with its own settings (a new run key when they change) and a re-judge.
 */
class ToyModalityFlowTest {
    @TempDir
    Path dir;

    /** A toy file of 2 × 3 values from {@code first} by one: mean first + 2.5. */
    static Path toy(Path dir, String name, double first) throws IOException {
        StringBuilder b = new StringBuilder("toy 2 3\n");
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) b.append(c == 0 ? "" : " ").append(first + 3 * r + c);
            b.append('\n');
        }
        return Files.writeString(Files.createDirectories(dir).resolve(name), b.toString());
    }

    static double metric(CatalogQueries q, String lot, String cell, String name) {
        return q.measurements(lot, ToyModality.ID).stream().filter(r -> r.cellId().equals(cell)).findFirst().orElseThrow().metrics().get(name).value();
    }

    @Test
    void oneRegistrationLineFindsIt() {
        assertTrue(ModalityRegistry.installed().stream().anyMatch(m -> m instanceof ToyModality), "found through META-INF/services");
        Modality toy = ModalityRegistry.standard().byId("test", "toy");
        assertEquals(ModalityRegistry.DEFAULT_SPEC_NAME, toy.specificationName(), "its part of the default specification judges it");
    }

    @Test
    void aToyFlowsThroughTheRecord() throws IOException {
        Path in = dir.resolve("in");
        List<Path> files = List.of(toy(in, "t1_pristine.toy", 0), toy(in, "t2_pristine.toy", 5));
        try (Catalog cat = Catalog.openWorkspace(dir.resolve("ws"))) {
            ModalityRegistry modalities = ModalityRegistry.standard();
            Ingest.Report r = new Ingest(cat, modalities).run(files, "lot-T", Map.of(), Progress.NONE);
            assertEquals(2, r.count(Ingest.Outcome.STORED), r.toString());
            assertEquals(List.of("toy", "toy"), r.results().stream().map(Ingest.Result::modality).toList());
            assertEquals(List.of("PASS", "FAIL"), r.results().stream().map(Ingest.Result::verdict).toList(), "mean 2.5 and 7.5 against fail_above 5");
            CatalogQueries q = new CatalogQueries(cat);

            // the cell's verdict, its reason, the timeline and the export
            var rows = q.listCells("lot-T", null);
            assertEquals(List.of("PASS", "FAIL"), rows.stream().map(CatalogQueries.CellRow::verdict).toList());
            assertEquals(Map.of("toy", "FAIL"), rows.get(1).modalityVerdicts());
            Map<String, Object> t = q.timeline("t2");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> reasons = (List<Map<String, Object>>) t.get("verdict_reasons");
            assertEquals(List.of("toy", "pristine", "toy.mean = 7.500 > fail above limit 5.000"),
                    List.of(reasons.get(0).get("modality"), reasons.get(0).get("state"), reasons.get(0).get("reason")));
            assertTrue(org.solidscope.core.Json.write(t).contains("\"name\" : \"field\""), "the timeline lists its array");
            Path csv = dir.resolve("lot.csv");
            Exporter.write(csv, "csv", q.measurements("lot-T", null));
            String exported = Files.readString(csv);
            assertTrue(exported.lines().findFirst().orElseThrow().contains("toy.mean"), exported);
            assertEquals(3, exported.lines().count());

            // re-analysis: the first stores keyed analyses, the same again adds nothing, new settings analyse again
            assertEquals(2, new Reanalyze(cat, modalities).run("lot-T", null, Progress.NONE).added());
            assertEquals(0, new Reanalyze(cat, modalities).run("lot-T", null, Progress.NONE).added());
            Path gain = Files.writeString(dir.resolve("gain.json"), "{\"spec_version\": 1, \"name\": \"gain 2\", \"toy\": {\"settings\": {\"gain\": 2}, "
                    + "\"rules\": [{\"metric\": \"mean\", \"fail_above\": 5}]}}");
            ModalityRegistry doubled = ModalityRegistry.loadOrDefault(gain);
            assertEquals(2, new Reanalyze(cat, doubled).run("lot-T", null, Progress.NONE).added());
            assertEquals(0, new Reanalyze(cat, doubled).run("lot-T", null, Progress.NONE).added());
            assertEquals(5.0, metric(q, "lot-T", "t1", "toy.mean"), 1e-12, "gain 2 on a mean of 2.5");
            assertEquals("PASS", q.listCells("lot-T", null).get(0).verdict(), "5.0 is not above 5");

            // a re-judge under a stricter limit changes the verdict and computes nothing
            long analyses = q.analysisCount();
            Path strict = Files.writeString(dir.resolve("strict.json"), "{\"spec_version\": 1, \"toy\": {\"settings\": {\"gain\": 2}, "
                    + "\"rules\": [{\"metric\": \"mean\", \"fail_above\": 4}]}}");
            Rejudge.Result j = new Rejudge(cat, ModalityRegistry.loadOrDefault(strict)).run("lot-T");
            assertEquals(2, j.changed(), "t1 from PASS to FAIL; t2 stays FAIL, its reason naming the new limit");
            assertEquals(analyses, q.analysisCount());
            assertEquals("FAIL", q.listCells("lot-T", null).get(0).verdict());
            assertNotNull(q.timeline("t1"));
        }
    }
}
