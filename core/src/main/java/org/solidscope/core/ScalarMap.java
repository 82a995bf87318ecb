package org.solidscope.core;

import java.util.Arrays;

/**
 * A 2D map of float values with its geometry and the unit of its values. Missing values are NaN.
 *
 * <p>The array is shared, not copied, for speed: callers must not modify {@link #values()} of a map
 * they did not create. Use {@link #withValues} to derive a map on the same grid.
 */
public record ScalarMap(GridGeometry geometry, String unit, float[] values) {
    public ScalarMap {
        if (values.length != geometry.size()) {
            throw new IllegalArgumentException("values length " + values.length + " != grid size " + geometry.size());
        }
    }

    public static ScalarMap filled(GridGeometry g, String unit, float value) {
        float[] v = new float[g.size()];
        Arrays.fill(v, value);
        return new ScalarMap(g, unit, v);
    }

    public int width() { return geometry.width(); }

    public int height() { return geometry.height(); }

    public float get(int x, int y) { return values[y * geometry.width() + x]; }

    public ScalarMap withValues(String newUnit, float[] newValues) {
        return new ScalarMap(geometry, newUnit, newValues);
    }

    /**
     * Bilinear sample at fractional pixel position; NaN outside the grid or next to a NaN pixel.
     */
    public float sample(double column, double row) {
        int w = geometry.width(), h = geometry.height();
        if (column < 0 || row < 0 || column > w - 1 || row > h - 1) {
            return Float.NaN;
        }
        int x0 = Math.min((int) column, w - 2 < 0 ? 0 : w - 2);
        int y0 = Math.min((int) row, h - 2 < 0 ? 0 : h - 2);
        int x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
        double fx = column - x0, fy = row - y0;
        double a = values[y0 * w + x0], b = values[y0 * w + x1];
        double c = values[y1 * w + x0], d = values[y1 * w + x1];
        return (float) ((a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy);
    }
}
