package org.solidscope.tomo;

/** A binary volume, one byte array per z-slice (0 or 1), laid out like {@link Volume16}. */
public record Mask3(int nx, int ny, int nz, byte[][] slices) {
    public boolean get(int x, int y, int z) { return slices[z][y * nx + x] != 0; }

    public long count() {
        long n = 0;
        for (byte[] s : slices) for (byte b : s) n += b;
        return n;
    }
}
