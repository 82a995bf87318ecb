package org.solidscope.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.Checksums;
import org.solidscope.core.Json;
import org.solidscope.echem.cycling.CyclerFiles;
import org.solidscope.io.CscanFiles;
import org.solidscope.ultrasound.report.CellReport;
import org.solidscope.ultrasound.report.LotReport;
import org.solidscope.ultrasound.Defect;
import org.solidscope.ultrasound.InspectionSpec;
import org.solidscope.ultrasound.Stage;
import org.solidscope.ultrasound.StageAnalysis;
import org.solidscope.ultrasound.StageAnalyzer;
import org.solidscope.ultrasound.StageComparison;
import org.solidscope.ultrasound.sim.CellScenario;
import org.solidscope.ultrasound.sim.Scenarios;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole ultrasonic job on the embedded defaults: simulates the seed study's four pouch cells through",
                "infiltration, solidification (also at 30 and 40 dB for battery-1) and formation, reads the scans back from disk,",
                "analyses and compares them, and writes scans, JSON results, an HTML report per cell, a lot index and a lot summary."},
        footer = {"", "Example:", "  solidscope demo --out demo-out && open demo-out/report/index.html"})
final class DemoCommand implements Callable<Integer> {
    static final String LOT = "demo-lot";

    @Option(names = "--out", defaultValue = "demo-out", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @picocli.CommandLine.Mixin
    CatalogOptions where;

    @Override
    public Integer call() {
        // the demo reads back and ingests what it writes, so its files go into place as they are written
        try (AtomicOutput.Suspension direct = AtomicOutput.suspend()) {
            return run();
        }
    }

    private Integer run() {
        long t0 = System.nanoTime();
        var modalities = org.solidscope.workflow.ModalityRegistry.standard();
        InspectionSpec spec = modalities.find(org.solidscope.ultrasound.UltrasoundModality.class).spec();
        StageAnalyzer analyzer = new StageAnalyzer(spec);
        List<CellScenario> lot = Scenarios.seedLot();
        Path scans = out.resolve("scans"), results = out.resolve("results"), report = out.resolve("report");
        List<CellReport.CellResults> cells = new ArrayList<>(java.util.Collections.nCopies(lot.size(), (CellReport.CellResults) null));
        ConsoleProgress progress = new ConsoleProgress("demo");
        AtomicInteger done = new AtomicInteger();
        int total = lot.size();
        java.util.stream.IntStream.range(0, lot.size()).parallel().forEach(k -> {
            CellScenario sc = lot.get(k);
            Map<String, StageAnalysis> byLabel = new LinkedHashMap<>();
            StageAnalysis[] main = new StageAnalysis[3];
            for (Stage st : Stage.values()) {
                List<Double> gains = st == Stage.SOLIDIFICATION && sc.design().id().equals("battery-1") ? List.of(15.0, 30.0, 40.0) : List.of(15.0);
                for (double gain : gains) {
                    boolean extra = gain != 15.0;
                    String stem = SimulatedLot.stem(sc, st, gain, extra);
                    Path file = SimulatedLot.write(scans, stem, SimulatedLot.simulate(sc, st, gain), "csv", false, org.solidscope.core.Progress.NONE);
                    // analyse what is on disk, as a user would
                    StageAnalysis a = analyzer.analyze(CscanFiles.read(file), st, main[0] == null ? null : main[0].cell(),
                            Map.of(file.getFileName().toString(), Checksums.sha256(file)));
                    AtomicOutput.writeString(results.resolve(stem + ".json"), Json.write(JsonViews.analysis(file.toString(), a, Double.NaN)));
                    byLabel.put(st.id() + (extra ? " @ " + Math.round(gain) + " dB" : ""), a);
                    if (!extra) main[st.ordinal()] = a;
                }
            }
            StageComparison.Result c = StageComparison.compare(main[0], main[1], main[2], spec, Map.of());
            Map<String, StageAnalysis> stages = new LinkedHashMap<>();
            for (Stage st : Stage.values()) stages.put(st.id(), main[st.ordinal()]);
            AtomicOutput.writeString(results.resolve(sc.design().id() + "_compare.json"), Json.write(JsonViews.comparison(c, stages, Double.NaN)));
            CellReport.CellResults cr = new CellReport.CellResults(sc.design().id(), byLabel, c);
            AtomicOutput.writeString(report.resolve(LotReport.fileName(sc.design().id())), CellReport.html(cr));
            cells.set(k, cr);
            progress.update(done.incrementAndGet(), total);
        });
        AtomicOutput.writeString(report.resolve("index.html"), LotReport.html(LOT, cells));
        AtomicOutput.writeString(report.resolve("acoustics.html"), acousticsPage(cells, spec));
        AtomicOutput.writeString(out.resolve("lot-summary.json"), Json.write(summary(cells)));
        printTable(cells);
        // every cell also gets a CT section, pristine and after formation, stored beside its ultrasonic scans
        Path ctScans = ctSections(out.resolve("ct").resolve("sections"), cells);
        // battery-3 is followed through its first cycle by impedance (seed 004's operando series, 20 repeats per state)
        var operando = org.solidscope.echem.OperandoSimulator.simulate(20, 0.003, 4);
        Path eisRecord = out.resolve("eis").resolve("record");
        for (var m : operando) {
            org.solidscope.echem.SpectrumCsv.write(out.resolve("eis").resolve("operando").resolve("battery-3_" + m.state() + ".r" + m.repeat() + ".csv"), m.spectrum());
            if (m.repeat() == 1) {
                org.solidscope.echem.SpectrumCsv.write(eisRecord.resolve("battery-3_" + m.state() + ".csv"), m.spectrum());
                // measured during the rate test's first cycle: its time on the cycler's clock places it on the voltage curve
                AtomicOutput.writeString(eisRecord.resolve("battery-3_" + m.state() + ".csv.json"),
                        Json.write(Map.of("time_s", org.solidscope.echem.cycling.CyclingSimulator.seed004FirstCycleTimeS(m.state()))));
            }
        }
        // on the cycler: battery-3's rate test (seed 004), battery-2's 200 cycles at 0.2 C, battery-4's symmetric-cell CCD run and voltammogram
        Path cyclingRecord = out.resolve("cycling").resolve("record");
        org.solidscope.echem.cycling.CyclingSimulator.write(org.solidscope.echem.cycling.CyclingSimulator.seed004Rate(), cyclingRecord.resolve("battery-3_cycle_12.csv"));
        org.solidscope.echem.cycling.CyclingSimulator.write(org.solidscope.echem.cycling.CyclingSimulator.seed004Life(), cyclingRecord.resolve("battery-2_cycle_200.csv"));
        AtomicOutput.writeString(cyclingRecord.resolve("battery-4_cycle_1.csv"),
                org.solidscope.echem.cycling.LimitSimulator.ccd(1.0, 0.05, 0.05, 0.6, 50, 1800, 10, 0.4, 1).csv());
        AtomicOutput.writeString(cyclingRecord.resolve("battery-4_cycle_1.csv.json"), Json.write(Map.of("run", "ccd", "area_cm2", 1.0)));
        AtomicOutput.writeString(cyclingRecord.resolve("battery-4_pristine.csv"),
                org.solidscope.echem.cycling.LimitSimulator.voltammogram(1.0, 0, 5, 0.1, org.solidscope.echem.cycling.LimitSimulator.SEED004_ONSET_V, 1.0, 1));
        AtomicOutput.writeString(cyclingRecord.resolve("battery-4_pristine.csv.json"), Json.write(Map.of("run", "cv", "area_cm2", 1.0)));
        // on the XCS beamline: battery-3 through its first cycle (seed 004's states), simulated spectra cubes with their truth
        Path xcsRecord = out.resolve("xcs").resolve("record");
        List<double[]> xcsTruth = xcsSeries(xcsRecord, out.resolve("xcs").resolve("truth"));
        // the lot goes into the record as a line would put it there: by ingesting its files
        org.solidscope.workflow.Ingest.Report stored;
        try (org.solidscope.catalog.Catalog cat = where.open()) {
            List<Path> files = new ArrayList<>(IngestCommand.expand(List.of(scans), modalities));
            files.addAll(IngestCommand.expand(List.of(ctScans), modalities));
            files.addAll(IngestCommand.expand(List.of(eisRecord), modalities));
            files.addAll(IngestCommand.expand(List.of(cyclingRecord), modalities));
            files.addAll(IngestCommand.expand(List.of(xcsRecord), modalities));
            stored = new org.solidscope.workflow.Ingest(cat, modalities).run(files, LOT, Map.of(), new ConsoleProgress("record"));
            // the record's verdicts, every modality judged by its part of the default specification (solidscope spec default)
            var q = new org.solidscope.catalog.CatalogQueries(cat);
            Main.out().printf("%nverdicts in the record under '%s' (every modality by its own rules):%n", modalities.spec().name());
            CellsCommand.ListCells.table(Main.out(), q.listCells(LOT, null));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> why = (List<Map<String, Object>>) q.timeline("battery-4").get("verdict_reasons");
            for (Map<String, Object> r : why) {
                if ("cycling".equals(r.get("modality"))) Main.out().printf("battery-4 %s: %s, %s: %s%n", r.get("verdict"), r.get("modality"), r.get("state"), r.get("reason"));
            }
            correlativeDemo(cat, q, modalities);
        }
        for (var r : stored.results()) if (r.outcome() == org.solidscope.workflow.Ingest.Outcome.FAILED) System.err.println("failed: " + r.reason());
        Main.out().printf("%nreport: %s%nlot summary: %s%nscans and ground truth: %s%n", report.resolve("index.html"), out.resolve("lot-summary.json"), scans);
        Main.out().printf("catalog: %s — %d files stored (ultrasonic scans, CT sections, impedance spectra, cycler runs, XCS spectra cubes), %d already there; try  ./solidscope cells show battery-3  "
                        + "or  ./solidscope lot stats %s --metric ct.ra_um%n",
                where.db != null ? "PostgreSQL" : where.workspace().toAbsolutePath(), stored.count(org.solidscope.workflow.Ingest.Outcome.STORED),
                stored.count(org.solidscope.workflow.Ingest.Outcome.ALREADY_PRESENT), LOT);
        ctDemo(out.resolve("ct"));
        eisDemo(out.resolve("eis"));
        cyclingDemo(cyclingRecord, out.resolve("cycling"));
        xcsDemo(xcsRecord, xcsTruth);
        designDemo(out.resolve("design"));
        Main.out().printf("done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        Main.out().println("to browse the lot:  ./solidscope serve   then open http://127.0.0.1:8080/");
        return 0;
    }

    /**
     * The lot across instruments: battery-4's formation scan registered onto its infiltration scan (once; a re-run shows
     * the stored registration), and the strongest cross-modal correlations of the lot's four cells.
     */
    private void correlativeDemo(org.solidscope.catalog.Catalog cat, org.solidscope.catalog.CatalogQueries q, org.solidscope.workflow.ModalityRegistry modalities) {
        var scans = q.storedMeasurementsOfCell("battery-4", "ultrasound");
        long inf = scans.stream().filter(m -> m.state().equals("infiltration")).findFirst().orElseThrow().measurementId();
        long form = scans.stream().filter(m -> m.state().equals("formation")).findFirst().orElseThrow().measurementId();
        List<Map<String, Object>> kept = q.registrations("battery-4");
        if (kept.isEmpty()) {
            new org.solidscope.workflow.correlative.Registrations(cat, modalities).register(inf, form,
                    org.solidscope.workflow.correlative.MapRegistration.Options.defaults());
            kept = q.registrations("battery-4");
        }
        Map<String, Object> r = kept.get(0);
        Main.out().printf("%nbattery-4's formation scan (#%d) registered onto its infiltration scan (#%d): shift (%.2f, %.2f) mm, rotation %.2f°, scale %.4f, "
                        + "NCC %.3f over %.0f %% of the map (solidscope cells register)%n", form, inf, (Double) r.get("tx_mm"), (Double) r.get("ty_mm"),
                (Double) r.get("rotation_deg"), (Double) r.get("scale"), (Double) r.get("ncc"), 100 * (Double) r.get("overlap_fraction"));
        var m = org.solidscope.workflow.analytics.LotCorrelation.matrix(org.solidscope.workflow.analytics.LotCorrelation.table(cat, LOT), false, 3, 0, 1);
        Main.out().printf("the lot's strongest cross-modal correlations of %d pairs over its %d cells (Spearman, exact p; 4 cells say little: "
                + "solidscope lot correlate %s --matrix):%n", m.pairs(), m.cells(), LOT);
        for (var e : m.ranked().subList(0, Math.min(3, m.pairs()))) {
            Main.out().printf("  %-36s %-36s rho %6.3f  p %.3f  q %.3f%n", e.x(), e.y(), e.spearman(), e.spearmanP(), e.spearmanQ());
        }
    }

    /** Battery-3's XCS series: one spectra cube per state of the first cycle; returns per state {cathode x, truth EMF of the cathode}. */
    List<double[]> xcsSeries(Path record, Path truth) {
        List<double[]> t = new ArrayList<>();
        for (var e : XcsCommand.STATE_X.entrySet()) {
            var r = org.solidscope.xcs.XcsSimulator.simulate(org.solidscope.xcs.XcsSimulator.Settings.seed004(e.getValue()).withSeed(40 + t.size()), org.solidscope.core.Progress.NONE);
            org.solidscope.io.xcs.SpectrumCubeFiles.write(record.resolve("battery-3_" + e.getKey() + ".npy"), r.cube(), "keV",
                    Map.of("cell_id", "battery-3", "state", e.getKey(), "incident_kev", 115, "angle_deg", 90, "simulated_cathode_x", e.getValue()));
            org.solidscope.io.Npy.write2D(truth.resolve("battery-3_" + e.getKey() + ".emf.npy"), 80, 80, r.emfExpected());
            double s = 0;
            int n = 0;
            double pitch = org.solidscope.xcs.PinholeGeometry.seed().samplePitchMm();
            for (int p = 0; p < r.emfExpected().length; p++)
                if (Math.hypot((p % 80 - 39.5) * pitch, (p / 80 - 39.5) * pitch) < 6.5 && !r.dead()[p]) { s += r.emfExpected()[p]; n++; }
            t.add(new double[] {e.getValue(), s / n});
        }
        return t;
    }

    /** What the record holds of battery-3's XCS series: the cathode's EMF per state against the simulated lithium content. */
    void xcsDemo(Path record, List<double[]> truth) {
        Main.out().printf("%nXCS: battery-3 through its first cycle (seed 004's geometry, 80 × 80 pixels, simulated), EMF of the cathode disk (|r| < 6.5 mm):%n");
        Main.out().printf("%-14s %6s %18s %8s%n", "state", "x", "EMF measured (±1σ)", "truth");
        int k = 0;
        for (var e : XcsCommand.STATE_X.entrySet()) {
            var cube = org.solidscope.io.xcs.SpectrumCubeFiles.read(record.resolve("battery-3_" + e.getKey() + ".npy")).cube();
            var map = org.solidscope.xcs.EmfMap.of(e.getKey(), cube, org.solidscope.xcs.PinholeGeometry.seed(),
                    new org.solidscope.xcs.ComptonAnalysis(org.solidscope.xcs.ComptonAnalysis.Settings.defaults()), org.solidscope.core.Progress.NONE);
            boolean[] disk = new boolean[80 * 80];
            double pitch = org.solidscope.xcs.PinholeGeometry.seed().samplePitchMm();
            for (int p = 0; p < disk.length; p++) disk[p] = Math.hypot((p % 80 - 39.5) * pitch, (p / 80 - 39.5) * pitch) < 6.5;
            double[] m = map.mean(disk);
            Main.out().printf("%-14s %6.2f %11.5f ± %.5f %8.5f%n", e.getKey(), e.getValue(), m[0], m[1], truth.get(k++)[1]);
        }
        Main.out().println("battery-3's page shows the EMF maps of every state on one scale and J(pz) per state");
    }

    /** The operando impedance series of battery-3 through {@code eis series}: Rs and Rct per state against the simulation's truth. */
    void eisDemo(Path dir) {
        EisCommand.Series cmd = new EisCommand.Series();
        new picocli.CommandLine(cmd).parseArgs(dir.resolve("operando").toString(), "--circuit", org.solidscope.echem.OperandoSimulator.CIRCUIT.toString(),
                "--out", dir.resolve("operando-parameters.csv").toString(), "--json", dir.resolve("operando-parameters.json").toString(),
                "--plot-dir", dir.resolve("plots").toString(), "--report", dir.resolve("operando.html").toString());
        Main.out().printf("%nimpedance: battery-3 through its first cycle, %d states × 20 spectra (seed 004's protocol, simulated):%n",
                org.solidscope.echem.OperandoSimulator.STATES.size());
        cmd.call();
        var ops = org.solidscope.echem.OperandoSimulator.STATES;
        try {
            var doc = Json.mapper().readTree(dir.resolve("operando-parameters.json").toFile());
            var rs = doc.path("parameters").path("R0").path("value");
            var rct = doc.path("parameters").path("R1").path("value");
            int per = rs.size() / ops.size();
            Main.out().printf("%-14s %9s %8s %11s %8s %9s%n", "state", "Rs (Ω)", "± (%)", "Rct (Ω)", "± (%)", "true Rct");
            for (int k = 0; k < ops.size(); k++) {
                double[] a = new double[per], b = new double[per];
                for (int i = 0; i < per; i++) { a[i] = rs.get(k * per + i).asDouble(); b[i] = rct.get(k * per + i).asDouble(); }
                Main.out().printf("%-14s %9.2f %8.2f %11.1f %8.2f %9.0f%n", ops.get(k), mean(a), 100 * sd(a) / mean(a), mean(b), 100 * sd(b) / mean(b),
                        org.solidscope.echem.OperandoSimulator.meanRctOhm(ops.get(k)));
            }
            Main.out().printf("(± is the spread over the %d repeats; seed 004 reports ±1 %% for Rs and ±5 %% for Rct) report: %s; battery-3's page shows one spectrum per state%n",
                    per, dir.resolve("operando.html"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double mean(double[] v) { return java.util.Arrays.stream(v).average().orElse(Double.NaN); }

    private static double sd(double[] v) {
        double m = mean(v), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.length - 1));
    }

    /**
     * The design calculators on the reference study's stack: its energy density with the breakdown, and
     * the dendrite margin of LLZO with the flaw size of battery-4's formed CT section from the record, beside its measured CCD.
     */
    /** The cycler runs the record just took, summarised as a user would: battery-3's rate test with its report, battery-2's life, battery-4's limits. */
    void cyclingDemo(Path record, Path dir) {
        var rate = CyclerFiles.summarise(record.resolve("battery-3_cycle_12.csv"), null, 1e-9);
        var table = org.solidscope.echem.cycling.RateTable.of(rate.result(), org.solidscope.echem.cycling.CyclingSimulator.SEED_1C_MA,
                org.solidscope.echem.cycling.CyclingSimulator.SEED_MASS_MG);
        var curve = new org.solidscope.echem.cycling.ThinnedCurve(20_000, 1e-9);
        CyclerFiles.stream(record.resolve("battery-3_cycle_12.csv"), null, (t, v, i, c, qc, qd, w) -> curve.row(t, v, i));
        AtomicOutput.writeString(dir.resolve("rate.html"), org.solidscope.echem.cycling.CyclingReport.cycling(new org.solidscope.echem.cycling.CyclingReport.Cycling(
                "battery-3_cycle_12.csv", rate.vendor(), rate.result(), curve, table, org.solidscope.echem.cycling.CyclingSimulator.SEED_MASS_MG)));
        Main.out().printf("%ncycling: battery-3's rate test (seed 004's cell, simulated), %d cycles:%n", rate.result().cycles().size());
        for (var r : table.rates()) {
            Main.out().printf("  %.2f C: %.1f mAh/g, ohmic drop %.0f mV%n", r.cRate(), r.dischargeCapacityMahG(), r.ohmicDropMv());
        }
        var life = CyclerFiles.summarise(record.resolve("battery-2_cycle_200.csv"), null, 1e-9).result();
        var ccd = org.solidscope.echem.cycling.CriticalCurrentDensity.find(CyclerFiles.readAll(record.resolve("battery-4_cycle_1.csv"), null), 1, 1e-9, 0.3);
        var window = org.solidscope.echem.cycling.StabilityWindow.find(CyclerFiles.readAll(record.resolve("battery-4_pristine.csv"), null), 1, 1);
        Main.out().printf("  (seed 004: 170.3 mAh/g at 0.07 C, 134.2 at 1 C; drops 10, 30, 70, 140 mV); report: %s%n", dir.resolve("rate.html"));
        Main.out().printf("battery-2: %.1f %% of its capacity after 200 cycles at 0.2 C (seed 004: 90 %%); battery-4: CCD %.3g mA/cm² (short in half-step %d), "
                + "oxidation onset %.3f V at 1 µA/cm²%n", 100 * life.retention(200), ccd.ccdMaCm2(), ccd.shortHalfStep(), window.onsetV());
    }

    void designDemo(Path dir) {
        var r = org.solidscope.design.EnergyDensity.of(org.solidscope.design.CellDesign.seed003("NCM811", 22, "PEO:LLZO", 100));
        AtomicOutput.writeString(dir.resolve("energy.json"), Json.write(r.asMap()));
        AtomicOutput.writeBytes(dir.resolve("mass.png"), r.massChart());
        Main.out().printf("%ndesign: NCM811 22 mg/cm² with 100 µm PEO:LLZO: %.0f Wh/kg, %.0f Wh/L (seed 003: 311 Wh/kg, 704 Wh/L); %s%n", r.whKg(), r.whL(),
                dir.resolve("mass.png"));
        // the command with its own defaults, on the record the demo just filled
        DesignCommand.Dendrite d = new DesignCommand.Dendrite();
        List<String> args = new ArrayList<>(List.of("--electrolyte", "LLZO", "--cell", "battery-4", "--json", dir.resolve("dendrite.json").toString()));
        args.addAll(where.db != null ? List.of("--db", where.db) : List.of("--workspace", where.workspace().toString()));
        new picocli.CommandLine(d).parseArgs(args.toArray(String[]::new));
        d.call();
    }

    /**
     * The CT chain on a simulated cell section: anode / electrolyte / cathode with a sinusoidal interface
     * of amplitude 3 voxels (Ra = 4A/π², Rq = A/2), through {@code ct pipeline}.
     */
    static void ctDemo(Path dir) {
        double voxelUm = 0.65, amplitude = 3;
        Path volume = dir.resolve("cell.npy");
        CtCommand.write(volume, org.solidscope.tomo.Phantoms.cell(96, 96, 96, amplitude, 1));
        Main.out().printf("%nCT: a 96^3 cell section (interface Ra %.3f µm, Rq %.3f µm by construction) through ct pipeline:%n",
                4 * amplitude / (Math.PI * Math.PI) * voxelUm, amplitude / 2 * voxelUm);
        var r = org.solidscope.tomo.pipeline.InterfacePipeline.run(org.solidscope.tomo.Phantoms.cell(96, 96, 96, amplitude, 1).withVoxelUm(voxelUm),
                org.solidscope.tomo.pipeline.InterfacePipeline.Settings.seed(), volume.toString(), Map.of(), org.solidscope.core.Progress.NONE);
        try {
            org.solidscope.tomo.pipeline.InterfaceReport.write(dir.resolve("report"), volume.toString(), r);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Main.out().printf("threshold %d, %d components, anode %d voxels; Ra %.3f µm, Rq %.3f µm; report: %s%n", r.threshold(), r.components(), r.anodeVoxels(),
                r.roughness().ra(), r.roughness().rq(), dir.resolve("report").resolve("report.html"));
    }

    /**
     * A simulated 64³ CT section of each cell, pristine and after formation (the interface roughens:
     * amplitude 1.5 → 3 voxels, 0.65 µm voxels), with a sidecar naming cell, state, voxel size and where
     * the field of view lies in the cell (its centre). Returns the directory.
     */
    static Path ctSections(Path dir, List<CellReport.CellResults> cells) {
        int n = 64;
        double voxelUm = 0.65;
        for (int k = 0; k < cells.size(); k++) {
            CellReport.CellResults c = cells.get(k);
            var outline = c.scans().get("infiltration").cell();
            for (String state : List.of("pristine", "formation")) {
                double amplitude = state.equals("pristine") ? 1.5 : 3.0;
                Path f = dir.resolve(c.cellId() + "_" + state + ".npy");
                CtCommand.write(f, org.solidscope.tomo.Phantoms.cell(n, n, n, amplitude, 0, 100 + 2L * k + (state.equals("pristine") ? 0 : 1)));
                Map<String, Object> side = new LinkedHashMap<>();
                side.put("cell_id", c.cellId());
                side.put("state", state);
                side.put("voxel_um", voxelUm);
                side.put("fov_origin_x_mm", outline.widthMm() / 2);
                side.put("fov_origin_y_mm", outline.heightMm() / 2);
                AtomicOutput.writeString(dir.resolve(c.cellId() + "_" + state + ".npy.json"), Json.write(side));
            }
        }
        return dir;
    }

    /** The acoustics page, with the gap map of battery-1 solidified at 40 dB against its infiltrated scan. */
    static String acousticsPage(List<CellReport.CellResults> cells, InspectionSpec spec) {
        var stack = org.solidscope.ultrasound.acoustics.StackFile.shipped();
        List<org.solidscope.ultrasound.report.AcousticsReport.Figure> figs = new ArrayList<>();
        CellReport.CellResults b1 = cells.stream().filter(c -> c.cellId().equals("battery-1")).findFirst().orElse(null);
        if (b1 != null && b1.scans().containsKey("solidification @ 40 dB")) {
            var inv = org.solidscope.ultrasound.acoustics.GapInversion.forStack(stack, 1.0);
            var m = org.solidscope.ultrasound.GapMapping.map(b1.scans().get("infiltration"), b1.scans().get("solidification @ 40 dB"), inv, 0.08, 12);
            float[] lg = new float[m.gapUm().values().length];
            for (int i = 0; i < lg.length; i++) lg[i] = (float) Math.log10(m.gapUm().values()[i]);
            byte[] png = org.solidscope.report.HeatMapRenderer.png(m.gapUm().withValues("log10 µm", lg), -2, 0, org.solidscope.report.ColourMap.VIRIDIS,
                    "battery-1: effective gap from solidified @ 40 dB / infiltrated (grey: flagged)", "log10 gap (µm)",
                    org.solidscope.report.Overlay.none(), 760);
            figs.add(new org.solidscope.ultrasound.report.AcousticsReport.Figure(String.format(java.util.Locale.ROOT,
                    "Gap map of battery-1: median %.3g µm; %d points inverted, %d saturated (thin edge gaps), %d below noise", m.medianGapUm(),
                    m.flagCounts()[0], m.flagCounts()[1], m.flagCounts()[2]), png));
        }
        return org.solidscope.ultrasound.report.AcousticsReport.html(stack, 1.0, 30, spec.noiseFloorPercentFsh(), Scenarios.FORMED_GAP_UM, figs);
    }

    static Map<String, Object> summary(List<CellReport.CellResults> cells) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lot", LOT);
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Integer> verdicts = new LinkedHashMap<>();
        for (CellReport.CellResults c : cells) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("cell", c.cellId());
            r.put("verdict", c.overall().name());
            verdicts.merge(c.overall().name(), 1, Integer::sum);
            Map<String, Object> st = new LinkedHashMap<>();
            c.scans().forEach((label, a) -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("verdict", a.verdict().status().name());
                x.put("transmitting_fraction", JsonViews.num(a.metrics().transmittingFraction()));
                x.put("mean_db", JsonViews.num(a.metrics().meanDb()));
                x.put("defects", a.defects().stream().filter(Defect::countsAgainstCell).map(d -> d.kind().id()).toList());
                st.put(label, x);
            });
            r.put("scans", st);
            r.put("solidification_degree_mean", JsonViews.num(c.comparison().degree().mean()));
            r.put("formation_recovery_mean", c.comparison().recovery() == null ? null : JsonViews.num(c.comparison().recovery().mean()));
            rows.add(r);
        }
        m.put("verdicts", verdicts);
        m.put("cells", rows);
        return m;
    }

    static void printTable(List<CellReport.CellResults> cells) {
        Main.out().printf("%n%-10s %-26s %-7s %8s %8s  %s%n", "cell", "scan", "verdict", "tx frac", "mean dB", "defects");
        for (CellReport.CellResults c : cells) {
            for (Map.Entry<String, StageAnalysis> e : c.scans().entrySet()) {
                StageAnalysis a = e.getValue();
                Map<String, Integer> kinds = new LinkedHashMap<>();
                for (Defect d : a.defects()) kinds.merge(d.kind().id(), 1, Integer::sum);
                Main.out().printf("%-10s %-26s %-7s %8.3f %8.1f  %s%n", c.cellId(), e.getKey(), a.verdict().status(),
                        a.metrics().transmittingFraction(), a.metrics().meanDb(), kinds.isEmpty() ? "–" : kinds.toString());
            }
        }
        Main.out().printf("%n%-10s %-7s %10s %10s%n", "cell", "verdict", "degree", "recovery");
        for (CellReport.CellResults c : cells) {
            Main.out().printf("%-10s %-7s %10.3f %10.3f%n", c.cellId(), c.overall(), c.comparison().degree().mean(),
                    c.comparison().recovery() == null ? Double.NaN : c.comparison().recovery().mean());
        }
    }
}
