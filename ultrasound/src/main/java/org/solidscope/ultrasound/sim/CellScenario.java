package org.solidscope.ultrasound.sim;

import java.util.List;
import org.solidscope.ultrasound.Stage;

/**
 * The physical truth of one simulated cell through its stages, in cell coordinates.
 *
 * <p>Matrix amplitude transmission (the stack without gas gaps, relative to the coupling-fluid path):
 * {@code matrixInfiltrated}, {@code matrixSolidified}, {@code matrixFormed}. After solidification a
 * shrinkage gap opens centre first (seed 000, §5): thickness
 * {@code d(ρ) = edge + (centre − edge)·(1 − ρ²)}, ρ² = (2u/W)² + (2v/H)² clipped to 1. After formation a
 * residual gap of {@code formedGapUm} remains. Features add local anomalies.
 */
public record CellScenario(CellDesign design, List<Feature> features, double matrixInfiltrated, double matrixSolidified,
                           double matrixFormed, double shrinkCentreGapUm, double shrinkEdgeGapUm, double formedGapUm, long seed) {

    public CellScenario {
        features = List.copyOf(features);
    }

    /** Matrix amplitude transmission at (u, v) in the given stage. */
    public double matrixAt(double u, double v, Stage stage) {
        double m = switch (stage) {
            case INFILTRATION -> matrixInfiltrated;
            case SOLIDIFICATION -> matrixSolidified;
            case FORMATION -> matrixFormed;
        };
        for (Feature f : features) if (f.stages().contains(stage) && f.contains(u, v)) m *= f.amplitudeFactor();
        return m;
    }

    /** Effective gas-gap thickness (µm) at (u, v) in the given stage. */
    public double gapAt(double u, double v, Stage stage) {
        double d = switch (stage) {
            case INFILTRATION -> 0;
            case SOLIDIFICATION -> {
                double a = 2 * u / design.widthMm(), b = 2 * v / design.heightMm();
                double rho2 = Math.min(1, a * a + b * b);
                yield shrinkEdgeGapUm + (shrinkCentreGapUm - shrinkEdgeGapUm) * (1 - rho2);
            }
            case FORMATION -> formedGapUm;
        };
        for (Feature f : features) {
            if (f.stages().contains(stage) && !Double.isNaN(f.gapUm()) && f.contains(u, v)) d = Math.max(d, f.gapUm());
        }
        return d;
    }
}
