package org.solidscope.ultrasound;

import org.solidscope.core.GridGeometry;
import org.solidscope.core.ScalarMap;

/**
 * Registers a later stage scan onto the reference (infiltrated) scan of the same cell. The cell
 * outline is the one feature every stage shares (interior transmission changes from stage to stage
 * by design), so the transform is the one that maps the reference outline onto the moving outline:
 * rotation = difference of the long-axis angles (folded into (−90°, 90°]), translation = difference of
 * the centres, pivot = reference centre. Accuracy is that of the outlines (sub-pixel for the centre).
 */
public final class StageRegistration {
    private StageRegistration() {}

    public static RigidTransform register(CellOutline reference, CellOutline moving) {
        if (!reference.found() || !moving.found()) {
            return new RigidTransform(0, 0, 0, reference.centreXMm(), reference.centreYMm());
        }
        double rot = moving.angleDeg() - reference.angleDeg();
        while (rot > 90) rot -= 180;
        while (rot <= -90) rot += 180;
        return new RigidTransform(moving.centreXMm() - reference.centreXMm(), moving.centreYMm() - reference.centreYMm(), rot,
                reference.centreXMm(), reference.centreYMm());
    }

    /**
     * Samples {@code moving} (bilinear) at the transformed position of every pixel of the reference
     * grid; NaN where the moving scan has no valid value.
     */
    public static ScalarMap resample(ScalarMap moving, GridGeometry reference, RigidTransform tr) {
        GridGeometry mg = moving.geometry();
        float[] out = new float[reference.size()];
        for (int y = 0; y < reference.height(); y++) {
            for (int x = 0; x < reference.width(); x++) {
                double[] p = tr.apply(reference.xMm(x), reference.yMm(y));
                out[y * reference.width() + x] = moving.sample(mg.column(p[0]), mg.row(p[1]));
            }
        }
        return new ScalarMap(reference, moving.unit(), out);
    }
}
