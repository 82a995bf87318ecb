package org.solidscope.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.Checksums;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import org.solidscope.core.ScalarMap;
import org.solidscope.io.CscanFiles;
import org.solidscope.report.ColourMap;
import org.solidscope.report.HeatMapRenderer;
import org.solidscope.report.Overlay;
import org.solidscope.ultrasound.GapMapping;
import org.solidscope.ultrasound.InspectionSpec;
import org.solidscope.ultrasound.Stage;
import org.solidscope.ultrasound.StageAnalysis;
import org.solidscope.ultrasound.StageAnalyzer;
import org.solidscope.ultrasound.acoustics.CellState;
import org.solidscope.ultrasound.acoustics.GapInversion;
import org.solidscope.ultrasound.acoustics.GapTable;
import org.solidscope.ultrasound.acoustics.InspectionPlanner;
import org.solidscope.ultrasound.acoustics.LayerStack;
import org.solidscope.ultrasound.acoustics.TransferMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "gap-map", mixinStandardHelpOptions = true,
        description = {"Effective gas-gap thickness per point: registers a solidified (or formed) scan onto the infiltrated one and",
                "inverts a_s/a_i with the acoustic layer model; points outside the invertible range are flagged, not guessed."},
        footer = {"", "Example:", "  solidscope ut gap-map --infiltrated i.csv --solidified s_40db.csv --out gap.npy --json gap.json --figure gap.png"})
final class UtGapMapCommand implements Callable<Integer> {
    @Option(names = "--infiltrated", required = true, description = "C-scan after infiltration (the baseline and the grid)")
    Path infiltrated;

    @Option(names = "--solidified", required = true, description = "C-scan of the later stage")
    Path later;

    @Option(names = "--stage", defaultValue = "solidification", description = "stage of the later scan: solidification | formation")
    String stage;

    @Option(names = "--stack", description = "layer stack (JSON); default: the shipped 49-layer pouch cell")
    Path stackFile;

    @Option(names = "--frequency-mhz", defaultValue = "1", description = "probe frequency (default ${DEFAULT-VALUE} MHz)")
    double frequencyMHz;

    @Option(names = "--relative-uncertainty", defaultValue = "0.08", description = "repeatability of one amplitude reading (default ${DEFAULT-VALUE})")
    double relativeUncertainty;

    @Option(names = "--snr-db", defaultValue = "12", description = "signal over noise needed to invert (default ${DEFAULT-VALUE} dB)")
    double snrDb;

    @Option(names = "--spec", description = "inspection specification (noise floor, edge margin); default: the shipped one")
    Path specFile;

    @Option(names = "--out", description = "gap map in µm (" + MapOutputs.FORMATS + ")")
    Path out;

    @Option(names = "--bounds", description = "prefix for lower/upper bound maps: PREFIX-lower.npy, PREFIX-upper.npy")
    Path bounds;

    @Option(names = "--json", description = "summary JSON")
    Path json;

    @Option(names = "--figure", description = "PNG figure of the gap map")
    Path figure;

    @Override
    public Integer call() {
        Stage st = Stage.parse("--stage", stage);
        if (st == Stage.INFILTRATION) throw new InputException("--stage", "stage", "solidification or formation", stage);
        if (out != null) MapOutputs.checkExtension("--out", out);
        InputException.requirePositive("--relative-uncertainty", "uncertainty", relativeUncertainty);
        double f = AcousticsCommand.frequency(frequencyMHz);
        LayerStack stack = AcousticsCommand.stack(stackFile);
        InspectionSpec spec = UltrasoundSpec.loadOrDefault(specFile);
        var gi = CscanFiles.read(infiltrated);
        var gl = CscanFiles.read(later);
        StageAnalyzer an = new StageAnalyzer(spec);
        StageAnalysis ai = an.analyze(gi, Stage.INFILTRATION, Map.of(infiltrated.getFileName().toString(), Checksums.sha256(infiltrated)));
        StageAnalysis al = an.analyze(gl, st, ai.cell(), Map.of(later.getFileName().toString(), Checksums.sha256(later)));
        GapTable table = new GapTable(TransferMatrix.compile(stack, CellState.solidified(0), f), 20);
        GapInversion inv = GapInversion.forStack(stack, f);
        GapMapping.GapMap m = GapMapping.map(ai, al, inv, relativeUncertainty, snrDb);
        InspectionPlanner.Plan plan = InspectionPlanner.plan(table, f,
                new InspectionPlanner.Settings(gl.gainDb(), spec.noiseFloorPercentFsh(), 30, snrDb, 2));
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("infiltrated", infiltrated.toString());
        j.put("later", later.toString());
        j.put("stage", st.id());
        j.put("stack", stack.name());
        j.put("frequency_mhz", f);
        j.put("gain_db", gl.gainDb());
        j.put("registration", JsonViews.registration(m.registration()));
        j.put("median_gap_um", JsonViews.num(m.medianGapUm()));
        j.put("p10_gap_um", JsonViews.num(m.p10GapUm()));
        j.put("p90_gap_um", JsonViews.num(m.p90GapUm()));
        Map<String, Integer> flags = new LinkedHashMap<>();
        for (int k = 0; k < GapMapping.FLAG_NAMES.length; k++) flags.put(GapMapping.FLAG_NAMES[k], m.flagCounts()[k]);
        j.put("points", flags);
        j.put("planned_invertible_range_um", new Object[] {JsonViews.num(plan.detectableGapUm()), JsonViews.num(plan.measurableGapUm())});
        j.put("elapsed_ms", m.elapsedNanos() / 1e6);
        if (out != null) MapOutputs.writeMap(out, m.gapUm());
        if (bounds != null) {
            MapOutputs.writeMap(bounds.resolveSibling(bounds.getFileName() + "-lower.npy"), m.lowerUm());
            MapOutputs.writeMap(bounds.resolveSibling(bounds.getFileName() + "-upper.npy"), m.upperUm());
        }
        if (figure != null) {
            float[] lg = new float[m.gapUm().values().length];
            for (int i = 0; i < lg.length; i++) lg[i] = (float) Math.log10(m.gapUm().values()[i]);
            ScalarMap logMap = m.gapUm().withValues("log10 µm", lg);
            double lo = Math.floor(Math.log10(Math.max(1e-4, plan.detectableGapUm()))), hi = Math.ceil(Math.log10(Math.max(1e-3, plan.measurableGapUm())));
            AtomicOutput.writeBytes(figure, HeatMapRenderer.png(logMap, lo, hi, ColourMap.VIRIDIS,
                    "effective gas gap, " + st.id() + " at " + Math.round(gl.gainDb()) + " dB (grey: flagged)", "log10 gap (µm)",
                    new Overlay(null, java.util.List.of(), ai.cell().cornersMm(), java.util.List.of()), 760));
        }
        if (json != null) AtomicOutput.writeString(json, Json.write(j));
        Main.out().printf("gap map: median %.3g µm (p10 %.3g, p90 %.3g); points ok %d, not detected %d, below noise %d, saturated %d; "
                        + "invertible at %.0f dB: [%.3g, %.3g] µm; %.0f ms%n", m.medianGapUm(), m.p10GapUm(), m.p90GapUm(),
                m.flagCounts()[0], m.flagCounts()[3], m.flagCounts()[2], m.flagCounts()[1], gl.gainDb(), plan.detectableGapUm(),
                plan.measurableGapUm(), m.elapsedNanos() / 1e6);
        return 0;
    }
}
