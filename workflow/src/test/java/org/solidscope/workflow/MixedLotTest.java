package org.solidscope.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.solidscope.io.Npy;
import org.solidscope.tomo.Phantoms;

/** One lot, two modalities: ultrasonic stage scans and CT sections of four cells, on both databases. */
class MixedLotTest {
    @TempDir
    Path dir;

    static List<String> backends() { return Backends.names(); }

    @ParameterizedTest
    @MethodSource("backends")
    void aMixedLotIsStoredQueriedReanalysedAndExported(String backend) throws Exception {
        Catalog cat = Backends.open(backend, dir);
        Path in = Files.createDirectories(dir.resolve("in"));
        List<Path> files = new ArrayList<>(ScanFiles.write(in, 4, "m"));
        files.addAll(ScanFiles.ctSections(in, 4, "m"));
        Ingest ingest = new Ingest(cat, ModalityRegistry.standard());
        Ingest.Report r = ingest.run(files, "lot-M", Map.of(), Progress.NONE);
        assertEquals(20, r.count(Ingest.Outcome.STORED), r.results().toString());
        assertEquals(8, r.results().stream().filter(x -> "ct".equals(x.modality())).count());
        assertEquals(20, ingest.run(files, "lot-M", Map.of(), Progress.NONE).count(Ingest.Outcome.ALREADY_PRESENT), "idempotent");
        CatalogQueries q = new CatalogQueries(cat);
        assertEquals(20, q.count("measurement"));
        // the timeline lists both modalities in life order
        Map<String, Object> t = q.timeline("m1");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> states = (List<Map<String, Object>>) t.get("states");
        assertEquals(List.of("infiltration", "solidification", "pristine", "formation"), states.stream().map(s -> s.get("state")).toList());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> formation = (List<Map<String, Object>>) states.get(3).get("measurements");
        assertEquals(List.of("ultrasound", "ct"), formation.stream().map(m -> m.get("modality")).toList());
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> ctMetrics = (Map<String, Map<String, Object>>) formation.get(1).get("metrics");
        double ra = (Double) ctMetrics.get("ct.ra_um").get("value");
        // the record holds what the pipeline computes on that file (ground truth of the chain itself: InterfacePipelineTest)
        var direct = org.solidscope.tomo.pipeline.InterfacePipeline.run(Phantoms.cell(40, 40, 40, 2.5, 0, 31L + "formation".length()).withVoxelUm(0.65),
                org.solidscope.tomo.pipeline.InterfacePipeline.Settings.seed(), "m1", Map.of(), Progress.NONE);
        assertEquals(direct.roughness().ra(), ra, 0, "Ra of the formed section");
        assertEquals("µm", ctMetrics.get("ct.ra_um").get("unit"));
        // a metric query across modalities: cells whose CT section is rough and whose infiltration had a bubble
        List<CatalogQueries.CellRow> rough = q.listCells("lot-M", null, List.of(CatalogQueries.MetricFilter.parse("ct.ra_um>0.2"),
                CatalogQueries.MetricFilter.parse("ut.count.bubble>=1")));
        assertEquals(List.of("m0", "m2"), rough.stream().map(CatalogQueries.CellRow::cellId).toList());
        List<LotStatistics.StateStats> ras = LotStatistics.of(cat, "lot-M", "ct.ra_um");
        assertEquals(List.of("pristine", "formation"), ras.stream().map(LotStatistics.StateStats::state).toList());
        assertEquals(4, ras.get(1).metrics().get(0).n());
        assertTrue(ras.get(0).metrics().get(0).mean() < ras.get(1).metrics().get(0).mean(), "the interface roughens through formation");
        // re-analysis of each modality adds analyses and keeps the earlier ones
        long before = q.analysisCount();
        assertEquals(8, new Reanalyze(cat, ModalityRegistry.standard()).run("lot-M", "ct", Progress.NONE).added());
        assertEquals(before + 8, q.analysisCount());
        assertEquals(12, new Reanalyze(cat, ModalityRegistry.standard()).run("lot-M", "ultrasound", Progress.NONE).added());
        assertEquals(before + 20 + 4, q.analysisCount(), "and a new stage comparison per cell");
        @SuppressWarnings("unchecked")
        Map<String, Object> ctAfter = ((List<Map<String, Object>>) ((List<Map<String, Object>>) q.timeline("m1").get("states")).get(3).get("measurements")).get(1);
        assertEquals(2L, ctAfter.get("analyses"));
        assertEquals(ra, (Double) ((Map<?, ?>) ((Map<?, ?>) ctAfter.get("metrics")).get("ct.ra_um")).get("value"), 0, "the same input gives the same Ra");
        // every stored blob is referenced and verifies
        assertEquals(cat.referencedBlobs(), cat.arrays().all());
        // export round trip at full precision, both modalities in one table
        var rows = q.measurements("lot-M", null);
        assertEquals(20, rows.size());
        Path csv = dir.resolve("m.csv"), json = dir.resolve("m.json"), parquet = dir.resolve("m.parquet");
        Exporter.write(csv, "csv", rows);
        Exporter.write(json, "json", rows);
        Exporter.write(parquet, "parquet", rows);
        List<String> cols = Exporter.columns(rows);
        int raCol = cols.indexOf("ct.ra_um"), tfCol = cols.indexOf("ut.transmitting_fraction");
        assertTrue(raCol > 0 && tfCol > 0, cols.toString());
        List<String> lines = Files.readAllLines(csv);
        JsonNode j = Json.mapper().readTree(json.toFile());
        var pt = org.solidscope.io.ParquetTable.read(parquet);
        for (int i = 0; i < rows.size(); i++) {
            var row = rows.get(i);
            String[] cells = lines.get(i + 1).split(",", -1);
            String metric = row.modality().equals("ct") ? "ct.ra_um" : "ut.transmitting_fraction";
            int col = row.modality().equals("ct") ? raCol : tfCol;
            double v = row.metrics().get(metric).value();
            assertEquals(v, Double.parseDouble(cells[col]), 0, "CSV");
            assertEquals(v, j.get(i).get("metrics").get(metric).get("value").asDouble(), 0, "JSON");
            assertEquals(v, pt.rows().get(i).get(col), "Parquet");
            if (!row.modality().equals("ct")) {
                assertEquals("", cells[raCol], "no CT metric on an ultrasonic row");
                assertNull(pt.rows().get(i).get(raCol), "no CT metric on an ultrasonic row");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void badCtInputIsNamedAndLeavesNoRowsAndNoBlobs(String backend) throws Exception {
        Catalog cat = Backends.open(backend, dir);
        Path in = Files.createDirectories(dir.resolve("in"));
        List<Path> good = ScanFiles.ctSections(in, 1, "g");
        Path nameless = in.resolve("volume.npy");
        Files.copy(good.get(0), nameless);
        Files.writeString(in.resolve("volume.npy.json"), "{\"voxel_um\": 0.65}");
        Path badState = in.resolve("g9_charged.npy");
        Files.copy(good.get(1), badState);
        Files.writeString(in.resolve("g9_charged.npy.json"), "{\"voxel_um\": 0.65, \"state\": \"half_charged\"}");
        Path truncated = in.resolve("g8_pristine.raw");
        Files.write(truncated, new byte[40 * 40 * 39 * 2]);
        Files.writeString(in.resolve("g8_pristine.raw.json"), "{\"shape\": [40, 40, 40], \"dtype\": \"uint16\", \"voxel_um\": 0.65}");
        List<Path> files = List.of(nameless, good.get(0), badState, truncated, good.get(1));
        Ingest.Report r = new Ingest(cat, ModalityRegistry.standard()).run(files, "lot-B", Map.of(), Progress.NONE);
        assertEquals(List.of(Ingest.Outcome.FAILED, Ingest.Outcome.STORED, Ingest.Outcome.FAILED, Ingest.Outcome.FAILED, Ingest.Outcome.STORED),
                r.results().stream().map(Ingest.Result::outcome).toList());
        assertTrue(r.results().get(0).reason().contains("volume.npy") && r.results().get(0).reason().contains("cell_id"), r.results().get(0).reason());
        assertTrue(r.results().get(2).reason().contains("state") && r.results().get(2).reason().contains("'half_charged'"), r.results().get(2).reason());
        assertTrue(r.results().get(3).reason().contains("g8_pristine.raw") && r.results().get(3).reason().contains("shape"), r.results().get(3).reason());
        CatalogQueries q = new CatalogQueries(cat);
        assertEquals(2, q.count("measurement"));
        assertEquals(1, q.count("cell"));
        assertEquals(cat.referencedBlobs(), cat.arrays().all(), "no blob of a failed file");
        // the same bytes offered as another cell are named as what they are, and stored nothing
        Ingest.Result again = new Ingest(cat, ModalityRegistry.standard()).one(good.get(0), "lot-B", Map.of("cell_id", "x-7"));
        assertEquals(Ingest.Outcome.CONFLICT, again.outcome());
        assertEquals("g0", again.cellId());
        assertTrue(again.reason().contains("stored already as cell g0"), again.reason());
        assertNull(q.timeline("x-7"));
        // a cell of one lot offered under another lot is refused
        Path other = in.resolve("g0_cycle_3.npy");
        var v = Phantoms.cell(40, 40, 40, 2, 0, 99);
        Npy.writeVolume(other, v.nz(), v.ny(), v.nx(), v.slices());
        Files.writeString(in.resolve("g0_cycle_3.npy.json"), "{\"voxel_um\": 0.65}");
        Ingest.Result wrongLot = new Ingest(cat, ModalityRegistry.standard()).one(other, "lot-Z", Map.of());
        assertEquals(Ingest.Outcome.FAILED, wrongLot.outcome());
        assertTrue(wrongLot.reason().contains("'lot-B'") && wrongLot.reason().contains("'lot-Z'"), wrongLot.reason());
    }
}
