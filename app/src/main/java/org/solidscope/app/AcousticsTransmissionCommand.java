package org.solidscope.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.Json;
import org.solidscope.ultrasound.acoustics.CellState;
import org.solidscope.ultrasound.acoustics.LayerStack;
import org.solidscope.ultrasound.acoustics.PulseTransmission;
import org.solidscope.ultrasound.acoustics.StackResponse;
import org.solidscope.ultrasound.acoustics.TransferMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "transmission", mixinStandardHelpOptions = true,
        description = {"Transmission and reflection of the stack at one frequency: pressure amplitude t, r and intensity T, R.",
                "Without --state: the three stages (infiltrated; solidified and formed with the gap of --gap-um)."},
        footer = {"", "Examples:", "  solidscope acoustics transmission --frequency-mhz 1 --gap-um 1",
                "  solidscope acoustics transmission --stack my-stack.json --frequency-mhz 2.25 --state solidified --gap-um 0.1 --pulse --json t.json"})
final class AcousticsTransmissionCommand implements Callable<Integer> {
    @Option(names = "--stack", description = "layer stack (JSON); default: the shipped 49-layer pouch cell")
    Path stackFile;

    @Option(names = "--frequency-mhz", required = true, description = "frequency (MHz)")
    double frequencyMHz;

    @Option(names = "--gap-um", defaultValue = "0", description = "gas gap at the stack's gap site (µm), default ${DEFAULT-VALUE}")
    double gapUm;

    @Option(names = "--state", description = "infiltrated | solidified | formed (default: all three)")
    String state;

    @Option(names = "--pulse", description = "also the peak ratio of a transmitted 1-cycle-σ tone burst at this frequency")
    boolean pulse;

    @Option(names = "--json", description = "results as JSON")
    Path json;

    @Override
    public Integer call() {
        double f = AcousticsCommand.frequency(frequencyMHz);
        LayerStack stack = AcousticsCommand.stack(stackFile);
        List<CellState> states = state != null ? List.of(AcousticsCommand.state(state, gapUm))
                : List.of(CellState.infiltrated(), AcousticsCommand.state("solidified", gapUm), AcousticsCommand.state("formed", gapUm));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stack", stack.name());
        out.put("stack_source", stack.source());
        out.put("layers", stack.layers().size());
        out.put("thickness_um", stack.totalThicknessUm());
        out.put("coupling", stack.incident().name());
        out.put("frequency_mhz", f);
        List<Map<String, Object>> rows = new ArrayList<>();
        Main.out().printf("%s: %d layers, %.0f µm, in %s, at %.3g MHz%n", stack.name(), stack.layers().size(), stack.totalThicknessUm(),
                stack.incident().name(), f);
        Main.out().printf("%-12s %9s %10s %10s %10s %10s%s%n", "state", "gap µm", "|t|", "|t| dB", "T", "R", pulse ? "   pulse peak" : "");
        for (CellState s : states) {
            StackResponse r = TransferMatrix.evaluate(stack, s, f);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("state", s.label());
            m.put("gap_um", s.gapUm());
            m.put("t_re", r.tRe());
            m.put("t_im", r.tIm());
            m.put("r_re", r.rRe());
            m.put("r_im", r.rIm());
            m.put("amplitude_t", r.amplitudeT());
            m.put("amplitude_t_db", r.transmissionDb());
            m.put("intensity_t", r.intensityT());
            m.put("intensity_r", r.intensityR());
            double peak = Double.NaN;
            if (pulse) {
                peak = PulseTransmission.transmit(stack, s, f, 0.6 / f, 50 * f, 2048).peakRatio();
                m.put("pulse_peak_ratio", peak);
            }
            rows.add(m);
            Main.out().printf("%-12s %9.4g %10.4g %10.2f %10.4g %10.4g%s%n", s.label(), s.gapUm(), r.amplitudeT(), r.transmissionDb(),
                    r.intensityT(), r.intensityR(), pulse ? String.format("   %.4g", peak) : "");
        }
        out.put("results", rows);
        if (json != null) AtomicOutput.writeString(json, Json.write(out));
        return 0;
    }
}
