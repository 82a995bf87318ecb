package org.solidscope.core.record;

import java.util.Arrays;

/**
 * An array an analysis produced (a map, a slice, a height map, a spectrum, a curve), encoded as a
 * NumPy {@code .npy} file so that any tool opens it. The record keeps it by checksum.
 *
 * @param name  unique within the analysis ({@code levels}, {@code height}, {@code slice_xy})
 * @param kind  map, slice, volume, spectrum, curve or image
 * @param unit  unit of the values ({@code 1} for none)
 * @param pitchMm grid spacing of the last two axes in mm (NaN when they are not spatial)
 * @param frame where it lies in the cell, or null when it has no place in the cell (a spectrum)
 * @param npy   the encoded bytes
 */
public record RecordArray(String name, String kind, String dtype, int[] shape, String unit, double pitchMm, CellFrame frame, byte[] npy) {
    public RecordArray {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) throw new IllegalArgumentException("array name must be [a-z0-9_], got '" + name + "'");
        shape = shape.clone();
    }

    @Override
    public int[] shape() { return shape.clone(); }

    @Override
    public String toString() {
        return "RecordArray[" + name + ", " + kind + ", " + dtype + Arrays.toString(shape) + ", " + unit + ", pitch " + pitchMm + " mm]";
    }
}
