package org.solidscope.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.solidscope.catalog.Backends;
import org.solidscope.catalog.Catalog;
import org.solidscope.catalog.CatalogQueries;
import org.solidscope.catalog.Exporter;
import org.solidscope.catalog.LotStatistics;
import org.solidscope.core.Json;
import org.solidscope.core.Progress;
import org.solidscope.ultrasound.InspectionSpec;

/** The record of ultrasonic scans on both databases: ingest, queries, re-analysis with history, export round trip, bad input. */
class CatalogTest {
    @TempDir
    Path dir;

    static List<String> backends() { return Backends.names(); }

    Ingest ingester(Catalog c) {
        return new Ingest(c, ModalityRegistry.standard());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> measurementsOf(Map<String, Object> cell) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object s : (List<Object>) cell.get("states")) out.addAll((List<Map<String, Object>>) ((Map<String, Object>) s).get("measurements"));
        return out;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void ingestIsIdempotentAndQueriesSeeEveryStage(String backend) throws Exception {
        Catalog cat = Backends.open(backend, dir);
        List<Path> files = ScanFiles.write(Files.createDirectories(dir.resolve("scans")), 4, "cell-");
        Ingest.Report r = ingester(cat).run(files, "lot-A", Map.of(), Progress.NONE);
        assertEquals(12, r.count(Ingest.Outcome.STORED), r.results().toString());
        Ingest.Report again = ingester(cat).run(files, "lot-A", Map.of(), Progress.NONE);
        assertEquals(12, again.count(Ingest.Outcome.ALREADY_PRESENT), "same bytes are not stored twice");
        assertEquals(12 + 4, new CatalogQueries(cat).analysisCount(), "one analysis per scan and one stage comparison per cell, none twice");
        CatalogQueries q = new CatalogQueries(cat);
        List<CatalogQueries.CellRow> cells = q.listCells("lot-A", null);
        assertEquals(4, cells.size());
        assertEquals(3, cells.get(0).stateVerdicts().size());
        assertEquals(List.of(), q.listCells("lot-B", null));
        // cells with a bubble at infiltration are not PASS there
        assertTrue(cells.get(0).stateVerdicts().get("infiltration").matches("REVIEW|FAIL"), cells.get(0).toString());
        assertEquals("PASS", cells.get(1).stateVerdicts().get("infiltration"));
        Map<String, Object> show = q.showCell("cell-0");
        assertEquals("lot-A", show.get("lot"));
        List<Map<String, Object>> ms = measurementsOf(show);
        assertEquals(3, ms.size());
        assertEquals(List.of("infiltration", "solidification", "formation"), ms.stream().map(m -> ((Map<?, ?>) m).get("file").toString()
                .replaceAll("^cell-0_|\\.csv$", "")).toList(), "states in life order");
        Map<String, Object> inf = ms.get(0);
        assertEquals(1, ((List<?>) inf.get("current_features")).size());
        assertNull(q.showCell("no-such-cell"));
        // the stage comparison is stored with the cell: degree and recovery maps, metrics, the measurements it read
        @SuppressWarnings("unchecked")
        Map<String, Object> cmp = ((List<Map<String, Object>>) show.get("cell_analyses")).get(0);
        assertEquals("ut.compare/1", cmp.get("pipeline"));
        assertEquals(List.of("degree", "recovery"), ((List<?>) cmp.get("arrays")).stream().map(a -> ((Map<?, ?>) a).get("name")).toList());
        assertEquals(3, ((List<?>) cmp.get("inputs")).size());
        double degree = (Double) ((Map<?, ?>) ((Map<?, ?>) cmp.get("metrics")).get("ut.solidification.degree_mean")).get("value");
        assertTrue(degree > 0.5 && degree <= 1, "solidification degree " + degree);
        // the stored raw bytes verify and equal the file
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(files.get(0)), cat.arrays().get((String) inf.get("raw_sha256"))));
        List<LotStatistics.StateStats> stats = LotStatistics.of(cat, "lot-A", null);
        assertEquals(List.of("infiltration", "solidification", "formation"), stats.stream().map(LotStatistics.StateStats::state).toList());
        LotStatistics.StateStats infStats = stats.get(0);
        assertEquals(0.5, infStats.yield(), 1e-12, "two of four cells pass infiltration");
        LotStatistics.MetricStats tf = infStats.metrics().stream().filter(m -> m.metric().equals("ut.transmitting_fraction")).findFirst().orElseThrow();
        assertEquals(4, tf.n());
        assertTrue(tf.lcl() <= tf.mean() && tf.mean() <= tf.ucl());
        // the SQL aggregate equals the mean and sample deviation computed here from the stored values
        double[] v = q.measurements("lot-A", "ultrasound").stream().filter(m -> m.state().equals("infiltration"))
                .mapToDouble(m -> m.metrics().get("ut.transmitting_fraction").value()).toArray();
        double mean = java.util.Arrays.stream(v).average().orElseThrow(), ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        assertEquals(mean, tf.mean(), 1e-12);
        assertEquals(Math.sqrt(ss / (v.length - 1)), tf.std(), 1e-12);
        // a metric condition selects cells
        List<CatalogQueries.CellRow> bubbly = q.listCells("lot-A", null, List.of(CatalogQueries.MetricFilter.parse("ut.count.bubble>=1")));
        assertEquals(List.of("cell-0", "cell-2"), bubbly.stream().map(CatalogQueries.CellRow::cellId).toList());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void reanalysisKeepsHistory(String backend) throws Exception {
        Catalog cat = Backends.open(backend, dir);
        List<Path> files = ScanFiles.write(Files.createDirectories(dir.resolve("scans")), 2, "re-");
        ingester(cat).run(files, "lot-R", Map.of(), Progress.NONE);
        CatalogQueries q = new CatalogQueries(cat);
        long before = q.analysisCount();
        // a stricter specification: every infiltration with any bubble fails
        Path spec = dir.resolve("strict.json");
        Files.writeString(spec, "{\"spec_version\": 1, \"name\": \"strict\", \"rules\": {\"infiltration\": [{\"metric\": \"count.bubble\", \"fail_above\": 0}], "
                + "\"solidification\": [], \"formation\": [], \"comparison\": []}}");
        Reanalyze.Result n = new Reanalyze(cat, ModalityRegistry.loadOrDefault(spec)).run("lot-R", null, Progress.NONE);
        assertEquals(6, n.measurements());
        assertEquals(6, n.added());
        assertEquals(before + 6 + 2, q.analysisCount(), "new analyses added (six scans, two stage comparisons), old ones kept");
        Reanalyze.Result again = new Reanalyze(cat, ModalityRegistry.loadOrDefault(spec)).run("lot-R", null, Progress.NONE);
        assertEquals(List.of(6, 0, 6, 0), List.of(again.measurements(), again.added(), again.alreadyStored(), again.comparisonsAdded()));
        assertEquals(before + 6 + 2, q.analysisCount(), "the same run again adds nothing");
        Map<String, Object> inf = measurementsOf(q.showCell("re-0")).get(0);
        List<?> history = (List<?>) inf.get("history");
        assertEquals(2, history.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) history.get(1);
        assertEquals("strict", last.get("spec"));
        assertEquals("FAIL", last.get("verdict"));
        assertEquals(last.get("analysis_id"), inf.get("analysis_id"));
        assertEquals("FAIL", q.listCells("lot-R", "FAIL").get(0).verdict());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void exportRoundTrip(String backend) throws Exception {
        Catalog cat = Backends.open(backend, dir);
        ingester(cat).run(ScanFiles.write(Files.createDirectories(dir.resolve("scans")), 2, "ex-"), "lot-E", Map.of(), Progress.NONE);
        List<CatalogQueries.MeasurementRow> rows = new CatalogQueries(cat).measurements("lot-E", null);
        Path json = dir.resolve("e.json"), csv = dir.resolve("e.csv");
        Exporter.write(json, "json", rows);
        Exporter.write(csv, "csv", rows);
        Path parquet = dir.resolve("e.parquet");
        Exporter.write(parquet, "parquet", rows);
        List<String> cols = Exporter.columns(rows);
        org.solidscope.io.ParquetTable.Table pt = org.solidscope.io.ParquetTable.read(parquet);
        assertEquals(cols, pt.columns().stream().map(org.solidscope.io.ParquetTable.Column::name).toList());
        assertEquals(rows.size(), pt.rows().size());
        JsonNode j = Json.mapper().readTree(json.toFile());
        assertEquals(rows.size(), j.size());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(String.join(",", cols), lines.get(0));
        int meanCol = cols.indexOf("ut.mean_db"), cvCol = cols.indexOf("ut.uniformity_cv");
        for (int i = 0; i < rows.size(); i++) {
            CatalogQueries.MeasurementRow r = rows.get(i);
            String[] cells = lines.get(i + 1).split(",", -1);
            assertEquals(r.cellId(), cells[1]);
            assertEquals(r.rawSha256(), j.get(i).get("raw_sha256").asText());
            assertEquals(r.verdict(), cells[10]);
            double mean = r.metrics().get("ut.mean_db").value();
            assertEquals(mean, Double.parseDouble(cells[meanCol]), 0, "CSV keeps full precision");
            assertEquals(mean, j.get(i).get("metrics").get("ut.mean_db").get("value").asDouble(), 0, "JSON keeps full precision");
            assertEquals("dB", j.get(i).get("metrics").get("ut.mean_db").get("unit").asText());
            List<Object> prow = pt.rows().get(i);
            assertEquals(r.cellId(), prow.get(1));
            assertEquals(r.analysisId(), prow.get(7));
            assertEquals(mean, prow.get(meanCol), "Parquet keeps full precision");
            assertEquals(r.metrics().get("ut.uniformity_cv").value(), prow.get(cvCol));
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aBadScanIsReportedAndLeavesNothingWhileTheOthersGoIn(String backend) throws Exception {
        Catalog cat = Backends.open(backend, dir);
        Path scans = Files.createDirectories(dir.resolve("scans"));
        List<Path> files = new ArrayList<>(ScanFiles.write(scans, 1, "ok-"));
        Path bad = scans.resolve("broken_infiltration.csv");
        Files.writeString(bad, "# pitch_mm: 0.5\n# gain_db: 15\n1,2\n3,oops\n");
        Path anonymous = scans.resolve("nameless.csv");
        Files.writeString(anonymous, "# pitch_mm: 0.5\n# gain_db: 15\n1,2\n3,4\n");
        files.add(1, bad);
        files.add(anonymous);
        int blobsBefore = cat.arrays().all().size();
        Ingest.Report r = ingester(cat).run(files, "lot-X", Map.of(), Progress.NONE);
        assertEquals(3, r.count(Ingest.Outcome.STORED));
        assertEquals(2, r.count(Ingest.Outcome.FAILED));
        Ingest.Result failed = r.results().get(1);
        assertTrue(failed.reason().contains("broken_infiltration.csv") && failed.reason().contains("line 4, column 2"), failed.reason());
        assertTrue(r.results().get(4).reason().contains("cell_id"), r.results().get(4).reason());
        assertEquals(blobsBefore + 6 + 2, cat.arrays().all().size(), "raw + level map of the three good scans, and the degree and recovery maps of their cell, only");
        assertNull(new CatalogQueries(cat).showCell("broken"));
        assertNotNull(new CatalogQueries(cat).showCell("ok-0"));
    }
}
