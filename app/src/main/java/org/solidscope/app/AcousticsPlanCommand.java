package org.solidscope.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import org.solidscope.ultrasound.acoustics.CellState;
import org.solidscope.ultrasound.acoustics.GapTable;
import org.solidscope.ultrasound.acoustics.InspectionPlanner;
import org.solidscope.ultrasound.acoustics.LayerStack;
import org.solidscope.ultrasound.acoustics.TransferMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Inspection planning: which gas gaps a scan at this frequency, gain and noise floor can detect and measure,",
                "and the gain that a gap of --gap-um needs."},
        footer = {"", "Example:", "  solidscope acoustics plan --frequency-mhz 1 --gain-db 40 --gap-um 1 --json plan.json"})
final class AcousticsPlanCommand implements Callable<Integer> {
    @Option(names = "--stack", description = "layer stack (JSON); default: the shipped 49-layer pouch cell")
    Path stackFile;

    @Option(names = "--frequency-mhz", defaultValue = "1", description = "probe frequency (default ${DEFAULT-VALUE} MHz)")
    double frequencyMHz;

    @Option(names = "--gain-db", defaultValue = "15", description = "receiver gain (default ${DEFAULT-VALUE} dB)")
    double gainDb;

    @Option(names = "--noise-percent-fsh", defaultValue = "1.5", description = "displayed noise floor (default ${DEFAULT-VALUE} %% FSH)")
    double noise;

    @Option(names = "--fluid-path-percent-fsh", defaultValue = "30", description = "coupling-fluid path at 0 dB gain (default ${DEFAULT-VALUE} %% FSH)")
    double fluid;

    @Option(names = "--snr-db", defaultValue = "12", description = "signal over noise needed to measure (default ${DEFAULT-VALUE} dB)")
    double snrDb;

    @Option(names = "--min-contrast-db", defaultValue = "2", description = "drop that makes a gap detectable (default ${DEFAULT-VALUE} dB)")
    double contrastDb;

    @Option(names = "--gap-um", description = "a gap to plan for: the gain it needs")
    Double gapUm;

    @Option(names = "--json", description = "plan as JSON")
    Path json;

    @Override
    public Integer call() {
        double f = AcousticsCommand.frequency(frequencyMHz);
        InputException.requirePositive("--noise-percent-fsh", "noise", noise);
        InputException.requirePositive("--fluid-path-percent-fsh", "fluid path", fluid);
        InputException.requireFinite("--gain-db", "gain", gainDb);
        if (gapUm != null) InputException.requirePositive("--gap-um", "gap", gapUm);
        LayerStack stack = AcousticsCommand.stack(stackFile);
        GapTable table = new GapTable(TransferMatrix.compile(stack, CellState.solidified(0), f), 20);
        InspectionPlanner.Settings s = new InspectionPlanner.Settings(gainDb, noise, fluid, snrDb, contrastDb);
        InspectionPlanner.Plan p = InspectionPlanner.plan(table, f, s);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stack", stack.name());
        out.put("frequency_mhz", f);
        out.put("gain_db", gainDb);
        out.put("noise_percent_fsh", noise);
        out.put("fluid_path_percent_fsh", fluid);
        out.put("snr_db", snrDb);
        out.put("min_contrast_db", contrastDb);
        out.put("gap_free_signal_percent_fsh", p.gapFreeSignalPercentFsh());
        out.put("detectable_gap_um", JsonViews.num(p.detectableGapUm()));
        out.put("measurable_gap_um", JsonViews.num(p.measurableGapUm()));
        out.put("invertible", p.invertible());
        out.put("monotone_up_to_um", p.monotoneUpToUm());
        Main.out().printf("%s at %.3g MHz, gain %.1f dB, noise %.2g %% FSH: gap-free solidified signal %.3g %% FSH%n", stack.name(), f, gainDb, noise,
                p.gapFreeSignalPercentFsh());
        Main.out().printf("  detectable from %.3g µm (−%.1f dB), measurable up to %.3g µm (%.0f dB over noise): %s%n", p.detectableGapUm(), contrastDb,
                p.measurableGapUm(), snrDb, p.invertible() ? "invertible range [" + fmt(p.detectableGapUm()) + ", " + fmt(p.measurableGapUm()) + "] µm" : "nothing invertible");
        List<Map<String, Object>> needs = new ArrayList<>();
        for (double d : gapUm != null ? new double[] {gapUm} : new double[] {0.01, 0.1, 1, 3}) {
            double g = InspectionPlanner.gainNeededDb(table, d, s);
            needs.add(Map.of("gap_um", d, "gain_needed_db", Double.isFinite(g) ? g : "opaque"));
            Main.out().printf("  gap %.3g µm needs %s%n", d, Double.isFinite(g) ? String.format("%.1f dB gain", g) : "more than any gain (opaque)");
        }
        out.put("gain_needed", needs);
        if (json != null) AtomicOutput.writeString(json, Json.write(out));
        return 0;
    }

    private static String fmt(double v) {
        return String.format("%.3g", v);
    }
}
