package org.solidscope.tomo;

import java.util.stream.IntStream;

/**
 * Grey-level and binary erosion, dilation, opening and closing of 16-bit volumes with a
 * {@link Structure}. Voxels outside the volume are ignored (neutral: +∞ for erosion, −∞ for dilation).
 *
 * <p>Method: a structuring element is a set of rows (dz, dy) with half-widths w. For every row of the
 * volume and every w in use, the running minimum (maximum) over [x − w, x + w] is computed once with
 * the van Herk / Gil-Werman algorithm (three comparisons per voxel, whatever w); an output voxel is the
 * minimum of one running value per element row (37 for a ball of radius 3 instead of 123 voxels).
 * Output slices are processed in chunks in parallel; a chunk keeps the running values of the slices it
 * needs, so memory stays bounded by the chunk, not the volume.
 */
public final class Morphology3D {
    private Morphology3D() {}

    static final int CHUNK = 8;

    public static Volume16 erode(Volume16 v, Structure s) { return filter(v, s, true); }

    public static Volume16 dilate(Volume16 v, Structure s) { return filter(v, s, false); }

    /** Opening: erosion then dilation (anti-extensive and idempotent). */
    public static Volume16 open(Volume16 v, Structure s) { return dilate(erode(v, s), s); }

    /** Closing: dilation then erosion. */
    public static Volume16 close(Volume16 v, Structure s) { return erode(dilate(v, s), s); }

    /** Binary opening of a mask (bit-packed, see {@link BinaryMorphology}). */
    public static Mask3 open(Mask3 m, Structure s) { return BinaryMorphology.open(m, s); }

    public static Mask3 erode(Mask3 m, Structure s) { return BinaryMorphology.erode(m, s); }

    public static Mask3 dilate(Mask3 m, Structure s) { return BinaryMorphology.dilate(m, s); }

    static Volume16 toVolume(Mask3 m) {
        short[][] s = new short[m.nz()][];
        for (int z = 0; z < m.nz(); z++) {
            byte[] b = m.slices()[z];
            short[] o = new short[b.length];
            for (int i = 0; i < b.length; i++) o[i] = b[i];
            s[z] = o;
        }
        return new Volume16(m.nx(), m.ny(), m.nz(), 1, s);
    }

    static Mask3 toMask(Volume16 v) {
        byte[][] b = new byte[v.nz()][];
        for (int z = 0; z < v.nz(); z++) {
            short[] s = v.slices()[z];
            byte[] o = new byte[s.length];
            for (int i = 0; i < s.length; i++) o[i] = (byte) (s[i] != 0 ? 1 : 0);
            b[z] = o;
        }
        return new Mask3(v.nx(), v.ny(), v.nz(), b);
    }

    static Volume16 filter(Volume16 v, Structure s, boolean min) {
        int nx = v.nx(), ny = v.ny(), nz = v.nz(), r = s.radius();
        int[] widths = s.widths();
        int maxW = widths[widths.length - 1];
        int[] widthIndex = new int[maxW + 1];
        for (int k = 0; k < widths.length; k++) widthIndex[widths[k]] = k;
        int[][] rows = s.rows();
        short[][] out = new short[nz][nx * ny];
        int chunks = (nz + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int z0 = c * CHUNK, z1 = Math.min(nz, z0 + CHUNK);
            int s0 = Math.max(0, z0 - r), s1 = Math.min(nz, z1 + r);
            // running extremes of every row of the slices this chunk reads, per half-width (unsigned values in ints)
            int[][][] run = new int[s1 - s0][widths.length][];
            int[] pad = new int[nx + 2 * maxW + 1], g = new int[pad.length], h = new int[pad.length];
            for (int zz = s0; zz < s1; zz++) {
                short[] src = v.slices()[zz];
                for (int k = 0; k < widths.length; k++) run[zz - s0][k] = new int[nx * ny];
                for (int y = 0; y < ny; y++) {
                    for (int k = 0; k < widths.length; k++) {
                        runningExtreme(src, y * nx, nx, widths[k], min, pad, g, h, run[zz - s0][k], y * nx);
                    }
                }
            }
            int neutral = min ? Integer.MAX_VALUE : Integer.MIN_VALUE;
            int[] acc = new int[nx];
            for (int z = z0; z < z1; z++) {
                short[] o = out[z];
                for (int y = 0; y < ny; y++) {
                    java.util.Arrays.fill(acc, neutral);
                    for (int[] row : rows) {
                        int zz = z + row[0], yy = y + row[1];
                        if (zz < 0 || zz >= nz || yy < 0 || yy >= ny) continue;
                        int[] src = run[zz - s0][widthIndex[row[2]]];
                        int base = yy * nx;
                        if (min) for (int x = 0; x < nx; x++) acc[x] = Math.min(acc[x], src[base + x]);
                        else for (int x = 0; x < nx; x++) acc[x] = Math.max(acc[x], src[base + x]);
                    }
                    for (int x = 0; x < nx; x++) o[y * nx + x] = (short) acc[x];
                }
            }
        });
        return new Volume16(nx, ny, nz, v.voxelUm(), out);
    }

    /**
     * Running min (or max) over [x − w, x + w] of one row, out-of-row positions neutral, by van Herk /
     * Gil-Werman: prefix extremes within blocks of k = 2w + 1 from the left (g) and from the right (h),
     * window value = extreme(h[start], g[end]).
     */
    static void runningExtreme(short[] src, int off, int n, int w, boolean min, int[] pad, int[] g, int[] h, int[] dst, int dOff) {
        if (w == 0) {
            for (int x = 0; x < n; x++) dst[dOff + x] = src[off + x] & 0xFFFF;
            return;
        }
        int k = 2 * w + 1, len = n + 2 * w;
        int neutral = min ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (int i = 0; i < w; i++) { pad[i] = neutral; pad[w + n + i] = neutral; }
        for (int x = 0; x < n; x++) pad[w + x] = src[off + x] & 0xFFFF;
        for (int i = 0; i < len; i++) {
            g[i] = (i % k == 0) ? pad[i] : (min ? Math.min(g[i - 1], pad[i]) : Math.max(g[i - 1], pad[i]));
        }
        for (int i = len - 1; i >= 0; i--) {
            h[i] = (i == len - 1 || (i + 1) % k == 0) ? pad[i] : (min ? Math.min(h[i + 1], pad[i]) : Math.max(h[i + 1], pad[i]));
        }
        for (int x = 0; x < n; x++) {
            // window [x, x + 2w] in padded coordinates
            dst[dOff + x] = min ? Math.min(h[x], g[x + 2 * w]) : Math.max(h[x], g[x + 2 * w]);
        }
    }
}
