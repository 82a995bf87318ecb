package org.solidscope.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.Checksums;
import org.solidscope.core.Json;
import org.solidscope.io.CscanFiles;
import org.solidscope.ultrasound.report.CellReport;
import org.solidscope.ultrasound.InspectionSpec;
import org.solidscope.ultrasound.Stage;
import org.solidscope.ultrasound.StageAnalysis;
import org.solidscope.ultrasound.StageAnalyzer;
import org.solidscope.ultrasound.StageComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Register the stages of one cell and map solidification degree 1 − A_s/A_i and formation recovery A_f/A_i.",
        footer = {"", "Example:", "  solidscope ut compare --infiltrated i.csv --solidified s.csv --formed f.csv --json cmp.json --report cell.html"})
final class UtCompareCommand implements Callable<Integer> {
    @Option(names = "--infiltrated", required = true, description = "C-scan after infiltration (the reference grid)")
    Path infiltrated;

    @Option(names = "--solidified", required = true, description = "C-scan after solidification")
    Path solidified;

    @Option(names = "--formed", description = "C-scan after formation")
    Path formed;

    @Option(names = "--spec", description = "inspection specification (JSON); default: the shipped one")
    Path specFile;

    @Option(names = "--json", description = "result as JSON")
    Path json;

    @Option(names = "--report", description = "self-contained HTML page of the cell")
    Path report;

    @Option(names = "--degree-map", description = "solidification degree map (" + MapOutputs.FORMATS + ")")
    Path degreeMap;

    @Option(names = "--recovery-map", description = "formation recovery map (" + MapOutputs.FORMATS + ")")
    Path recoveryMap;

    @Option(names = "--cell-id", description = "name of the cell in the report (default: infiltrated file name)")
    String cellId;

    @Override
    public Integer call() {
        if (degreeMap != null) MapOutputs.checkExtension("--degree-map", degreeMap);
        if (recoveryMap != null) MapOutputs.checkExtension("--recovery-map", recoveryMap);
        InspectionSpec spec = UltrasoundSpec.loadOrDefault(specFile);
        StageAnalyzer an = new StageAnalyzer(spec);
        var gi = CscanFiles.read(infiltrated);
        var gs = CscanFiles.read(solidified);
        var gf = formed == null ? null : CscanFiles.read(formed);
        long t0 = System.nanoTime();
        Map<String, String> sha = new LinkedHashMap<>();
        sha.put("infiltrated:" + infiltrated.getFileName(), Checksums.sha256(infiltrated));
        sha.put("solidified:" + solidified.getFileName(), Checksums.sha256(solidified));
        if (formed != null) sha.put("formed:" + formed.getFileName(), Checksums.sha256(formed));
        StageAnalysis ai = an.analyze(gi, Stage.INFILTRATION, Map.of(infiltrated.getFileName().toString(), sha.get("infiltrated:" + infiltrated.getFileName())));
        StageAnalysis as = an.analyze(gs, Stage.SOLIDIFICATION, ai.cell(), Map.of(solidified.getFileName().toString(), sha.get("solidified:" + solidified.getFileName())));
        StageAnalysis af = gf == null ? null : an.analyze(gf, Stage.FORMATION, ai.cell(), Map.of(formed.getFileName().toString(), sha.get("formed:" + formed.getFileName())));
        StageComparison.Result c = StageComparison.compare(ai, as, af, spec, sha);
        double ms = (System.nanoTime() - t0) / 1e6;
        Map<String, StageAnalysis> stages = new LinkedHashMap<>();
        stages.put(Stage.INFILTRATION.id(), ai);
        stages.put(Stage.SOLIDIFICATION.id(), as);
        if (af != null) stages.put(Stage.FORMATION.id(), af);
        if (json != null) AtomicOutput.writeString(json, Json.write(JsonViews.comparison(c, stages, ms)));
        if (degreeMap != null) MapOutputs.writeMap(degreeMap, c.degreeMap());
        if (recoveryMap != null && c.recoveryMap() != null) MapOutputs.writeMap(recoveryMap, c.recoveryMap());
        String id = cellId != null ? cellId : infiltrated.getFileName().toString();
        if (report != null) AtomicOutput.writeString(report, CellReport.html(new CellReport.CellResults(id, stages, c)));
        Main.out().printf("%s: %s; solidification degree %.3f (cv %.3f)%s; registration dx %.2f mm, dy %.2f mm, %.2f°%n", id, c.verdict().status(),
                c.degree().mean(), c.degree().cv(), c.recovery() == null ? "" : String.format("; formation recovery %.3f", c.recovery().mean()),
                c.solidifiedRegistration().dxMm(), c.solidifiedRegistration().dyMm(), c.solidifiedRegistration().rotationDeg());
        c.verdict().reasons().forEach(r -> Main.out().println("  " + r.severity() + ": " + r.text()));
        return 0;
    }
}
