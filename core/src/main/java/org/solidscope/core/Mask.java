package org.solidscope.core;

/**
 * A boolean mask on a grid (row-major, same layout as {@link ScalarMap}). Immutable by convention:
 * operations return new masks.
 */
public record Mask(int width, int height, boolean[] bits) {
    public Mask {
        if (bits.length != width * height) {
            throw new IllegalArgumentException("mask length " + bits.length + " != " + width + "x" + height);
        }
    }

    public boolean get(int x, int y) { return bits[y * width + x]; }

    public int count() {
        int n = 0;
        for (boolean b : bits) {
            if (b) n++;
        }
        return n;
    }

    public Mask and(Mask o) {
        boolean[] r = new boolean[bits.length];
        for (int i = 0; i < r.length; i++) r[i] = bits[i] && o.bits[i];
        return new Mask(width, height, r);
    }

    public Mask or(Mask o) {
        boolean[] r = new boolean[bits.length];
        for (int i = 0; i < r.length; i++) r[i] = bits[i] || o.bits[i];
        return new Mask(width, height, r);
    }

    public Mask andNot(Mask o) {
        boolean[] r = new boolean[bits.length];
        for (int i = 0; i < r.length; i++) r[i] = bits[i] && !o.bits[i];
        return new Mask(width, height, r);
    }

    public Mask not() {
        boolean[] r = new boolean[bits.length];
        for (int i = 0; i < r.length; i++) r[i] = !bits[i];
        return new Mask(width, height, r);
    }
}
