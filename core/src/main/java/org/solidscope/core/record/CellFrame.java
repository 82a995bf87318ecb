package org.solidscope.core.record;

/**
 * Where a map lies in its cell's own frame (mm): pixel (column x, row y) of the map has its centre at
 * {@code R(rotationDeg)·(x·pitchMm, y·pitchMm) + (originXMm, originYMm)} in the cell frame, whose
 * origin is the cell's lower-left corner and whose x axis runs along its width. {@code zMm} is the
 * height of a slice above the cell's bottom face (NaN for projections through the whole cell).
 */
public record CellFrame(double originXMm, double originYMm, double pitchMm, double rotationDeg, double zMm) {
    public CellFrame {
        if (!(pitchMm > 0) || Double.isInfinite(pitchMm)) throw new IllegalArgumentException("pitchMm must be finite and > 0, got " + pitchMm);
        if (!Double.isFinite(originXMm) || !Double.isFinite(originYMm) || !Double.isFinite(rotationDeg)) {
            throw new IllegalArgumentException("a cell frame needs a finite origin and rotation");
        }
    }

    /** Cell-frame x (mm) of a map position. */
    public double xMm(double column, double row) {
        double r = Math.toRadians(rotationDeg);
        return originXMm + (column * Math.cos(r) - row * Math.sin(r)) * pitchMm;
    }

    /** Cell-frame y (mm) of a map position. */
    public double yMm(double column, double row) {
        double r = Math.toRadians(rotationDeg);
        return originYMm + (column * Math.sin(r) + row * Math.cos(r)) * pitchMm;
    }
}
