package org.solidscope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.solidscope.catalog.Backends;
import org.solidscope.catalog.Catalog;
import org.solidscope.catalog.CatalogQueries;
import org.solidscope.catalog.LotStatistics;
import org.solidscope.core.Json;
import org.solidscope.core.Progress;
import org.solidscope.workflow.Ingest;
import org.solidscope.workflow.ModalityRegistry;
import org.solidscope.workflow.Reanalyze;
import org.solidscope.workflow.ScanFiles;

/**
 * The fleet jobs in Spark's local mode with two cores and one retry ({@code local[2,2]}), against the
 * station's own re-analysis and lot statistics on the same lot: a mixed lot of four cells (ultrasonic
 * scans of three stages, CT sections pristine and formed), as the demo stores them.
 */
class FleetTest {
    static final String LOT = "lot-F";
    /** Measurements of the lot: 12 ultrasonic scans, 8 CT sections, one XCS cube, one impedance spectrum, one cycler run. */
    static final int N = 23;
    static SparkSession spark;
    static Path files;
    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        spark = SparkSession.builder().master("local[2,2]").appName("fleet-test").config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        files = Files.createDirectories(shared.resolve("in"));
        List<Path> f = new ArrayList<>(ScanFiles.write(files, 4, "f"));
        f.addAll(ScanFiles.ctSections(files, 4, "f"));
        // and one file of each other modality, as the demo stores them: an XCS spectra cube, an impedance spectrum, a cycler run
        var xcs = org.solidscope.xcs.XcsSimulator.simulate(org.solidscope.xcs.XcsSimulator.Settings.seed004(0.6).withSeed(7), Progress.NONE);
        org.solidscope.io.xcs.SpectrumCubeFiles.write(files.resolve("f0_charged_50.npy"), xcs.cube(), "keV",
                Map.of("cell_id", "f0", "state", "charged_50", "incident_kev", 115, "angle_deg", 90));
        var eis = org.solidscope.echem.OperandoSimulator.simulate(1, 0.003, 4).get(0);
        org.solidscope.echem.SpectrumCsv.write(files.resolve("f1_" + eis.state() + ".csv"), eis.spectrum());
        org.solidscope.echem.cycling.CyclingSimulator.write(org.solidscope.echem.cycling.CyclingSimulator.seed004Rate(), files.resolve("f2_cycle_12.csv"));
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    static List<Path> lotFiles() throws Exception {
        try (var s = Files.list(files)) {
            return s.filter(p -> !p.toString().endsWith(".json")).sorted().toList();
        }
    }

    static Catalog ingested(Catalog cat) throws Exception {
        Ingest.Report r = new Ingest(cat, ModalityRegistry.standard()).run(lotFiles(), LOT, Map.of(), Progress.NONE);
        assertEquals(N, r.count(Ingest.Outcome.STORED), r.results().toString());
        return cat;
    }

    /** A stricter specification: every infiltration with any bubble fails (so the re-analysis changes verdicts). */
    static String strictSpec() {
        return "{\"spec_version\": 1, \"name\": \"strict\", \"rules\": {\"infiltration\": [{\"metric\": \"count.bubble\", \"fail_above\": 0}], "
                + "\"solidification\": [], \"formation\": [], \"comparison\": []}}";
    }

    static ReanalyzeJob.Options options(String lot, long failOnceAfter) {
        return new ReanalyzeJob.Options(Selection.lot(lot), strictSpec(), "strict.json", null, 4, failOnceAfter);
    }

    static JobSummary fleetReanalyze(Catalog cat, ReanalyzeJob.Options o) {
        RecordLocation where = RecordLocation.of(cat, null, null);
        return ReanalyzeJob.run(spark, cat, where, FleetInput.fromRecord(spark, cat, where, o.selection(), 4), o, null, 0);
    }

    static List<String> backends() { return Backends.names(); }

    @ParameterizedTest
    @MethodSource("backends")
    void fleetReanalysisIsTheStationsBitForBitIdempotentAndSurvivesARetriedTask(String backend) throws Exception {
        Catalog station = ingested(Catalog.openWorkspace(dir.resolve("station")));
        Catalog fleet = ingested(Backends.open(backend, dir.resolve("fleet")));
        Reanalyze.Result r = new Reanalyze(station, ModalityRegistry.standard(org.solidscope.core.record.Specification.parse(strictSpec(), "strict.json"))).run(LOT, null, Progress.NONE);
        assertEquals(N, r.added());

        // the task holding the tenth measurement fails once, right after storing it, and is retried
        long victim = new CatalogQueries(fleet).storedMeasurements(LOT, null).get(9).measurementId();
        long before = new CatalogQueries(fleet).analysisCount();
        JobSummary s = fleetReanalyze(fleet, options(LOT, victim));
        assertTrue(s.ok(), s.toMap().toString());
        assertEquals(List.of((long) N, (long) N, 0L, 4L), List.of(s.measurements(), s.added(), s.alreadyStored(), s.comparisonsAdded()), s.toMap().toString());
        assertEquals(before + N + 4, new CatalogQueries(fleet).analysisCount(), "one analysis per measurement and one comparison per cell: the retry doubled nothing");
        assertEquals(0, duplicates(fleet));

        // the same analyses as the station's, bit for bit: metrics, arrays, features, verdicts, provenance
        Map<String, String> a = currentAnalyses(station), b = currentAnalyses(fleet);
        assertEquals(N + 4, a.size());
        assertEquals(java.util.Set.of("ultrasound", "ct", "xcs", "eis", "cycling"),
                a.values().stream().map(x -> x.substring(0, x.indexOf('|'))).collect(java.util.stream.Collectors.toSet()), "every modality compared");
        assertEquals(a, b);
        assertTrue(a.values().stream().anyMatch(x -> x.contains("strict")), "the new specification was applied");

        // a second run adds nothing
        JobSummary again = fleetReanalyze(fleet, options(LOT, 0));
        assertEquals(List.of((long) N, 0L, (long) N, 0L), List.of(again.measurements(), again.added(), again.alreadyStored(), again.comparisonsAdded()));
        assertEquals(before + N + 4, new CatalogQueries(fleet).analysisCount());
        station.close();
        fleet.close();
    }

    /** Analyses of a measurement (or cell) under one key more than once. */
    static long duplicates(Catalog cat) {
        return cat.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM (SELECT measurement_id FROM analysis WHERE run_key IS NOT NULL "
                    + "GROUP BY measurement_id, cell_id, spec_name HAVING COUNT(*) > 1) d")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * Every current analysis (of a measurement, by its raw data; of a cell, the newest comparison), written
     * out whole: provenance, verdict, reasons, notes, each metric's value to the last bit, arrays by content, features.
     */
    static Map<String, String> currentAnalyses(Catalog cat) {
        return cat.inTransaction(c -> {
            Map<String, Long> which = new TreeMap<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT m.raw_sha256, m.current_analysis_id FROM measurement m")) {
                while (rs.next()) which.put(rs.getString(1).strip(), rs.getLong(2));
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT cell_id, MAX(id) FROM analysis WHERE cell_id IS NOT NULL GROUP BY cell_id")) {
                while (rs.next()) which.put("cell " + rs.getString(1), rs.getLong(2));
            }
            Map<String, String> out = new TreeMap<>();
            for (var e : which.entrySet()) {
                StringBuilder sb = new StringBuilder();
                long id = e.getValue();
                try (var ps = c.prepareStatement("SELECT modality, pipeline, software_version, spec_name, parameters, verdict, reasons, notes, run_key FROM analysis WHERE id = ?")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        for (int i = 1; i <= 9; i++) sb.append(rs.getString(i)).append('|');
                    }
                }
                for (String q : new String[] {"SELECT name, metric_value, unit, uncertainty FROM metric WHERE analysis_id = ? ORDER BY name",
                        "SELECT name, kind, dtype, shape, unit, pitch_mm, frame, sha256 FROM analysis_array WHERE analysis_id = ? ORDER BY name",
                        "SELECT kind, x_mm, y_mm, z_mm, area_mm2, size_mm, counts_against_cell, properties FROM feature WHERE analysis_id = ? "
                                + "ORDER BY kind, x_mm, y_mm"}) {
                    try (var ps = c.prepareStatement(q)) {
                        ps.setLong(1, id);
                        try (ResultSet rs = ps.executeQuery()) {
                            int n = rs.getMetaData().getColumnCount();
                            while (rs.next()) {
                                sb.append('\n');
                                for (int i = 1; i <= n; i++) {
                                    Object o = rs.getObject(i);
                                    // doubles by their bits: "the same" means the same to the last bit
                                    sb.append(o instanceof Double d ? Long.toHexString(Double.doubleToRawLongBits(d)) : String.valueOf(o).strip()).append('|');
                                }
                            }
                        }
                    }
                }
                out.put(e.getKey(), sb.toString());
            }
            return out;
        });
    }

    @Test
    void fleetStatsEqualLotStatsAndReadBackFromTheParquetExport() throws Exception {
        Catalog cat = ingested(Catalog.openWorkspace(dir.resolve("stats")));
        RecordLocation where = RecordLocation.of(cat, null, null);
        FleetInput.Tables in = FleetInput.fromRecord(spark, cat, where, Selection.lot(LOT), 3);
        List<StatsJob.StateStats> fleet = StatsJob.run(spark, in, StatsJob.GroupBy.LOT, null);
        List<LotStatistics.StateStats> lot = LotStatistics.of(cat, LOT, null);
        assertSameStats(lot, fleet);
        assertTrue(fleet.stream().mapToInt(s -> s.metrics().size()).sum() > 40, "every modality's metrics");

        // kept in the record for the dashboard, as fleet stats --store does: read back as computed
        org.solidscope.catalog.LineStatistics.store(cat, "LOT", StatsJob.rows(StatsJob.GroupBy.LOT, fleet));
        var kept = org.solidscope.catalog.LineStatistics.of(cat, "ut.transmitting_fraction");
        var computed = StatsJob.rows(StatsJob.GroupBy.LOT, fleet).stream().filter(x -> x.metric().equals("ut.transmitting_fraction")).toList();
        assertEquals(3, kept.size(), "three ultrasonic stages");
        assertEquals(new java.util.HashSet<>(computed), new java.util.HashSet<>(kept));

        // the export holds the same record: statistics read from it are the same again
        Path out = dir.resolve("export");
        ExportJob.Result r = ExportJob.run(in, out, null);
        assertEquals(N, r.measurements());
        assertTrue(Files.isDirectory(out.resolve("measurements").resolve("lot=" + LOT)), "partitioned by lot");
        try (var s = Files.list(dir)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().contains(".partial")).count(), "nothing half-written left");
        }
        assertSameStats(lot, StatsJob.run(spark, FleetInput.fromParquet(spark, out, Selection.lot(LOT)), StatsJob.GroupBy.LOT, null));

        // and it lists the measurements a re-analysis takes: every one found in the array store and re-analysed into the record
        JobSummary re = ReanalyzeJob.run(spark, cat, where, FleetInput.fromParquet(spark, out, Selection.lot(LOT)), options(LOT, 0), null, 0);
        assertTrue(re.ok(), re.toMap().toString());
        assertEquals(List.of((long) N, (long) N, 4L), List.of(re.measurements(), re.added(), re.comparisonsAdded()));
        cat.close();
    }

    static void assertSameStats(List<LotStatistics.StateStats> lot, List<StatsJob.StateStats> fleet) {
        assertEquals(lot.stream().map(LotStatistics.StateStats::state).toList(), fleet.stream().map(StatsJob.StateStats::state).toList());
        for (int i = 0; i < lot.size(); i++) {
            var a = lot.get(i);
            var b = fleet.get(i);
            assertEquals(LOT, b.group());
            assertEquals(a.measurements(), b.measurements());
            for (var e : a.verdicts().entrySet()) assertEquals((long) e.getValue(), b.verdicts().get(e.getKey()), a.state() + " " + e.getKey());
            assertEquals(a.yield(), b.yield(), 1e-15, a.state());
            assertEquals(a.metrics().stream().map(LotStatistics.MetricStats::metric).toList(), b.metrics().stream().map(StatsJob.MetricStats::metric).toList());
            for (int k = 0; k < a.metrics().size(); k++) {
                var x = a.metrics().get(k);
                var y = b.metrics().get(k);
                String what = a.state() + " " + x.metric();
                assertEquals(x.n(), y.n(), what);
                if (x.n() == 0) {
                    assertTrue(Double.isNaN(x.mean()) && Double.isNaN(y.mean()), what);
                    continue;
                }
                assertEquals(x.unit(), y.unit(), what);
                // sums in another order: equal to rounding
                double tol = 1e-12 * Math.max(1, Math.abs(x.mean()));
                assertEquals(x.mean(), y.mean(), tol, what);
                assertEquals(x.std(), y.std(), 1e-9 * Math.max(1e-9, Math.abs(x.std())) + tol, what);
                assertEquals(x.min(), y.min(), 0, what);
                assertEquals(x.max(), y.max(), 0, what);
                assertEquals(x.lcl(), y.lcl(), 1e-8 * Math.max(1, Math.abs(x.lcl())), what);
                assertEquals(x.ucl(), y.ucl(), 1e-8 * Math.max(1, Math.abs(x.ucl())), what);
                assertEquals(x.outside(), y.outside(), what);
                if (y.n() > 0) {
                    assertTrue(y.percentiles()[0] >= y.min() && y.percentiles()[4] <= y.max() && y.percentiles()[1] <= y.percentiles()[3], what);
                }
            }
        }
    }

    @Test
    void unknownLotsVersionsAndMissingBlobsAreNamedTheRestFinishesAndTheExitIsNonZero() throws Exception {
        Path ws = dir.resolve("bad");
        Catalog cat = ingested(Catalog.openWorkspace(ws));
        var victim = new CatalogQueries(cat).storedMeasurements(LOT, "ct").get(0);
        Files.delete(cat.arrays().path(victim.rawSha256()));
        long before = new CatalogQueries(cat).analysisCount();
        Path spec = Files.writeString(dir.resolve("strict.json"), strictSpec());
        Path summary = dir.resolve("summary.json");

        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = FleetMain.run(new String[] {"reanalyze", "--workspace", ws.toString(), "--lot", LOT, "--lot", "no-such-lot", "--spec", spec.toString(),
                "--summary", summary.toString()}, new PrintStream(out, true), new PrintStream(err, true));
        assertNotEquals(0, code, out + "\n" + err);
        var s = Json.mapper().readTree(summary.toFile());
        assertEquals("no-such-lot", s.get("unknown_lots").get(0).asText());
        assertEquals(1, s.get("failed").asInt(), s.toString());
        var f = s.get("failures").get(0);
        assertEquals(victim.measurementId(), f.get("measurement_id").asLong());
        assertEquals(victim.fileName(), f.get("file").asText());
        assertTrue(f.get("reason").asText().contains("missing"), f.toString());
        assertEquals(N - 1, s.get("added").asInt(), "the rest finished");
        assertTrue(out.toString().contains("unknown lot: no-such-lot") && out.toString().contains(victim.fileName()), out.toString());
        long afterFirst = new CatalogQueries(cat).analysisCount();
        assertEquals(before + N - 1 + 4, afterFirst, "nothing stored for the measurement that failed");

        // a pipeline version this build does not have: named, nothing run
        out.reset();
        code = FleetMain.run(new String[] {"reanalyze", "--workspace", ws.toString(), "--lot", LOT, "--pipeline-version", "9.9.9", "--json"},
                new PrintStream(out, true), new PrintStream(err, true));
        assertNotEquals(0, code);
        var v = Json.mapper().readTree(out.toString());
        assertTrue(v.get("unknown_pipeline_versions").get(0).asText().startsWith("9.9.9"), v.toString());
        assertEquals(afterFirst, new CatalogQueries(cat).analysisCount());

        // bad input exits 2 and starts nothing: a specification that is not one
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"spec_version\": 1, \"name\": \"x\"}");
        err.reset();
        assertEquals(2, FleetMain.run(new String[] {"reanalyze", "--workspace", ws.toString(), "--spec", bad.toString()},
                new PrintStream(out, true), new PrintStream(err, true)), err.toString());
        assertTrue(err.toString().contains("bad.json"), err.toString());
        assertEquals(afterFirst, new CatalogQueries(cat).analysisCount());
        // stats: a metric name that is not one (it would go into Spark SQL), a grouping that does not exist, no such workspace
        // dates in the wrong order, no partitions, a modality that is a path: refused by name (they had run and returned nothing)
        for (String[] a : new String[][] {{"stats", "--workspace", ws.toString(), "--metric", "x' OR '1'='1"},
                {"stats", "--workspace", ws.toString(), "--by", "month"}, {"stats", "--workspace", dir.resolve("nowhere").toString()},
                {"stats", "--workspace", ws.toString(), "--from", "2026-12-31", "--to", "2026-01-01"},
                {"stats", "--workspace", ws.toString(), "--partitions", "0"}, {"reanalyze", "--workspace", ws.toString(), "--modality", "../x"}}) {
            err.reset();
            assertEquals(2, FleetMain.run(a, new PrintStream(out, true), new PrintStream(err, true)), String.join(" ", a) + ": " + err);
            String flag = a[a.length - 2];
            assertTrue(err.toString().contains(flag.equals("--workspace") ? "nowhere" : flag.equals("--to") ? "--from" : flag), err.toString());
        }
        assertTrue(!Files.exists(dir.resolve("nowhere")), "no record made where there was none");
        cat.close();
    }
}
