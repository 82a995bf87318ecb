package org.solidscope.app;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.solidscope.ultrasound.InspectionSpec;
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

    @Override
    public Integer call() {
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
        System.out.printf("ut analyze, %d × %d C-scan (%d points), warm, %d iterations: median %.1f ms, min %.1f ms, p90 %.1f ms%n",
                s.scan().amplitude().width(), s.scan().amplitude().height(), s.scan().amplitude().geometry().size(), iterations,
                ms[iterations / 2], ms[0], ms[(int) (iterations * 0.9)]);
        return 0;
    }
}
