package org.solidscope.app;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;
import org.solidscope.report.LinePlot;
import org.solidscope.ultrasound.acoustics.CellState;
import org.solidscope.ultrasound.acoustics.LayerStack;
import org.solidscope.ultrasound.acoustics.TransferMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"|t| of the stack over frequency (infiltrated, solidified and formed) or over gas-gap thickness (solidified).",
                "Writes CSV (--out) and a plot (--plot)."},
        footer = {"", "Examples:", "  solidscope acoustics sweep --over frequency --from 0.2 --to 5 --gap-um 1 --out f.csv --plot f.png",
                "  solidscope acoustics sweep --over gap --from 0.001 --to 10 --frequency-mhz 1 --out gap.csv --plot gap.png"})
final class AcousticsSweepCommand implements Callable<Integer> {
    @Option(names = "--stack", description = "layer stack (JSON); default: the shipped 49-layer pouch cell")
    Path stackFile;

    @Option(names = "--over", required = true, description = "frequency | gap")
    String over;

    @Option(names = "--from", required = true, description = "first value (MHz or µm)")
    double from;

    @Option(names = "--to", required = true, description = "last value (MHz or µm)")
    double to;

    @Option(names = "--points", defaultValue = "200", description = "number of points (default ${DEFAULT-VALUE}); gaps are spaced logarithmically")
    int points;

    @Option(names = "--frequency-mhz", defaultValue = "1", description = "frequency of a gap sweep (default ${DEFAULT-VALUE} MHz)")
    double frequencyMHz;

    @Option(names = "--gap-um", defaultValue = "1", description = "gap of the solidified and formed states in a frequency sweep (default ${DEFAULT-VALUE} µm)")
    double gapUm;

    @Option(names = "--out", required = true, description = "CSV file")
    Path out;

    @Option(names = "--plot", description = "PNG plot")
    Path plot;

    @Override
    public Integer call() throws Exception {
        boolean gap = switch (over) {
            case "gap" -> true;
            case "frequency" -> false;
            default -> throw new InputException("--over", "sweep", "frequency or gap", "'" + over + "'");
        };
        InputException.requirePositive("--from", "from", from);
        InputException.requirePositive("--to", "to", to);
        if (to <= from) throw new InputException("--to", "to", "a value above --from (" + from + ")", String.valueOf(to));
        if (points < 2 || points > 100_000) throw new InputException("--points", "points", "2 … 100000", String.valueOf(points));
        LayerStack stack = AcousticsCommand.stack(stackFile);
        double[] x = new double[points];
        for (int i = 0; i < points; i++) x[i] = gap ? from * Math.pow(to / from, (double) i / (points - 1)) : from + (to - from) * i / (points - 1);
        List<LinePlot.Series> series = new ArrayList<>();
        StringBuilder csv = new StringBuilder();
        if (gap) {
            double f = AcousticsCommand.frequency(frequencyMHz);
            TransferMatrix.Compiled c = TransferMatrix.compile(stack, CellState.solidified(0), f);
            double ti = TransferMatrix.evaluate(stack, CellState.infiltrated(), f).amplitudeT();
            double[] db = new double[points], rel = new double[points];
            csv.append("# stack: ").append(stack.name()).append("\n# frequency_mhz: ").append(f).append('\n');
            csv.append("gap_um,amplitude_t,amplitude_t_db,intensity_t,intensity_r,relative_to_infiltrated_db\n");
            for (int i = 0; i < points; i++) {
                var r = c.withGap(x[i]);
                db[i] = r.transmissionDb();
                rel[i] = 20 * Math.log10(r.amplitudeT() / ti);
                csv.append(String.format(Locale.ROOT, "%.6g,%.6g,%.4f,%.6g,%.6g,%.4f%n", x[i], r.amplitudeT(), db[i], r.intensityT(), r.intensityR(), rel[i]));
            }
            series.add(new LinePlot.Series("|t| solidified, gap d", x, db));
            if (plot != null) {
                AtomicOutput.writeBytes(plot, LinePlot.png(stack.name() + " at " + f + " MHz", "gas gap (µm)", "|t| (dB re coupling path)",
                        true, series, null));
            }
        } else {
            List<CellState> states = List.of(CellState.infiltrated(), AcousticsCommand.state("solidified", gapUm), AcousticsCommand.state("formed", 0.003));
            csv.append("# stack: ").append(stack.name()).append("\nfrequency_mhz");
            for (CellState s : states) csv.append(",").append(s.label()).append("_t_db");
            csv.append('\n');
            double[][] y = new double[states.size()][points];
            for (int i = 0; i < points; i++) {
                csv.append(String.format(Locale.ROOT, "%.6g", x[i]));
                for (int k = 0; k < states.size(); k++) {
                    y[k][i] = TransferMatrix.evaluate(stack, states.get(k), x[i]).transmissionDb();
                    csv.append(String.format(Locale.ROOT, ",%.4f", y[k][i]));
                }
                csv.append('\n');
            }
            for (int k = 0; k < states.size(); k++) {
                series.add(new LinePlot.Series(states.get(k).label() + (states.get(k).gapUm() > 0 ? " (gap " + states.get(k).gapUm() + " µm)" : ""), x, y[k]));
            }
            if (plot != null) {
                AtomicOutput.writeBytes(plot, LinePlot.png(stack.name(), "frequency (MHz)", "|t| (dB re coupling path)", false, series, null));
            }
        }
        AtomicOutput.write(out, tmp -> {
            try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
                w.write(csv.toString());
            }
        });
        Main.out().printf("wrote %s (%d points)%s%n", out, points, plot == null ? "" : " and " + plot);
        return 0;
    }
}
