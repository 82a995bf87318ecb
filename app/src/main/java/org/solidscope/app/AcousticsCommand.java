package org.solidscope.app;

import java.nio.file.Path;
import org.solidscope.core.InputException;
import org.solidscope.ultrasound.acoustics.CellState;
import org.solidscope.ultrasound.acoustics.LayerStack;
import org.solidscope.ultrasound.acoustics.StackFile;
import picocli.CommandLine.Command;

/** Acoustic model of the cell stack: transmission, sweeps, inspection planning. */
@Command(name = "acoustics", mixinStandardHelpOptions = true,
        description = "Normal-incidence transfer-matrix model of the cell stack: what transmits, at which gain a gap shows.",
        subcommands = {AcousticsTransmissionCommand.class, AcousticsSweepCommand.class, AcousticsPlanCommand.class},
        footer = {"", "Examples:",
                "  solidscope acoustics transmission --frequency-mhz 1 --gap-um 1 --json t.json",
                "  solidscope acoustics sweep --over gap --from 0.001 --to 10 --out gap.csv --plot gap.png",
                "  solidscope acoustics plan --frequency-mhz 1 --gain-db 40 --gap-um 1"})
final class AcousticsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Main.out());
    }

    static LayerStack stack(Path file) {
        return file == null ? StackFile.shipped() : StackFile.load(file);
    }

    /** infiltrated | solidified | formed, with the given gap for the last two. */
    static CellState state(String name, double gapUm) {
        if (!(gapUm >= 0) || Double.isInfinite(gapUm)) throw new InputException("--gap-um", "gap", "a thickness ≥ 0 µm", String.valueOf(gapUm));
        return switch (name) {
            case "infiltrated" -> CellState.infiltrated();
            case "solidified" -> CellState.solidified(gapUm);
            case "formed" -> CellState.formed(gapUm);
            default -> throw new InputException("--state", "state", "infiltrated, solidified or formed", "'" + name + "'");
        };
    }

    static final double MAX_FREQUENCY_MHZ = 1000;

    static double frequency(double f) {
        // above ~1 GHz the layer model's wavelengths fall below a micrometre and its sums lose every digit
        if (!(f > 0 && f <= MAX_FREQUENCY_MHZ)) {
            throw new InputException("--frequency-mhz", "frequency", "a frequency in (0, " + (int) MAX_FREQUENCY_MHZ + "] MHz", String.valueOf(f));
        }
        return f;
    }
}
