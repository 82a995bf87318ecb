package org.solidscope.ultrasound.sim;

import java.util.Set;
import org.solidscope.ultrasound.Stage;

/**
 * A local anomaly of a simulated cell, in cell coordinates (u along the length, v across, mm from the
 * centre). The shape is an ellipse with semi-axes {@code semiUMm}, {@code semiVMm}, or, when
 * {@code halfPlane} is set, the band u ≥ {@code uMm} (a side of the cell). Inside, the gas gap becomes
 * at least {@code gapUm} (NaN: unchanged) and the matrix amplitude is multiplied by
 * {@code amplitudeFactor}.
 *
 * @param kind the defect kind the analysis should report ({@code bubble}, {@code unwetted}, …)
 */
public record Feature(String kind, Set<Stage> stages, double uMm, double vMm, double semiUMm, double semiVMm,
                      boolean halfPlane, double gapUm, double amplitudeFactor) {

    public static Feature disc(String kind, Stage stage, double uMm, double vMm, double radiusMm, double gapUm) {
        return new Feature(kind, Set.of(stage), uMm, vMm, radiusMm, radiusMm, false, gapUm, 1);
    }

    public static Feature ellipse(String kind, Stage stage, double uMm, double vMm, double semiUMm, double semiVMm,
                                  double gapUm, double amplitudeFactor) {
        return new Feature(kind, Set.of(stage), uMm, vMm, semiUMm, semiVMm, false, gapUm, amplitudeFactor);
    }

    public static Feature side(String kind, Stage stage, double fromUMm, double amplitudeFactor) {
        return new Feature(kind, Set.of(stage), fromUMm, 0, 0, 0, true, Double.NaN, amplitudeFactor);
    }

    public boolean contains(double u, double v) {
        if (halfPlane) return u >= uMm;
        double a = (u - uMm) / semiUMm, b = (v - vMm) / semiVMm;
        return a * a + b * b <= 1;
    }

    /** Area inside a cell of the given size, mm². */
    public double areaMm2(CellDesign d) {
        return halfPlane ? Math.max(0, d.widthMm() / 2 - uMm) * d.heightMm() : Math.PI * semiUMm * semiVMm;
    }

    /** Centroid (u, v) inside a cell of the given size. */
    public double[] centroid(CellDesign d) {
        return halfPlane ? new double[] {(uMm + d.widthMm() / 2) / 2, 0} : new double[] {uMm, vMm};
    }
}
