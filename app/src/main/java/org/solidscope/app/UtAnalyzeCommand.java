package org.solidscope.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.Checksums;
import org.solidscope.core.Json;
import org.solidscope.io.CscanFiles;
import org.solidscope.io.CscanGrid;
import org.solidscope.ultrasound.report.CellReport;
import org.solidscope.ultrasound.Defect;
import org.solidscope.ultrasound.InspectionSpec;
import org.solidscope.ultrasound.Stage;
import org.solidscope.ultrasound.StageAnalysis;
import org.solidscope.ultrasound.StageAnalyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyse one stage C-scan: locate the cell, remove gain, metrics, defects, verdict.",
        footer = {"", "Examples:", "  solidscope ut analyze scan.csv --stage infiltration --json result.json",
                "  solidscope ut analyze scan.tif --stage formation --spec my-spec.json --report cell.html --levels levels.tif"})
final class UtAnalyzeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "C-scan: .csv, .png/.tif (+ sidecar), .npy (+ sidecar)")
    Path file;

    @Option(names = "--stage", required = true, description = "infiltration | solidification | formation")
    String stage;

    @Option(names = "--spec", description = "inspection specification (JSON); default: the shipped one")
    Path specFile;

    @Option(names = "--json", description = "result as JSON")
    Path json;

    @Option(names = "--report", description = "self-contained HTML page")
    Path report;

    @Option(names = "--levels", description = "gain-corrected level map in dB (" + MapOutputs.FORMATS + ")")
    Path levels;

    @Override
    public Integer call() {
        Stage st = Stage.parse("--stage", stage);
        if (levels != null) MapOutputs.checkExtension("--levels", levels);
        // the specification (its JSON reader's first use) and the scan's checksum on another core while the scan is
        // read: in a cold call each is a start-up of its own (0.13 s, 0.05 s beside 0.15 s for a 1 MB scan)
        // the spec is noted as an input here: the batch that refuses to overwrite inputs belongs to this thread
        AtomicOutput.noteInput(specFile);
        CompletableFuture<InspectionSpec> spec = CompletableFuture.supplyAsync(() -> UltrasoundSpec.loadOrDefault(specFile));
        CompletableFuture<String> sha = CompletableFuture.supplyAsync(() -> Checksums.sha256(file));
        CscanGrid scan;
        try {
            scan = CscanFiles.read(file);
        } catch (RuntimeException e) {
            join(spec); // a bad specification is named first, as when it was read first
            throw e;
        }
        InspectionSpec sp = join(spec);
        long t0 = System.nanoTime();
        StageAnalysis a = new StageAnalyzer(sp).analyze(scan, st, Map.of(file.getFileName().toString(), join(sha)));
        double ms = (System.nanoTime() - t0) / 1e6;
        if (json != null) AtomicOutput.writeString(json, Json.write(JsonViews.analysis(file.toString(), a, ms)));
        if (levels != null) MapOutputs.writeMap(levels, a.levels().db());
        if (report != null) {
            Map<String, StageAnalysis> scans = new LinkedHashMap<>();
            scans.put(st.id(), a);
            AtomicOutput.writeString(report, CellReport.html(new CellReport.CellResults(file.getFileName().toString(), scans, null)));
        }
        print(file.toString(), a, ms);
        return 0;
    }

    /** The value of a task started above, or what it threw (unwrapped: the CLI names an InputException's file and field). */
    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    static void print(String name, StageAnalysis a, double ms) {
        Main.out().printf("%s  [%s]  %s%n", name, a.stage().id(), a.verdict().status());
        Main.out().printf("  cell %.1f × %.1f mm%s; transmitting %.3f, mean %.1f dB, median %.1f dB, cv %.3f  (%.0f ms)%n",
                a.cell().widthMm(), a.cell().heightMm(), a.cell().found() ? "" : " (not found)", a.metrics().transmittingFraction(),
                a.metrics().meanDb(), a.metrics().medianDb(), a.metrics().uniformityCv(), ms);
        for (Defect d : a.defects()) {
            Main.out().printf("  %-13s at (%.1f, %.1f) mm, %.1f mm², Ø %.1f mm%n", d.kind().id(), d.xMm(), d.yMm(), d.areaMm2(), d.diameterMm());
        }
        a.verdict().reasons().forEach(r -> Main.out().println("  " + r.severity() + ": " + r.text()));
        a.notes().forEach(n -> Main.out().println("  note: " + n));
    }
}
