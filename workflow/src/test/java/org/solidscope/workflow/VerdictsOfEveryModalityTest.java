package org.solidscope.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.catalog.Catalog;
import org.solidscope.catalog.CatalogQueries;
import org.solidscope.catalog.CellSummary;
import org.solidscope.catalog.Exporter;
import org.solidscope.core.Json;
import org.solidscope.core.Progress;
import org.solidscope.core.record.Specification;
import org.solidscope.echem.cycling.LimitSimulator;

/**
 * The cell's verdict from every modality: a short found by the cycler fails the cell with a reason naming modality, state,
 * metric, limit and value; a re-judge under another specification changes verdicts and computes nothing; a record written
 * before (schema 8, kept as a fixture) opens with its verdicts as they were until re-judged.
 */
class VerdictsOfEveryModalityTest {
    @TempDir
    Path dir;

    /** The demo's battery-4 run: symmetric Li|LLZO|Li cell stepped 0.05 mA/cm² at a time, shorting at 0.60 mA/cm². */
    private Path ccdRun(Path in) throws IOException {
        Path f = Files.writeString(in.resolve("battery-4_cycle_1.csv"), LimitSimulator.ccd(1.0, 0.05, 0.05, 0.6, 50, 1800, 10, 0.4, 1).csv());
        Files.writeString(in.resolve("battery-4_cycle_1.csv.json"), "{\"run\": \"ccd\", \"area_cm2\": 1.0}");
        return f;
    }

    private static Map<String, Object> cell(CatalogQueries q, String id) {
        return q.timeline(id);
    }

    @Test
    void aShortFailsTheCellAndARejudgeChangesVerdictsWithoutAnalysingAgain() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        List<Path> files = new java.util.ArrayList<>(List.of(ccdRun(in)));
        files.addAll(ScanFiles.write(in, 1, "battery-4"));
        try (Catalog cat = Catalog.openWorkspace(dir.resolve("ws"))) {
            var report = new Ingest(cat, ModalityRegistry.standard()).run(files, "lot", Map.of(), Progress.NONE);
            assertEquals(files.size(), report.count(Ingest.Outcome.STORED), report.toString());
            CatalogQueries q = new CatalogQueries(cat);
            var row = q.listCells("lot", null).stream().filter(r -> r.cellId().equals("battery-4")).findFirst().orElseThrow();
            assertEquals("FAIL", row.verdict());
            assertEquals("FAIL", row.modalityVerdicts().get("cycling"));
            Map<String, Object> t = cell(q, "battery-4");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> reasons = (List<Map<String, Object>>) t.get("verdict_reasons");
            Map<String, Object> ccd = reasons.stream().filter(r -> "cycling".equals(r.get("modality"))).findFirst().orElseThrow();
            assertEquals(List.of("cycle_1", "FAIL", "cycling.ccd_ma_cm2 = 0.6000 < fail below limit 1.000"),
                    List.of(ccd.get("state"), ccd.get("verdict"), ccd.get("reason")));
            // the lot's yield counts every modality: the short fails its cell, and the cycler's yield is 0 of 1
            var yield = org.solidscope.catalog.LotStatistics.cells(cat, "lot");
            assertEquals(2, yield.cells());
            assertTrue(yield.verdicts().get("FAIL") >= 1, yield.toString());
            assertTrue(yield.yield() < 1, "a failed cell is not yield");
            assertEquals(List.of(1, 0.0), List.of(yield.modalities().get("cycling").cells(), yield.modalities().get("cycling").yield()));
            // the export carries the cell's verdict and its modality's on every row
            var rows = q.measurements("lot", "cycling");
            assertEquals(List.of("FAIL", "FAIL"), List.of(rows.get(0).modalityVerdict(), rows.get(0).cellVerdict()));
            assertTrue(Exporter.columns(rows).containsAll(List.of("modality_verdict", "cell_verdict")));

            // a specification that judges ultrasound alone: the cycler's verdict goes to "not judged", nothing is analysed again
            long analyses = q.analysisCount();
            String metricsBefore = Json.write(q.measurements("lot", null).stream().map(CatalogQueries.MeasurementRow::metrics).toList());
            Path only = Files.writeString(dir.resolve("ut-only.json"), new String(getClass().getResourceAsStream("/spec-0.1.0.json").readAllBytes()));
            Rejudge.Result r = new Rejudge(cat, ModalityRegistry.loadOrDefault(only)).run("lot");
            assertTrue(r.changed() >= 1, r.toString());
            assertEquals(analyses, q.analysisCount(), "a re-judge adds no analysis");
            assertEquals(metricsBefore, Json.write(q.measurements("lot", null).stream().map(CatalogQueries.MeasurementRow::metrics).toList()));
            row = q.listCells("lot", null).stream().filter(x -> x.cellId().equals("battery-4")).findFirst().orElseThrow();
            assertEquals(CellSummary.NOT_JUDGED, row.modalityVerdicts().get("cycling"));
            assertTrue(q.count("judgement") >= 1, "the verdicts replaced are kept");
            // and back under the default: the same FAIL, and a second run changes nothing
            assertTrue(new Rejudge(cat, ModalityRegistry.standard()).run("lot").changed() >= 1);
            assertEquals(0, new Rejudge(cat, ModalityRegistry.standard()).run("lot").changed());
            row = q.listCells("lot", null).stream().filter(x -> x.cellId().equals("battery-4")).findFirst().orElseThrow();
            assertEquals("FAIL", row.modalityVerdicts().get("cycling"));
        }
    }

    private Path unzip(String resource, Path to) throws IOException {
        try (InputStream raw = getClass().getResourceAsStream(resource); ZipInputStream zip = new ZipInputStream(raw)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                Path p = to.resolve(e.getName()).normalize();
                if (e.isDirectory()) Files.createDirectories(p);
                else {
                    Files.createDirectories(p.getParent());
                    Files.copy(zip, p);
                }
            }
        }
        return to;
    }

    /**
     * The fixture: a workspace the record of schema 8 wrote (an ultrasonic infiltration scan of battery-3 that failed, an
     * impedance spectrum of battery-3 and the CCD run of battery-4, neither judged then).
     */
    @Test
    void aRecordWrittenBeforeKeepsItsVerdictsUntilRejudged() throws IOException {
        Path ws = unzip("/fixture-schema-8/record.zip", dir.resolve("old"));
        try (Catalog cat = Catalog.openWorkspace(ws)) {
            CatalogQueries q = new CatalogQueries(cat);
            Map<String, CatalogQueries.CellRow> rows = new HashMap<>();
            for (var r : q.listCells("fixture-lot", null)) rows.put(r.cellId(), r);
            assertEquals("FAIL", rows.get("battery-3").verdict(), "ultrasound's verdict as recorded");
            assertEquals(Map.of("eis", CellSummary.NOT_JUDGED, "ultrasound", "FAIL"), rows.get("battery-3").modalityVerdicts());
            assertEquals(Map.of("infiltration", "FAIL", "charged_25", CellSummary.NOT_JUDGED), rows.get("battery-3").stateVerdicts());
            assertNull(rows.get("battery-4").verdict(), "nothing judged: no verdict, not PASS");
            assertEquals(Map.of("cycling", CellSummary.NOT_JUDGED), rows.get("battery-4").modalityVerdicts());
            long analyses = q.analysisCount();
            // one state across instruments: what measured it, what measured the cell elsewhere but not here
            Map<String, Object> inf = q.stateView("battery-3", "infiltration"), charged = q.stateView("battery-3", "charged_25");
            assertEquals(List.of(List.of("ultrasound"), List.of("eis"), "FAIL"), List.of(inf.get("modalities"), inf.get("missing"), inf.get("state_verdict")));
            assertEquals(List.of(List.of("eis"), List.of("ultrasound"), CellSummary.NOT_JUDGED),
                    List.of(charged.get("modalities"), charged.get("missing"), charged.get("state_verdict")));
            assertNull(q.stateView("battery-3", "formation"), "a state the cell does not have");

            Rejudge.Result r = new Rejudge(cat, ModalityRegistry.standard()).run("fixture-lot");
            assertEquals(3, r.analyses());
            assertEquals(analyses, q.analysisCount());
            rows.clear();
            for (var x : q.listCells("fixture-lot", null)) rows.put(x.cellId(), x);
            assertEquals("FAIL", rows.get("battery-4").verdict(), "the short, judged now");
            assertEquals("FAIL", rows.get("battery-3").modalityVerdicts().get("ultrasound"));
            assertEquals("PASS", rows.get("battery-3").modalityVerdicts().get("eis"));
        }
    }

    @Test
    void theDefaultSpecificationReadsBackAsItself() {
        Specification s = ModalityRegistry.standard().spec();
        assertEquals(s.fingerprint(), ModalityRegistry.standard(Specification.parse(s.json(), "x")).spec().fingerprint());
    }
}
