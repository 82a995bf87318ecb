package org.solidscope.tomo;

/**
 * A CT volume of unsigned 16-bit voxels held as one array per z-slice, so that a volume may exceed
 * 2³¹ voxels (each slice must stay below). Index: {@code slices[z][y·nx + x]}; values are read as
 * {@code s & 0xFFFF}. {@code voxelUm} is the edge of a (cubic) voxel. The arrays are shared, not copied.
 */
public record Volume16(int nx, int ny, int nz, double voxelUm, short[][] slices) {
    public Volume16 {
        if (nx <= 0 || ny <= 0 || nz <= 0) throw new IllegalArgumentException("volume size must be positive");
        if ((long) nx * ny > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("a slice must hold fewer than 2^31 voxels");
        if (slices.length != nz) throw new IllegalArgumentException("expected " + nz + " slices, got " + slices.length);
    }

    public static Volume16 zeros(int nx, int ny, int nz, double voxelUm) {
        short[][] s = new short[nz][nx * ny];
        return new Volume16(nx, ny, nz, voxelUm, s);
    }

    /** The same voxels with another voxel size (the arrays are shared). */
    public Volume16 withVoxelUm(double um) { return new Volume16(nx, ny, nz, um, slices); }

    public long voxels() { return (long) nx * ny * nz; }

    public int get(int x, int y, int z) { return slices[z][y * nx + x] & 0xFFFF; }
}
