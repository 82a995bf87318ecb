package org.solidscope.ultrasound.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.solidscope.core.GridGeometry;
import org.solidscope.ultrasound.Stage;

/**
 * Simulated cells: the seed study's four cells with their anomalies, and seeded random cells for
 * ground-truth tests. Stage levels come from the transfer-matrix model of the shipped 49-layer stack
 * ({@link LayerModelTransmission}): the infiltrated stack transmits strongly, shrinkage gaps of about a
 * micrometre blank it at 15 dB and let it show at 40 dB, formation nearly closes them.
 */
public final class Scenarios {
    private Scenarios() {}

    /** Effective gap left after formation (anode expansion closes the gaps almost fully), µm. */
    public static final double FORMED_GAP_UM = 0.003;
    /** Stage levels from the acoustic model of the shipped stack: |t| relative to the coupling path. */
    public static final double MATRIX_INFILTRATED = LayerModelTransmission.standard().stageAmplitude(
            org.solidscope.ultrasound.acoustics.CellState.infiltrated());
    public static final double MATRIX_SOLIDIFIED = LayerModelTransmission.standard().stageAmplitude(
            org.solidscope.ultrasound.acoustics.CellState.solidified(0));
    public static final double MATRIX_FORMED = LayerModelTransmission.standard().stageAmplitude(
            org.solidscope.ultrasound.acoustics.CellState.formed(0));
    /** Gas thickness of a bubble or unwetted region (opaque), µm. */
    public static final double GAS_UM = 50;

    /** battery-1 … battery-4 of the seed study, with the anomalies the study reports. */
    public static List<CellScenario> seedLot() {
        List<CellDesign> c = CellDesign.SEED_CELLS;
        return List.of(
                // bulge and precursor accumulation at the right side; partial transmission after solidification;
                // gas bulge, an isolated gas pocket and a dropped scan line after formation
                new CellScenario(c.get(0), List.of(
                        Feature.ellipse("bulge", Stage.INFILTRATION, -55, 12, 14, 8, Double.NaN, 0.25),
                        Feature.side("accumulation", Stage.INFILTRATION, 85, 1.8),
                        Feature.ellipse("bulge", Stage.FORMATION, 55, -18, 16, 9, 0.03, 1),
                        Feature.disc("gas_pocket", Stage.FORMATION, -70, -22, 5, GAS_UM)),
                        MATRIX_INFILTRATED, MATRIX_SOLIDIFIED, MATRIX_FORMED, 0.5, 0.01, FORMED_GAP_UM, 101),
                // a discrete bubble from incomplete degassing; blank after solidification
                new CellScenario(c.get(1), List.of(
                        Feature.disc("bubble", Stage.INFILTRATION, 35, 20, 6, GAS_UM)),
                        MATRIX_INFILTRATED, MATRIX_SOLIDIFIED, MATRIX_FORMED, 2.5, 0.3, FORMED_GAP_UM, 102),
                // unwetted centre from too short an infiltration; blank after solidification
                new CellScenario(c.get(2), List.of(
                        Feature.ellipse("unwetted", Stage.INFILTRATION, 0, 0, 60, 22, GAS_UM, 1)),
                        MATRIX_INFILTRATED, MATRIX_SOLIDIFIED, MATRIX_FORMED, 3.0, 0.5, FORMED_GAP_UM, 103),
                new CellScenario(c.get(3), List.of(
                        Feature.ellipse("unwetted", Stage.INFILTRATION, 10, -3, 45, 18, GAS_UM, 1)),
                        MATRIX_INFILTRATED, MATRIX_SOLIDIFIED, MATRIX_FORMED, 3.0, 0.5, FORMED_GAP_UM, 104));
    }

    /** Dropped scan lines of the seed lot: battery-1 loses one line at formation, across the cell. */
    public static List<Integer> seedDropouts(CellScenario sc, Stage stage, GridGeometry g) {
        if (sc.design().id().equals("battery-1") && stage == Stage.FORMATION) {
            return List.of((int) Math.round(g.row(ScanSimulator.nominalCentre(sc.design())[1] + 25)));
        }
        return List.of();
    }

    /** Deterministic placement of a cell on the scanner for one stage: shift ≤ 3 mm, rotation ≤ 1.5°. */
    public static Placement placement(CellScenario sc, Stage stage) {
        SplittableRandom r = new SplittableRandom(sc.seed() * 31 + stage.ordinal());
        return new Placement(r.nextDouble(-3, 3), r.nextDouble(-3, 3), r.nextDouble(-1.5, 1.5));
    }

    /**
     * A random cell for ground-truth tests: one of the seed designs, 0–5 separated bubbles of 1–5 mm
     * radius at infiltration, sometimes a bulge, an accumulation side or a gas pocket at formation,
     * a random centre-first shrinkage.
     */
    public static CellScenario random(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        CellDesign base = CellDesign.SEED_CELLS.get(r.nextInt(CellDesign.SEED_CELLS.size()));
        CellDesign d = new CellDesign("sim-" + seed, base.widthMm(), base.heightMm());
        List<Feature> f = new ArrayList<>();
        List<double[]> taken = new ArrayList<>();
        if (r.nextDouble() < 0.3) {
            double u = r.nextDouble(-d.widthMm() / 4, d.widthMm() / 4), v = r.nextDouble(-d.heightMm() / 5, d.heightMm() / 5);
            f.add(Feature.ellipse("bulge", Stage.INFILTRATION, u, v, 15, 8, Double.NaN, 0.25));
            taken.add(new double[] {u, v, 16});
        }
        boolean accumulation = r.nextDouble() < 0.3;
        if (accumulation) f.add(Feature.side("accumulation", Stage.INFILTRATION, d.widthMm() / 2 - 25, 1.8));
        int bubbles = r.nextInt(6);
        for (int k = 0, tries = 0; k < bubbles && tries < 200; tries++) {
            double rad = r.nextDouble(1.0, 5.0);
            double edge = 8 + rad;
            double uMax = d.widthMm() / 2 - edge - (accumulation ? 30 : 0);
            double u = r.nextDouble(-d.widthMm() / 2 + edge, uMax), v = r.nextDouble(-d.heightMm() / 2 + edge, d.heightMm() / 2 - edge);
            boolean clear = true;
            for (double[] t : taken) if (Math.hypot(u - t[0], v - t[1]) < rad + t[2] + 6) clear = false;
            if (!clear) continue;
            f.add(Feature.disc("bubble", Stage.INFILTRATION, u, v, rad, GAS_UM));
            taken.add(new double[] {u, v, rad});
            k++;
        }
        if (r.nextDouble() < 0.4) {
            double u = r.nextDouble(-d.widthMm() / 3, d.widthMm() / 3), v = r.nextDouble(-d.heightMm() / 4, d.heightMm() / 4);
            f.add(Feature.disc("gas_pocket", Stage.FORMATION, u, v, r.nextDouble(2.5, 6), GAS_UM));
        }
        double centre = r.nextDouble(0.5, 3.0), edge = r.nextDouble(0.02, 0.3);
        return new CellScenario(d, f, MATRIX_INFILTRATED, MATRIX_SOLIDIFIED, MATRIX_FORMED, centre, edge, FORMED_GAP_UM, seed);
    }

    /** 0–2 dropped lines inside the cell rows, for a random cell and stage. */
    public static List<Integer> randomDropouts(CellScenario sc, Stage stage, GridGeometry g) {
        SplittableRandom r = new SplittableRandom(sc.seed() * 7919 + stage.ordinal());
        int n = r.nextDouble() < 0.5 ? 0 : 1 + r.nextInt(2);
        double cy = ScanSimulator.nominalCentre(sc.design())[1];
        List<Integer> rows = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int row = (int) Math.round(g.row(cy + r.nextDouble(-0.4, 0.4) * sc.design().heightMm()));
            if (!rows.contains(row) && !rows.contains(row - 1) && !rows.contains(row + 1)) rows.add(row);
        }
        return rows;
    }
}
