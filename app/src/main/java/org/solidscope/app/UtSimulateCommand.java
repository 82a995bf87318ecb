package org.solidscope.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.solidscope.core.InputException;
import org.solidscope.ultrasound.Stage;
import org.solidscope.ultrasound.sim.CellScenario;
import org.solidscope.ultrasound.sim.Scenarios;
import org.solidscope.ultrasound.sim.SimulatedScan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Deterministic C-scans (and optionally A-scan volumes) of simulated pouch cells, with ground truth:",
                "<cell>_<stage>.<fmt>, .truth.json (defects, placement, degree), .truth-kinds.npy (anomaly per point),",
                ".truth-transmission.npy (noise-free transmission), and with --ascan <cell>_<stage>.ascan.npy (+ .json)."},
        footer = {"", "Examples:", "  solidscope ut simulate --out scans/                       # the seed's four cells, three stages",
                "  solidscope ut simulate --cell battery-1 --stage solidification --gain-db 40 --out scans/",
                "  solidscope ut simulate --random 10 --seed 7 --ascan --out sims/"})
final class UtSimulateCommand implements Callable<Integer> {
    @Option(names = "--cell", defaultValue = "all", description = "battery-1 … battery-4 of the seed study, or all (default)")
    String cell;

    @Option(names = "--random", description = "simulate this many random cells instead (seeded by --seed)")
    Integer random;

    @Option(names = "--seed", defaultValue = "1", description = "first seed of random cells (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--stage", description = "one stage only: infiltration | solidification | formation")
    String stage;

    @Option(names = "--gain-db", defaultValue = "15", description = "receiver gain (default ${DEFAULT-VALUE} dB)")
    double gainDb;

    @Option(names = "--format", defaultValue = "csv", description = "csv | npy | tif | png (default ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--ascan", description = "also write A-scan volumes (int16 .npy with sidecar)")
    boolean ascan;

    @Option(names = "--out", required = true, description = "output directory")
    Path out;

    @Override
    public Integer call() {
        if (!List.of("csv", "npy", "tif", "png").contains(format)) throw new InputException("--format", "format", "csv, npy, tif or png", format);
        List<Stage> stages = stage == null ? List.of(Stage.values()) : List.of(Stage.parse("--stage", stage));
        List<CellScenario> cells = new ArrayList<>();
        if (random != null) {
            if (random <= 0) throw new InputException("--random", "count", "a positive number of cells", String.valueOf(random));
            for (int i = 0; i < random; i++) cells.add(Scenarios.random(seed + i));
        } else {
            for (CellScenario sc : Scenarios.seedLot()) if (cell.equals("all") || sc.design().id().equals(cell)) cells.add(sc);
            if (cells.isEmpty()) throw new InputException("--cell", "cell", "battery-1, battery-2, battery-3, battery-4 or all", cell);
        }
        boolean nonDefaultGain = gainDb != 15;
        for (CellScenario sc : cells) {
            for (Stage st : stages) {
                SimulatedScan s = SimulatedLot.simulate(sc, st, gainDb);
                String stem = SimulatedLot.stem(sc, st, gainDb, nonDefaultGain);
                Path p = SimulatedLot.write(out, stem, s, format, ascan, new ConsoleProgress("A-scans " + stem));
                Main.out().printf("%s  (%d×%d, gain %.0f dB, %d defects, %d dropout rows)%n", p, s.scan().amplitude().width(),
                        s.scan().amplitude().height(), gainDb, s.truth().defects().size(), s.truth().dropoutRows().size());
            }
        }
        return 0;
    }
}
