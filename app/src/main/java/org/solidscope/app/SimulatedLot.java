package org.solidscope.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.Json;
import org.solidscope.core.Progress;
import org.solidscope.io.Npy;
import org.solidscope.ultrasound.Stage;
import org.solidscope.ultrasound.sim.AscanSynthesizer;
import org.solidscope.ultrasound.sim.CellScenario;
import org.solidscope.ultrasound.sim.InstrumentSettings;
import org.solidscope.ultrasound.sim.ScanSimulator;
import org.solidscope.ultrasound.sim.Scenarios;
import org.solidscope.ultrasound.sim.SimulatedScan;

/** Simulates scans of seed or random cells and writes them with their ground truth. */
final class SimulatedLot {
    private SimulatedLot() {}

    static boolean isSeedCell(CellScenario sc) {
        return Scenarios.seedLot().stream().anyMatch(s -> s.design().id().equals(sc.design().id()));
    }

    static SimulatedScan simulate(CellScenario sc, Stage stage, double gainDb) {
        GridGeometry g = ScanSimulator.gridFor(sc.design(), 0.5);
        List<Integer> drops = isSeedCell(sc) ? Scenarios.seedDropouts(sc, stage, g) : Scenarios.randomDropouts(sc, stage, g);
        InstrumentSettings inst = InstrumentSettings.seedWorkstation(gainDb).withDropoutRows(drops);
        return ScanSimulator.standard().simulate(sc, stage, Scenarios.placement(sc, stage), inst,
                sc.seed() * 1000 + stage.ordinal() * 100 + Math.round(gainDb));
    }

    /** File stem of a scan: {@code <cell>_<stage>} or {@code <cell>_<stage>_<gain>db} for extra gains. */
    static String stem(CellScenario sc, Stage stage, double gainDb, boolean withGain) {
        return sc.design().id() + "_" + stage.id() + (withGain ? "_" + Math.round(gainDb) + "db" : "");
    }

    /** Writes the C-scan ({@code format}: csv, npy, tif or png) and its ground truth; returns the C-scan path. */
    static Path write(Path dir, String stem, SimulatedScan s, String format, boolean ascan, Progress progress) {
        Path scan = dir.resolve(stem + "." + format);
        MapOutputs.writeCscan(scan, s.scan().amplitude(), s.scan().gainDb());
        GridGeometry g = s.scan().amplitude().geometry();
        Map<String, Object> truth = new LinkedHashMap<>();
        truth.put("truth", s.truth());
        truth.put("kinds_file", stem + ".truth-kinds.npy");
        truth.put("kinds_codes", codes());
        truth.put("transmission_file", stem + ".truth-transmission.npy");
        truth.put("grid", Map.of("width", g.width(), "height", g.height(), "pitch_mm", g.pitchMm()));
        AtomicOutput.writeString(dir.resolve(stem + ".truth.json"), Json.write(truth));
        Npy.write2D(dir.resolve(stem + ".truth-kinds.npy"), g.height(), g.width(), s.truthKinds());
        Npy.write2D(dir.resolve(stem + ".truth-transmission.npy"), g.height(), g.width(), s.transmission());
        if (ascan) {
            AscanSynthesizer.standard().write(dir.resolve(stem + ".ascan.npy"), s.cleanSignal(), g, s.scan().gainDb(),
                    s.truth().dropoutRows(), s.truth().seed(), progress);
        }
        return scan;
    }

    private static Map<String, Integer> codes() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("none", 0);
        for (int i = 0; i < SimulatedScan.KINDS.size(); i++) m.put(SimulatedScan.KINDS.get(i), i + 1);
        return m;
    }
}
