package org.solidscope.app;

import org.solidscope.core.InputException;
import org.solidscope.core.MemoryBudget;
import org.solidscope.io.VolumeData;
import org.solidscope.tomo.Mask3;
import org.solidscope.tomo.Volume16;

/** Turns volumes read from files into what the tomo algorithms take. */
final class CtVolumes {
    private CtVolumes() {}

    /** The voxels equal to {@code value} (or every non-zero voxel when null) as a mask. */
    static Mask3 phase(VolumeData v, Integer value) {
        int n = v.ny() * v.nx();
        byte[][] out = new byte[v.nz()][];
        for (int z = 0; z < v.nz(); z++) {
            byte[] b = new byte[n];
            switch (v.slices()) {
                case byte[][] s -> { for (int i = 0; i < n; i++) b[i] = (byte) (value == null ? (s[z][i] != 0 ? 1 : 0) : ((s[z][i] & 0xff) == value ? 1 : 0)); }
                case short[][] s -> { for (int i = 0; i < n; i++) b[i] = (byte) (value == null ? (s[z][i] != 0 ? 1 : 0) : ((s[z][i] & 0xffff) == value ? 1 : 0)); }
                case float[][] s -> { for (int i = 0; i < n; i++) b[i] = (byte) (value == null ? (s[z][i] != 0 ? 1 : 0) : (s[z][i] == value ? 1 : 0)); }
                default -> throw new IllegalStateException();
            }
            out[z] = b;
        }
        return new Mask3(v.nx(), v.ny(), v.nz(), out);
    }

    /** The voxel edge in µm: as given, else the file's own (TIFF and .npy carry none), else 1. */
    static double voxelUm(VolumeData v, Double given) {
        if (given != null) return given;
        return Double.isFinite(v.voxelUm()) && v.voxelUm() > 0 ? v.voxelUm() : 1.0;
    }

    /** A uint16 volume; other types are refused with the type found. */
    static Volume16 grey(VolumeData v, String src, double voxelUm) {
        if (!(v.slices() instanceof short[][] s)) throw new InputException(src, "dtype", "uint16", v.dtype());
        // every grey-level step makes a volume of the same size beside its input
        MemoryBudget.require(src, "size", "room for a second " + v.nz() + " × " + v.ny() + " × " + v.nx() + " uint16 volume",
                2L * v.nz() * v.ny() * v.nx());
        return new Volume16(v.nx(), v.ny(), v.nz(), voxelUm, s);
    }
}
