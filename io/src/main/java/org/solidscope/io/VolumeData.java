package org.solidscope.io;

/**
 * A 3D volume as read from or written to a file: one primitive array per z-slice ({@code byte[][]}
 * uint8, {@code short[][]} uint16 read as {@code s & 0xFFFF}, {@code float[][]} float32), each
 * {@code [ny·nx]} with x fastest. {@code voxelUm} is NaN when the file does not say.
 */
public record VolumeData(int nz, int ny, int nx, Object slices, double voxelUm) {
    public VolumeData {
        if (!(slices instanceof byte[][] || slices instanceof short[][] || slices instanceof float[][])) {
            throw new IllegalArgumentException("slices must be byte[][], short[][] or float[][]");
        }
    }

    /** Slice z as floats (uint8 and uint16 read unsigned). */
    public float[] sliceAsFloat(int z) {
        int n = ny * nx;
        float[] out = new float[n];
        switch (slices) {
            case byte[][] b -> { for (int i = 0; i < n; i++) out[i] = b[z][i] & 0xff; }
            case short[][] s -> { for (int i = 0; i < n; i++) out[i] = s[z][i] & 0xffff; }
            case float[][] f -> System.arraycopy(f[z], 0, out, 0, n);
            default -> throw new IllegalStateException();
        }
        return out;
    }

    /** "uint8", "uint16" or "float32". */
    public String dtype() {
        return slices instanceof byte[][] ? "uint8" : slices instanceof short[][] ? "uint16" : "float32";
    }
}
