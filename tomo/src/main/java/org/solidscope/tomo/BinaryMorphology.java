package org.solidscope.tomo;

import java.util.stream.IntStream;

/**
 * Binary erosion and dilation on bit-packed rows (64 voxels per long). A row's running AND (erosion)
 * or OR (dilation) over [x − w, x + w] is the AND/OR of the row shifted by −w … w, computed a word at a
 * time; an output row is the AND/OR of one such row per element row (dz, dy). Voxels outside the volume
 * are neutral (1 for erosion, 0 for dilation), as in {@link Morphology3D}, whose results these equal.
 */
public final class BinaryMorphology {
    private BinaryMorphology() {}

    public static Mask3 erode(Mask3 m, Structure s) { return filter(m, s, true); }

    public static Mask3 dilate(Mask3 m, Structure s) { return filter(m, s, false); }

    public static Mask3 open(Mask3 m, Structure s) { return dilate(erode(m, s), s); }

    public static Mask3 close(Mask3 m, Structure s) { return erode(dilate(m, s), s); }

    static Mask3 filter(Mask3 m, Structure s, boolean and) {
        int nx = m.nx(), ny = m.ny(), nz = m.nz(), words = (nx + 63) >>> 6;
        int[] widths = s.widths();
        int maxW = widths[widths.length - 1];
        int[] wi = new int[maxW + 1];
        for (int k = 0; k < widths.length; k++) wi[widths[k]] = k;
        // packed rows with neutral padding bits beyond nx
        long[][][] packed = new long[nz][ny][];
        IntStream.range(0, nz).parallel().forEach(z -> {
            byte[] b = m.slices()[z];
            for (int y = 0; y < ny; y++) {
                packed[z][y] = pack(b, y * nx, nx, words, and);
            }
        });
        // running AND/OR per row and half-width
        long[][][][] run = new long[nz][ny][widths.length][];
        IntStream.range(0, nz).parallel().forEach(z -> {
            for (int y = 0; y < ny; y++) {
                for (int k = 0; k < widths.length; k++) run[z][y][k] = window(packed[z][y], widths[k], and);
            }
        });
        byte[][] out = new byte[nz][nx * ny];
        IntStream.range(0, nz).parallel().forEach(z -> {
            long[] acc = new long[words];
            for (int y = 0; y < ny; y++) {
                java.util.Arrays.fill(acc, and ? -1L : 0L);
                for (int[] row : s.rows()) {
                    int zz = z + row[0], yy = y + row[1];
                    if (zz < 0 || zz >= nz || yy < 0 || yy >= ny) continue;
                    long[] src = run[zz][yy][wi[row[2]]];
                    if (and) andInto(acc, src); else orInto(acc, src);
                }
                unpack(acc, out[z], y * nx, nx);
            }
        });
        return new Mask3(nx, ny, nz, out);
    }

    // the row loops as methods of their own, so that the JIT compiles them within the first slices of a cold call
    static long[] pack(byte[] b, int off, int nx, int words, boolean and) {
        long[] row = new long[words];
        if (and) java.util.Arrays.fill(row, -1L);
        for (int x = 0; x < nx; x++) {
            long bit = 1L << (x & 63);
            if (b[off + x] != 0) row[x >>> 6] |= bit; else row[x >>> 6] &= ~bit;
        }
        return row;
    }

    static void andInto(long[] acc, long[] src) {
        for (int i = 0; i < acc.length; i++) acc[i] &= src[i];
    }

    static void orInto(long[] acc, long[] src) {
        for (int i = 0; i < acc.length; i++) acc[i] |= src[i];
    }

    static void unpack(long[] acc, byte[] o, int off, int nx) {
        for (int x = 0; x < nx; x++) o[off + x] = (byte) ((acc[x >>> 6] >>> (x & 63)) & 1L);
    }

    /** AND (or OR) of the row shifted by every d in [−w, w]; bits coming from outside are neutral. */
    static long[] window(long[] row, int w, boolean and) {
        long[] acc = row.clone();
        long fill = and ? -1L : 0L;
        // the shifted rows word by word, not as arrays: this runs for every row and half-width of the volume
        for (int d = 1; d <= w; d++) {
            if (and) for (int i = 0; i < acc.length; i++) acc[i] &= shifted(row, i, d, fill) & shifted(row, i, -d, fill);
            else for (int i = 0; i < acc.length; i++) acc[i] |= shifted(row, i, d, fill) | shifted(row, i, -d, fill);
        }
        return acc;
    }

    /** Word i of the row shifted by d bits (bit x of the result = bit x + d of the row), {@code fill} outside. */
    static long shifted(long[] in, int i, int d, long fill) {
        int n = in.length, j = i + Math.floorDiv(d, 64), bs = Math.floorMod(d, 64);
        long lo = j >= 0 && j < n ? in[j] : fill;
        if (bs == 0) return lo;
        long hi = j + 1 >= 0 && j + 1 < n ? in[j + 1] : fill;
        return (lo >>> bs) | (hi << (64 - bs));
    }
}
