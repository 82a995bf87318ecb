package org.solidscope.catalog;

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
import org.solidscope.core.Json;
import org.solidscope.core.Progress;
import org.solidscope.ultrasound.InspectionSpec;
import org.solidscope.ultrasound.StageAnalyzer;

/** The record on both databases: ingest, queries, re-analysis with history, export round trip, bad input. */
class CatalogTest {
    @TempDir
    Path dir;

    static List<String> backends() { return Backends.names(); }

    Ingester ingester(Catalog c) {
        return new Ingester(c, new StageAnalyzer(InspectionSpec.defaults()));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void ingestIsIdempotentAndQueriesSeeEveryStage(String backend) throws Exception {
        Catalog cat = Backends.open(backend, dir);
        List<Path> files = ScanFiles.write(Files.createDirectories(dir.resolve("scans")), 4, "cell-");
        Ingester.Report r = ingester(cat).ingest(files, "lot-A", Progress.NONE);
        assertEquals(12, r.count(Ingester.Outcome.STORED));
        Ingester.Report again = ingester(cat).ingest(files, "lot-A", Progress.NONE);
        assertEquals(12, again.count(Ingester.Outcome.ALREADY_PRESENT), "same bytes are not stored twice");
        CatalogQueries q = new CatalogQueries(cat);
        List<CatalogQueries.CellRow> cells = q.listCells("lot-A", null);
        assertEquals(4, cells.size());
        assertEquals(3, cells.get(0).stageVerdicts().size());
        assertEquals(List.of(), q.listCells("lot-B", null));
        // cells with a bubble at infiltration are not PASS there
        assertTrue(cells.get(0).stageVerdicts().get("infiltration").matches("REVIEW|FAIL"), cells.get(0).toString());
        assertEquals("PASS", cells.get(1).stageVerdicts().get("infiltration"));
        Map<String, Object> show = q.showCell("cell-0");
        assertEquals("lot-A", show.get("lot"));
        List<?> ms = (List<?>) show.get("measurements");
        assertEquals(3, ms.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> inf = (Map<String, Object>) ms.get(0);
        assertEquals(1, ((List<?>) inf.get("current_defects")).size());
        assertNull(q.showCell("no-such-cell"));
        // the stored raw bytes verify and equal the file
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(files.get(0)), cat.arrays().get((String) inf.get("raw_sha256"))));
        List<LotStatistics.StageStats> stats = LotStatistics.of(q.measurements("lot-A"));
        assertEquals(3, stats.size());
        LotStatistics.StageStats infStats = stats.stream().filter(s -> s.stage().equals("infiltration")).findFirst().orElseThrow();
        assertEquals(0.5, infStats.yield(), 1e-12, "two of four cells pass infiltration");
        LotStatistics.MetricStats tf = infStats.metrics().get(0);
        assertTrue(tf.lcl() <= tf.mean() && tf.mean() <= tf.ucl());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void reanalysisKeepsHistory(String backend) throws Exception {
        Catalog cat = Backends.open(backend, dir);
        List<Path> files = ScanFiles.write(Files.createDirectories(dir.resolve("scans")), 2, "re-");
        ingester(cat).ingest(files, "lot-R", Progress.NONE);
        CatalogQueries q = new CatalogQueries(cat);
        long before = q.analysisCount();
        // a stricter specification: every infiltration with any bubble fails
        Path spec = dir.resolve("strict.json");
        Files.writeString(spec, "{\"spec_version\": 1, \"name\": \"strict\", \"rules\": {\"infiltration\": [{\"metric\": \"count.bubble\", \"fail_above\": 0}]}}");
        int n = new Reanalyzer(cat, new StageAnalyzer(InspectionSpec.load(spec))).reanalyze("lot-R", Progress.NONE);
        assertEquals(6, n);
        assertEquals(before + 6, q.analysisCount(), "new analyses added, old ones kept");
        Map<String, Object> show = q.showCell("re-0");
        @SuppressWarnings("unchecked")
        Map<String, Object> inf = (Map<String, Object>) ((List<?>) show.get("measurements")).get(0);
        List<?> history = (List<?>) inf.get("analyses");
        assertEquals(2, history.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) history.get(1);
        assertEquals("strict", last.get("spec"));
        assertEquals("FAIL", last.get("verdict"));
        assertEquals(last.get("analysis_id"), inf.get("current_analysis_id"));
        assertEquals("FAIL", q.listCells("lot-R", "FAIL").get(0).verdict());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void exportRoundTrip(String backend) throws Exception {
        Catalog cat = Backends.open(backend, dir);
        ingester(cat).ingest(ScanFiles.write(Files.createDirectories(dir.resolve("scans")), 2, "ex-"), "lot-E", Progress.NONE);
        List<CatalogQueries.MeasurementRow> rows = new CatalogQueries(cat).measurements("lot-E");
        Path json = dir.resolve("e.json"), csv = dir.resolve("e.csv");
        Exporter.write(json, "json", rows);
        Exporter.write(csv, "csv", rows);
        Path parquet = dir.resolve("e.parquet");
        Exporter.write(parquet, "parquet", rows);
        org.solidscope.io.ParquetTable.Table pt = org.solidscope.io.ParquetTable.read(parquet);
        assertEquals(Exporter.COLUMNS, pt.columns().stream().map(org.solidscope.io.ParquetTable.Column::name).toList());
        assertEquals(rows.size(), pt.rows().size());
        JsonNode j = Json.mapper().readTree(json.toFile());
        assertEquals(rows.size(), j.size());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(String.join(",", Exporter.COLUMNS), lines.get(0));
        for (int i = 0; i < rows.size(); i++) {
            CatalogQueries.MeasurementRow r = rows.get(i);
            String[] cells = lines.get(i + 1).split(",", -1);
            assertEquals(r.cellId(), cells[1]);
            assertEquals(r.rawSha256(), j.get(i).get("raw_sha256").asText());
            assertEquals(r.verdict(), cells[8]);
            assertEquals(r.meanDb(), Double.parseDouble(cells[10]), 0, "CSV keeps full precision");
            assertEquals(r.meanDb(), j.get(i).get("mean_db").asDouble(), 0, "JSON keeps full precision");
            assertEquals(r.defectCount(), j.get(i).get("defect_count").asInt());
            List<Object> prow = pt.rows().get(i);
            assertEquals(r.cellId(), prow.get(1));
            assertEquals(r.analysisId(), prow.get(5));
            assertEquals(r.meanDb(), prow.get(10), "Parquet keeps full precision");
            assertEquals(r.uniformityCv(), prow.get(12));
            assertEquals((long) r.defectCount(), prow.get(13));
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
        Ingester.Report r = ingester(cat).ingest(files, "lot-X", Progress.NONE);
        assertEquals(3, r.count(Ingester.Outcome.STORED));
        assertEquals(2, r.count(Ingester.Outcome.FAILED));
        Ingester.Result failed = r.results().get(1);
        assertTrue(failed.reason().contains("broken_infiltration.csv") && failed.reason().contains("line 4, column 2"), failed.reason());
        assertTrue(r.results().get(4).reason().contains("cell_id"), r.results().get(4).reason());
        assertEquals(blobsBefore + 6, cat.arrays().all().size(), "raw + level map of the three good scans only");
        assertNull(new CatalogQueries(cat).showCell("broken"));
        assertNotNull(new CatalogQueries(cat).showCell("ok-0"));
    }
}
