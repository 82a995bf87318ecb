package org.solidscope.app;

import java.nio.file.Path;
import java.util.Arrays;
import org.solidscope.core.GridGeometry;
import org.solidscope.io.AscanVolume;
import org.solidscope.ultrasound.AscanGate;
import org.solidscope.ultrasound.AscanGating;
import org.solidscope.ultrasound.GatedCscan;
import org.solidscope.ultrasound.sim.AscanSynthesizer;
import java.util.Map;
import java.util.concurrent.Callable;
import org.solidscope.ultrasound.InspectionSpec;
import org.solidscope.ultrasound.acoustics.CellState;
import org.solidscope.ultrasound.acoustics.TransferMatrix;
import org.solidscope.ultrasound.Stage;
import org.solidscope.ultrasound.StageAnalyzer;
import org.solidscope.ultrasound.sim.Scenarios;
import org.solidscope.ultrasound.sim.SimulatedScan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks on seeded data: analysis of one C-scan (localization, metrics, defects), warm.",
                "Gating against NumPy: bench/gate_vs_numpy.sh (writes a 1 GiB volume and runs both on it)."},
        footer = {"", "Example:", "  solidscope bench --iterations 50"})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--iterations", defaultValue = "50", description = "timed iterations after warm-up (default ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--make-volume", paramLabel = "FILE", description = "write the gating benchmark volume: int16 [270, 700, 2840] at 50 MHz (1.07 GB), then stop")
    Path makeVolume;

    @Option(names = "--gate-volume", paramLabel = "FILE", description = "benchmark gating of this A-scan volume (warm, in-process) instead")
    Path gateVolume;

    @Option(names = "--gate-us", defaultValue = "25:20", description = "gate for --gate-volume (default ${DEFAULT-VALUE} µs)")
    String gate;

    @Option(names = "--acoustics", description = "benchmark the acoustic model: stack evaluations per second and gap-map inversion")
    boolean acoustics;

    @Option(names = "--catalog", description = "benchmark the record: ingest + analyse throughput, and cells list latency with 10,000 cells")
    boolean catalog;

    @picocli.CommandLine.Mixin
    CatalogOptions where;

    @Option(names = "--eis-series", paramLabel = "DIR", description = "benchmark fitting every spectrum of DIR (independent starts, all cores), warm: best of --iterations")
    java.nio.file.Path eisSeries;

    @Option(names = "--circuit", description = "circuit for --eis-series") String circuit;

    @Option(names = "--initial", description = "guesses for --eis-series") String initial;

    @Option(names = "--cycling", paramLabel = "FILE", description = "benchmark cycling summary of this cycler file, warm: best of --iterations in one JVM")
    java.nio.file.Path cycling;

    @Option(names = "--xcs-frames", paramLabel = "FILE", description = "benchmark frames → per-pixel spectra (discrimination) of this frame file with the calibration "
            + "gradient.txt and intercept.txt beside it, warm: best of --iterations in one JVM; then EMF maps of 80 × 80 pixels")
    java.nio.file.Path xcsFrames;

    @Option(names = "--fleet-lot", paramLabel = "N", description = "only add a lot 'fleet-N' of N ultrasonic scans (80 × 50 mm cells through three "
            + "stages, 12 simulated cells repeated, each scan with its own 0.01 % FSH noise so that every one is a distinct measurement), ingested: "
            + "the input of the fleet re-analysis benchmark")
    Integer fleetLot;

    @Option(names = "--populate", paramLabel = "N", description = "only add a lot 'bench-N' of N synthetic cells (3 stages each) to the catalog, for load tests")
    Integer populate;

    @Option(names = "--metrics", defaultValue = "1", paramLabel = "K", description = "with --populate: metrics per analysis (K > 1: m00.value … of K "
            + "modalities, normal values; 3 stages make 3K variables for lot correlate)")
    int metricsPerAnalysis;

    @Option(names = "--correlate", paramLabel = "LOT", description = "benchmark lot correlate --matrix of this lot of the record, warm: best of --iterations")
    String correlateLot;

    @Override
    public Integer call() throws Exception {
        // benchmarks read back what they write (scans, volumes), so their files go into place at once
        try (org.solidscope.core.AtomicOutput.Suspension direct = org.solidscope.core.AtomicOutput.suspend()) {
            return measure();
        }
    }

    private Integer measure() throws Exception {
        if (eisSeries != null) return benchEis();
        if (cycling != null) return benchCycling();
        if (xcsFrames != null) return benchXcs();
        if (fleetLot != null) return populateFleetLot(fleetLot);
        if (correlateLot != null) return benchCorrelate();
        if (populate != null) {
            try (org.solidscope.catalog.Catalog cat = where.open()) {
                populate(cat, "bench-" + populate, populate, metricsPerAnalysis);
            }
            cmdOut().printf("added lot bench-%d with %d cells%n", populate, populate);
            return 0;
        }
        if (catalog) return benchCatalog();
        if (acoustics) return benchAcoustics();
        if (makeVolume != null) return makeVolume();
        if (gateVolume != null) return benchGate();
        // battery-3 after infiltration: a 350 × 100 mm cell with an unwetted centre
        SimulatedScan s = SimulatedLot.simulate(Scenarios.seedLot().get(2), Stage.INFILTRATION, 15);
        StageAnalyzer an = new StageAnalyzer(InspectionSpec.defaults());
        for (int i = 0; i < 30; i++) an.analyze(s.scan(), Stage.INFILTRATION, Map.of());
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            an.analyze(s.scan(), Stage.INFILTRATION, Map.of());
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        Main.out().printf("ut analyze, %d × %d C-scan (%d points), warm, %d iterations: median %.1f ms, min %.1f ms, p90 %.1f ms%n",
                s.scan().amplitude().width(), s.scan().amplitude().height(), s.scan().amplitude().geometry().size(), iterations,
                ms[iterations / 2], ms[0], ms[(int) (iterations * 0.9)]);
        return 0;
    }

    private int benchCatalog() throws Exception {
        java.nio.file.Path tmp = java.nio.file.Files.createTempDirectory("solidscope-bench");
        java.nio.file.Path scans = java.nio.file.Files.createDirectories(tmp.resolve("scans"));
        // 60 scans of battery-1-sized cells (225 x 98 mm: 450 x 196 points of cell in a 528 x 244 scan), 20 random cells x 3 stages
        java.util.List<java.nio.file.Path> files = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            var base = Scenarios.random(7000 + i);
            var sc = new org.solidscope.ultrasound.sim.CellScenario(new org.solidscope.ultrasound.sim.CellDesign("bench-" + i, 225, 98), base.features(),
                    base.matrixInfiltrated(), base.matrixSolidified(), base.matrixFormed(), base.shrinkCentreGapUm(), base.shrinkEdgeGapUm(), base.formedGapUm(), base.seed());
            for (Stage st : Stage.values()) {
                var s = SimulatedLot.simulate(sc, st, 15);
                java.nio.file.Path p = scans.resolve(sc.design().id() + "_" + st.id() + ".csv");
                MapOutputs.writeCscan(p, s.scan().amplitude(), 15);
                files.add(p);
            }
        }
        var grid = org.solidscope.io.CscanCsv.read(files.get(0)).amplitude().geometry();
        try (org.solidscope.catalog.Catalog cat = org.solidscope.catalog.Catalog.openWorkspace(tmp.resolve("ws"))) {
            // warm-up on a separate lot, then the timed run on two threads
            new org.solidscope.workflow.Ingest(cat, org.solidscope.workflow.ModalityRegistry.standard()).run(files.subList(0, 6), "warm", java.util.Map.of(),
                    org.solidscope.core.Progress.NONE);
            java.util.List<java.nio.file.Path> rest = files.subList(6, files.size());
            long t0 = System.nanoTime();
            java.util.stream.IntStream.range(0, 2).parallel().forEach(t -> {
                var in = new org.solidscope.workflow.Ingest(cat, org.solidscope.workflow.ModalityRegistry.standard());
                for (int i = t; i < rest.size(); i += 2) in.one(rest.get(i), "bench", java.util.Map.of());
            });
            double s = (System.nanoTime() - t0) / 1e9;
            cmdOut().printf("ingest + analyse (%d × %d C-scans, CSV, embedded H2, 2 threads): %d scans in %.2f s = %.1f scans/s%n",
                    grid.width(), grid.height(), rest.size(), s, rest.size() / s);
        }
        benchCtIngest(tmp);
        // cells list latency with 10,000 cells (3 stages each), populated directly
        // always a scratch workspace: bench rows have no raw data, and a user's record is not the place for them
        try (org.solidscope.catalog.Catalog cat = org.solidscope.catalog.Catalog.openWorkspace(tmp.resolve("ws10k"))) {
            populate(cat, "big", 10_000);
            var q = new org.solidscope.catalog.CatalogQueries(cat);
            for (int i = 0; i < 5; i++) q.listCells("big", null);
            double[] ms = new double[15];
            int n = 0;
            for (int i = 0; i < ms.length; i++) {
                long t0 = System.nanoTime();
                n = q.listCells("big", null).size();
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            long t0 = System.nanoTime();
            int fails = q.listCells("big", "FAIL").size();
            double failMs = (System.nanoTime() - t0) / 1e6;
            cmdOut().printf("cells list, %d cells × 3 stages (%s): median %.0f ms, min %.0f ms; --verdict FAIL (%d cells): %.0f ms%n", n,
                    cat.isPostgres() ? "PostgreSQL" : "embedded H2", ms[ms.length / 2], ms[0], fails, failMs);
        }
        return 0;
    }

    /** Fits of a folder of spectra, in one JVM: the first run warms the JIT, the best of the following ones is reported. */
    private int benchEis() {
        if (circuit == null || initial == null) throw new org.solidscope.core.InputException("--eis-series", "options", "--circuit and --initial", "missing");
        var c = org.solidscope.echem.Circuit.parse(circuit);
        double[] g = EisCommand.numbers("--initial", initial);
        java.util.List<org.solidscope.echem.ImpedanceSpectrum> spectra = EisCommand.Series.expand(java.util.List.of(eisSeries)).stream().map(org.solidscope.echem.InstrumentFiles::read).toList();
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= iterations; i++) {
            var r = org.solidscope.echem.SeriesFit.fit(c, spectra, g, org.solidscope.echem.CircuitFit.Weighting.UNIT, java.util.Map.of(), false, org.solidscope.core.Progress.NONE);
            if (i > 0) best = Math.min(best, r.elapsedMs());
        }
        cmdOut().printf("eis fits of %d spectra of %s, warm (best of %d in one JVM, %d cores): %.0f ms = %.2f ms per spectrum%n", spectra.size(), c, iterations,
                Runtime.getRuntime().availableProcessors(), best, best / spectra.size());
        return 0;
    }

    /** The per-cycle summary of one cycler file, in one JVM: the first run warms the JIT, the best of the following is reported. */
    private int benchCycling() {
        double best = Double.POSITIVE_INFINITY;
        long rows = 0;
        for (int i = 0; i <= iterations; i++) {
            var s = org.solidscope.echem.cycling.CyclerFiles.summarise(cycling, null, 1e-9);
            rows = s.result().rows();
            if (i > 0) best = Math.min(best, s.elapsedMs());
        }
        cmdOut().printf("cycling summary of %,d rows, warm (best of %d in one JVM, %d cores): %.0f ms = %.0f ns per row%n", rows, iterations,
                Runtime.getRuntime().availableProcessors(), best, best * 1e6 / rows);
        return 0;
    }

    /** Frames to spectra warm (the first pass warms the JIT, the best of the following is reported), then the EMF map of a simulated cube. */
    private int benchXcs() {
        var f = org.solidscope.io.xcs.FrameFile.open(xcsFrames);
        var dark = org.solidscope.xcs.DarkFrames.measure(f, 0, 1000, 5);
        var dir = xcsFrames.toAbsolutePath().getParent();
        var corr = new org.solidscope.xcs.PixelCorrections(f.rows(), f.cols(), dark.offsetAdu(), dark.noiseAdu(),
                org.solidscope.io.xcs.PixelValues.read(dir.resolve("gradient.txt"), f.rows(), f.cols(), "gradient"),
                org.solidscope.io.xcs.PixelValues.read(dir.resolve("intercept.txt"), f.rows(), f.cols(), "intercept"), dark.excluded());
        var st = org.solidscope.xcs.FrameProcessor.Settings.defaults().withSharing(org.solidscope.xcs.ChargeSharing.DISCRIMINATION);
        double best = Double.POSITIVE_INFINITY;
        long bytes = 0;
        int runs = Math.min(iterations, 5);
        for (int i = 0; i <= runs; i++) {
            var r = org.solidscope.xcs.FrameProcessor.process(f, corr, st, 1000, null, org.solidscope.core.Progress.NONE);
            bytes = r.bytes();
            if (i > 0) best = Math.min(best, r.elapsedMs());
        }
        cmdOut().printf("xcs frames → spectra (discrimination) of %.2f GB, warm (best of %d in one JVM, %d cores): %.0f ms = %.2f GB/s = %.0f × the detector's 115 MB/s%n",
                bytes / 1e9, runs, Runtime.getRuntime().availableProcessors(), best, bytes / 1e6 / best, bytes / 1e3 / best / 115);
        var sim = org.solidscope.xcs.XcsSimulator.simulate(org.solidscope.xcs.XcsSimulator.Settings.seed004(0.6), org.solidscope.core.Progress.NONE);
        var an = new org.solidscope.xcs.ComptonAnalysis(org.solidscope.xcs.ComptonAnalysis.Settings.defaults());
        double first = Double.NaN, bestMap = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= iterations; i++) {
            double ms = org.solidscope.xcs.EmfMap.of("bench", sim.cube(), org.solidscope.xcs.PinholeGeometry.seed(), an, org.solidscope.core.Progress.NONE).elapsedMs();
            if (i == 0) first = ms; else bestMap = Math.min(bestMap, ms);
        }
        cmdOut().printf("xcs EMF map of 80 × 80 pixels × 750 bins: first call %.1f ms, warm best of %d %.2f ms%n", first, iterations, bestMap);
        return 0;
    }

    private java.io.PrintWriter cmdOut() {
        return Main.out();
    }

    /**
     * Ingests N scans of small cells as a station would (read, analyse, store), written 600 at a time into a
     * temporary folder that is removed after each batch: the scans of a line's history for the fleet benchmark.
     */
    private Integer populateFleetLot(int n) throws Exception {
        final int base = 12;
        var sim = org.solidscope.ultrasound.sim.ScanSimulator.standard();
        org.solidscope.core.ScalarMap[] maps = new org.solidscope.core.ScalarMap[base * 3];
        for (int c = 0; c < base; c++) {
            var bubble = org.solidscope.ultrasound.sim.Feature.disc("bubble", Stage.INFILTRATION, 10, 5, 4, Scenarios.GAS_UM);
            var sc = new org.solidscope.ultrasound.sim.CellScenario(new org.solidscope.ultrasound.sim.CellDesign("base-" + c, 80, 50),
                    c % 2 == 0 ? java.util.List.of(bubble) : java.util.List.of(), Scenarios.MATRIX_INFILTRATED, Scenarios.MATRIX_SOLIDIFIED,
                    Scenarios.MATRIX_FORMED, 1.0, 0.02, Scenarios.FORMED_GAP_UM, 900 + c);
            for (Stage st : Stage.values()) {
                maps[c * 3 + st.ordinal()] = sim.simulate(sc, st, Scenarios.placement(sc, st), org.solidscope.ultrasound.sim.InstrumentSettings.seedWorkstation(15),
                        c * 3L + st.ordinal()).scan().amplitude();
            }
        }
        String lot = "fleet-" + n;
        java.nio.file.Path tmp = java.nio.file.Files.createTempDirectory("solidscope-fleet-lot");
        ConsoleProgress progress = new ConsoleProgress("ingest " + lot);
        try (org.solidscope.catalog.Catalog cat = where.open()) {
            var ingest = new org.solidscope.workflow.Ingest(cat, org.solidscope.workflow.ModalityRegistry.standard());
            for (int start = 0; start < n; start += 600) {
                java.util.List<java.nio.file.Path> batch = new java.util.ArrayList<>();
                for (int i = start; i < Math.min(n, start + 600); i++) {
                    org.solidscope.core.ScalarMap m = maps[(i / 3 % base) * 3 + i % 3];
                    float[] v = m.values().clone();
                    java.util.SplittableRandom r = new java.util.SplittableRandom(i);
                    for (int k = 0; k < v.length; k++) v[k] += (float) (0.01 * (r.nextDouble() - 0.5));
                    java.nio.file.Path f = tmp.resolve("fleet-" + (i / 3) + "_" + Stage.values()[i % 3].id() + ".npy");
                    MapOutputs.writeCscan(f, new org.solidscope.core.ScalarMap(m.geometry(), m.unit(), v), 15);
                    batch.add(f);
                }
                var rep = ingest.run(batch, lot, Map.of(), org.solidscope.core.Progress.NONE);
                if (rep.count(org.solidscope.workflow.Ingest.Outcome.STORED) + rep.count(org.solidscope.workflow.Ingest.Outcome.ALREADY_PRESENT) != batch.size()) {
                    throw new IllegalStateException("fleet lot: batch at " + start + " not stored whole: " + rep.results());
                }
                try (var files = java.nio.file.Files.list(tmp)) {
                    for (java.nio.file.Path f : files.toList()) java.nio.file.Files.delete(f);
                }
                progress.update(Math.min(n, start + 600), n);
            }
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
        cmdOut().printf("added lot %s with %d ultrasonic scans of %d cells (%d × %d points each)%n", lot, n, (n + 2) / 3, maps[0].geometry().width(),
                maps[0].geometry().height());
        return 0;
    }

    /** lot correlate --matrix on a lot of the record, warm: reading the values, the table, every pair, the top 20 bootstrapped. */
    private Integer benchCorrelate() {
        try (org.solidscope.catalog.Catalog cat = where.openForReading()) {
            double best = Double.POSITIVE_INFINITY, bestRead = 0;
            org.solidscope.workflow.analytics.LotCorrelation.Matrix m = null;
            for (int i = 0; i < Math.max(3, iterations); i++) {
                long t0 = System.nanoTime();
                var t = org.solidscope.workflow.analytics.LotCorrelation.table(cat, correlateLot);
                long t1 = System.nanoTime();
                m = org.solidscope.workflow.analytics.LotCorrelation.matrix(t, false, 20, 2000, 1);
                double s = (System.nanoTime() - t0) / 1e9;
                if (s < best) { best = s; bestRead = (t1 - t0) / 1e9; }
            }
            cmdOut().printf("lot correlate --matrix %s: %d cells, %d variables, %d pairs (Pearson, Spearman, BH; intervals for the top 20, "
                    + "bootstrap up to " + org.solidscope.workflow.analytics.Correlation.BOOTSTRAP_MAX_N + " cells, Fisher's z above): "
                    + "best %.2f s warm of %d (reading the record %.2f s)%n", correlateLot, m.cells(), m.variables(), m.pairs(), best, Math.max(3, iterations), bestRead);
        }
        return 0;
    }

    /**
     * Inserts cells with three states, one measurement, one analysis and one metric each, in batches,
     * as the record writer would store them: the same tables and columns, and a small real C-scan
     * (8 × 8 points, CSV) in the array store behind every measurement, so the rows read back, export and
     * re-analyse like any other.
     */
    static void populate(org.solidscope.catalog.Catalog cat, String lot, int cells) {
        populate(cat, lot, cells, 1);
    }

    /** As {@link #populate(org.solidscope.catalog.Catalog, String, int)} with {@code metrics} metrics per analysis (seeded normal values beyond one). */
    static void populate(org.solidscope.catalog.Catalog cat, String lot, int cells, int metrics) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(cells);
        cat.inTransaction(c -> {
            java.sql.Timestamp now = java.sql.Timestamp.from(java.time.Instant.now());
            try (var ps = c.prepareStatement("INSERT INTO lot (id, created_utc) VALUES (?, ?)")) {
                ps.setString(1, lot);
                ps.setTimestamp(2, now);
                ps.executeUpdate();
            }
            try (var cell = c.prepareStatement("INSERT INTO cell (id, lot_id, format, created_utc) VALUES (?, ?, 'pouch', ?)")) {
                for (int i = 0; i < cells; i++) {
                    cell.setString(1, lot + "-" + i);
                    cell.setString(2, lot);
                    cell.setTimestamp(3, now);
                    cell.addBatch();
                }
                cell.executeBatch();
            }
            String[] verdicts = {"PASS", "PASS", "PASS", "REVIEW", "FAIL"};
            String[] states = {"infiltration", "solidification", "formation"};
            double[] order = {100, 200, 400};
            try (var st = c.prepareStatement("INSERT INTO cell_state (cell_id, name, kind, sort_order) VALUES (?, ?, 'process', ?)", java.sql.Statement.RETURN_GENERATED_KEYS);
                 var m = c.prepareStatement("INSERT INTO measurement (state_id, modality, file_name, raw_sha256, raw_bytes, created_utc, settings) "
                         + "VALUES (?, 'ultrasound', ?, ?, 0, ?, ?)", java.sql.Statement.RETURN_GENERATED_KEYS);
                 var a = c.prepareStatement("INSERT INTO analysis (measurement_id, modality, pipeline, software_version, spec_name, parameters, verdict, reasons, "
                         + "created_utc) VALUES (?, 'ultrasound', 'bench', 'bench', 'bench', '{}', ?, '[]', ?)", java.sql.Statement.RETURN_GENERATED_KEYS);
                 var x = c.prepareStatement("INSERT INTO metric (analysis_id, name, metric_value, unit) VALUES (?, ?, ?, '1')");
                 var u = c.prepareStatement("UPDATE measurement SET current_analysis_id = ? WHERE id = ?")) {
                int k = 0;
                for (int i = 0; i < cells; i++) {
                    for (int s = 0; s < 3; s++) {
                        st.setString(1, lot + "-" + i);
                        st.setString(2, states[s]);
                        st.setDouble(3, order[s]);
                        st.executeUpdate();
                        long sid = key(st);
                        m.setLong(1, sid);
                        m.setString(2, lot + "-" + i + "_" + states[s] + ".csv");
                        m.setString(3, cat.arrays().put(tinyScan(lot + "-" + i, states[s], k)));
                        m.setTimestamp(4, now);
                        m.setString(5, "{}");
                        m.executeUpdate();
                        long mid = key(m);
                        a.setLong(1, mid);
                        a.setString(2, verdicts[(i * 3 + k) % verdicts.length]);
                        a.setTimestamp(3, now);
                        a.executeUpdate();
                        long aid = key(a);
                        for (int q = 0; q < metrics; q++) {
                            x.setLong(1, aid);
                            x.setString(2, metrics == 1 ? "ut.transmitting_fraction" : String.format("m%02d.value", q));
                            x.setDouble(3, metrics == 1 ? 0.9 + 0.1 * ((k * 7919) % 1000) / 1000.0 : rnd.nextDouble() + rnd.nextDouble() + rnd.nextDouble());
                            x.addBatch();
                        }
                        x.executeBatch();
                        u.setLong(1, aid);
                        u.setLong(2, mid);
                        u.executeUpdate();
                        k++;
                    }
                }
            }
            org.solidscope.catalog.CellSummary.refreshAll(c);
            return null;
        });
    }

    /**
     * Ingest of 256³ uint16 CT volumes (32 MiB each, with sidecars) into an embedded record: storing alone
     * (streamed copy + SHA-256 into the array store) and the whole ingest (identify, hash, read, the
     * interface pipeline, store), with the peak heap in use sampled every 5 ms.
     */
    private void benchCtIngest(java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createDirectories(tmp.resolve("ct"));
        java.util.List<java.nio.file.Path> files = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            java.nio.file.Path f = dir.resolve("ct-" + i + "_formation.npy");
            CtCommand.write(f, org.solidscope.tomo.Phantoms.cell(256, 256, 256, 3, 0, 11 + i));
            java.nio.file.Files.writeString(dir.resolve(f.getFileName() + ".json"), "{\"voxel_um\": 0.65}");
            files.add(f);
        }
        long bytes = 0;
        for (var f : files) bytes += java.nio.file.Files.size(f);
        try (org.solidscope.catalog.Catalog cat = org.solidscope.catalog.Catalog.openWorkspace(tmp.resolve("ws-ct"))) {
            long t0 = System.nanoTime();
            for (var f : files) cat.arrays().putFile(f);
            double storeS = (System.nanoTime() - t0) / 1e9;
            cat.recover(java.time.Duration.ZERO); // the blobs stored alone are unreferenced: gone again
            System.gc();
            java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicBoolean run = new java.util.concurrent.atomic.AtomicBoolean(true);
            Runtime rt = Runtime.getRuntime();
            Thread sampler = new Thread(() -> {
                while (run.get()) {
                    peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                    try { Thread.sleep(5); } catch (InterruptedException e) { return; }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            t0 = System.nanoTime();
            var r = new org.solidscope.workflow.Ingest(cat, org.solidscope.workflow.ModalityRegistry.standard()).run(files, "ct-bench", java.util.Map.of(),
                    org.solidscope.core.Progress.NONE);
            double ingestS = (System.nanoTime() - t0) / 1e9;
            run.set(false);
            sampler.join();
            if (r.count(org.solidscope.workflow.Ingest.Outcome.STORED) != files.size()) throw new IllegalStateException("CT bench ingest: " + r.results());
            cmdOut().printf("CT ingest, %d volumes of 256^3 uint16 (%.1f MiB each), embedded H2: storing alone %.0f MB/s; whole ingest with the interface "
                    + "pipeline %.1f s per volume = %.1f MB/s; peak heap in use %d MiB (max heap %d MiB)%n", files.size(), bytes / files.size() / 1048576.0,
                    bytes / storeS / 1e6, ingestS / files.size(), bytes / ingestS / 1e6, peak.get() >> 20, rt.maxMemory() >> 20);
        }
    }

    /** A distinct 8 × 8 C-scan (CSV, 15 dB gain) for synthetic measurement k. */
    static byte[] tinyScan(String cell, String state, int k) {
        StringBuilder b = new StringBuilder("# synthetic: ").append(cell).append(' ').append(state).append(' ').append(k)
                .append("\n# pitch_mm: 0.5\n# gain_db: 15\n");
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) b.append(x == 0 ? "" : ",").append(x > 1 && x < 6 && y > 1 && y < 6 ? 12.5 : 99.9);
            b.append('\n');
        }
        return b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static long key(java.sql.PreparedStatement ps) throws java.sql.SQLException {
        try (var rs = ps.getGeneratedKeys()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private int benchAcoustics() {
        // 100 random lossy layers at 1 MHz: the layer matrices are built once per frequency, each evaluation is the product
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        java.util.List<org.solidscope.ultrasound.acoustics.Layer> ls = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            var m = new org.solidscope.core.materials.AcousticMaterial("m" + i, r.nextDouble(500, 9000), r.nextDouble(500, 6500), r.nextDouble(0, 50), "bench");
            ls.add(new org.solidscope.ultrasound.acoustics.Layer(m.name(), m, null, 0, r.nextDouble(5, 200), i == 50));
        }
        var base = org.solidscope.ultrasound.acoustics.StackFile.shipped();
        var stack = base.withLayers(ls);
        var compiled = TransferMatrix.compile(stack, CellState.solidified(0), 1.0);
        double sink = 0;
        int n = 2_000_000;
        for (int i = 0; i < n / 4; i++) sink += compiled.evaluateAll().intensityT();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) sink += compiled.evaluateAll().intensityT();
        double perSecond = n / ((System.nanoTime() - t0) / 1e9);
        // from scratch: layer matrices (trigonometry) and product
        int m = 100_000;
        t0 = System.nanoTime();
        for (int i = 0; i < m; i++) sink += TransferMatrix.compile(stack, CellState.solidified(0), 1.0 + i * 1e-9).evaluateAll().intensityT();
        double scratch = m / ((System.nanoTime() - t0) / 1e9);
        Main.out().printf("acoustic model, 100-layer lossy stack at 1 MHz, one core: %.2f M evaluations/s (layer matrices at this frequency built once), "
                + "%.2f M/s building them each time%n", perSecond / 1e6, scratch / 1e6);
        // gap-map inversion of a 700 x 270 map: battery-3-like scans, warm
        var sc = Scenarios.seedLot().get(2);
        var ai = new StageAnalyzer(InspectionSpec.defaults()).analyze(SimulatedLot.simulate(sc, Stage.INFILTRATION, 15).scan(), Stage.INFILTRATION, Map.of());
        var as = new StageAnalyzer(InspectionSpec.defaults()).analyze(SimulatedLot.simulate(sc, Stage.SOLIDIFICATION, 40).scan(), Stage.SOLIDIFICATION, ai.cell(), Map.of());
        var inv = org.solidscope.ultrasound.acoustics.GapInversion.forStack(base, 1.0);
        for (int i = 0; i < 20; i++) org.solidscope.ultrasound.GapMapping.map(ai, as, inv, 0.08, 12);
        double[] ms = new double[30];
        for (int i = 0; i < ms.length; i++) ms[i] = org.solidscope.ultrasound.GapMapping.map(ai, as, inv, 0.08, 12).elapsedNanos() / 1e6;
        Arrays.sort(ms);
        Main.out().printf("ut gap-map inversion (registration, resampling, inversion with bounds) of a %d × %d map, warm: median %.1f ms, min %.1f ms (%s)%n",
                ai.levels().db().width(), ai.levels().db().height(), ms[ms.length / 2], ms[0], sink > 0 ? "ok" : "?");
        return 0;
    }

    /** battery-3 after formation, cropped or padded to 270 × 700 points, synthesised as 2840-sample A-scans. */
    private int makeVolume() {
        SimulatedScan s = SimulatedLot.simulate(Scenarios.seedLot().get(2), Stage.FORMATION, 15);
        GridGeometry src = s.scan().amplitude().geometry();
        int nx = 700, ny = 270;
        float[] clean = new float[nx * ny];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) clean[y * nx + x] = s.cleanSignal()[Math.min(y, src.height() - 1) * src.width() + Math.min(x, src.width() - 1)];
        }
        AscanSynthesizer syn = new AscanSynthesizer(50, 2840, 30, 1.0, 0.6, 0.5);
        long t0 = System.nanoTime();
        syn.write(makeVolume, clean, new GridGeometry(nx, ny, src.pitchMm()), 15, java.util.List.of(), 1, new ConsoleProgress("volume"));
        Main.out().printf("wrote %s: int16 [%d, %d, %d] at %.0f MHz in %.1f s%n", makeVolume, ny, nx, syn.samples(), syn.sampleRateMHz(),
                (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private int benchGate() {
        try (AscanVolume v = AscanVolume.open(gateVolume, null)) {
            AscanGate g = AscanGate.parse(gate, 10);
            double[] ms = new double[Math.max(3, Math.min(iterations, 10))];
            AscanGating.gate(v, g, org.solidscope.core.Progress.NONE); // warm-up: JIT and page cache
            GatedCscan last = null;
            for (int i = 0; i < ms.length; i++) {
                last = AscanGating.gate(v, g, org.solidscope.core.Progress.NONE);
                ms[i] = last.elapsedNanos() / 1e6;
            }
            Arrays.sort(ms);
            double best = ms[0];
            Main.out().printf("ut gate (" + AscanGating.kernel() + " kernel), int16 [%d, %d, %d] (%.2f GiB), gate %s µs = %d samples/trace, %d threads: best %.0f ms, median %.0f ms, "
                            + "%.0f Msamples/s gated, %.2f GiB/s of file%n", v.ny(), v.nx(), v.nt(), v.sizeBytes() / (double) (1L << 30), gate,
                    g.samples(v.sampleRateMHz()), Runtime.getRuntime().availableProcessors(), best, ms[ms.length / 2],
                    last.samplesGated() / (best / 1e3) / 1e6, v.sizeBytes() / (best / 1e3) / (1L << 30));
        }
        return 0;
    }
}
