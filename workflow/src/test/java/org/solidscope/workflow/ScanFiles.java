package org.solidscope.workflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.solidscope.core.ScalarMap;
import org.solidscope.io.CscanCsv;
import org.solidscope.ultrasound.Stage;
import org.solidscope.ultrasound.sim.CellDesign;
import org.solidscope.ultrasound.sim.CellScenario;
import org.solidscope.ultrasound.sim.Feature;
import org.solidscope.ultrasound.sim.InstrumentSettings;
import org.solidscope.ultrasound.sim.ScanSimulator;
import org.solidscope.ultrasound.sim.Scenarios;
import org.solidscope.ultrasound.sim.SimulatedScan;

/** Simulated scans for catalog tests, named {@code <cell>_<stage>.csv}. */
public final class ScanFiles {
    private ScanFiles() {}

    /** {@code cells} small cells (80 × 50 mm) through the three stages; every other cell has a bubble. */
    public static List<Path> write(Path dir, int cells, String prefix) {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            List<Feature> f = i % 2 == 0 ? List.of(Feature.disc("bubble", Stage.INFILTRATION, 10, 5, 4, Scenarios.GAS_UM)) : List.of();
            CellScenario sc = new CellScenario(new CellDesign(prefix + i, 80, 50), f, Scenarios.MATRIX_INFILTRATED, Scenarios.MATRIX_SOLIDIFIED,
                    Scenarios.MATRIX_FORMED, 1.0, 0.02, Scenarios.FORMED_GAP_UM, 900 + i);
            for (Stage st : Stage.values()) {
                SimulatedScan s = ScanSimulator.standard().simulate(sc, st, Scenarios.placement(sc, st), InstrumentSettings.seedWorkstation(15), i * 3L + st.ordinal());
                Path p = dir.resolve(prefix + i + "_" + st.id() + ".csv");
                ScalarMap a = s.scan().amplitude();
                CscanCsv.write(p, a, 15, "percent_fsh", 100);
                out.add(p);
            }
        }
        return out;
    }

    /** CT sections of each cell, pristine and after formation (rougher: amplitude 1 → 2.5 voxels), with sidecars. */
    public static List<Path> ctSections(Path dir, int cells, String prefix) throws java.io.IOException {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            for (String state : List.of("pristine", "formation")) {
                var v = org.solidscope.tomo.Phantoms.cell(40, 40, 40, state.equals("pristine") ? 1 : 2.5, 0, 31L * i + state.length());
                Path f = dir.resolve(prefix + i + "_" + state + ".npy");
                org.solidscope.io.Npy.writeVolume(f, v.nz(), v.ny(), v.nx(), v.slices());
                java.nio.file.Files.writeString(dir.resolve(f.getFileName() + ".json"), "{\"voxel_um\": 0.65, \"fov_origin_x_mm\": 40, \"fov_origin_y_mm\": 25}");
                out.add(f);
            }
        }
        return out;
    }
}
