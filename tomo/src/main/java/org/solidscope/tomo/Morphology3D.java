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
            int[][][] run = runBuffers(s1 - s0, widths.length, nx * ny);
            int[] pad = new int[nx + 2 * maxW + 1], g = new int[pad.length], h = new int[pad.length];
            for (int zz = s0; zz < s1; zz++) {
                short[] src = v.slices()[zz];
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
                        if (min) minInto(acc, src, base, nx); else maxInto(acc, src, base, nx);
                    }
                    store(acc, o, y * nx, nx);
                }
            }
        });
        return new Volume16(nx, ny, nz, v.voxelUm(), out);
    }

    /**
     * This thread's running-extreme buffers, kept between chunks and calls: fresh ones per chunk were ~0.9 GB of
     * allocation for an opening of 256³, and a cold process paid for every page of it on first touch.
     */
    private static final ThreadLocal<int[][][]> RUNS = new ThreadLocal<>();

    static int[][][] runBuffers(int slices, int widths, int size) {
        int[][][] r = RUNS.get();
        if (r == null || r.length < slices || r[0].length < widths || r[0][0].length != size) {
            r = new int[slices][widths][size];
            RUNS.set(r);
        }
        return r;
    }

    // the row loops as methods of their own: called hundreds of thousands of times, the JIT compiles them within the
    // first slices of a cold call (inside the chunk's lambda they waited for on-stack replacement, chunk after chunk)
    static void minInto(int[] acc, int[] src, int base, int n) {
        for (int x = 0; x < n; x++) acc[x] = Math.min(acc[x], src[base + x]);
    }

    static void maxInto(int[] acc, int[] src, int base, int n) {
        for (int x = 0; x < n; x++) acc[x] = Math.max(acc[x], src[base + x]);
    }

    static void store(int[] acc, short[] o, int off, int n) {
        for (int x = 0; x < n; x++) o[off + x] = (short) acc[x];
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
        // blocks [b, b + k): no division per element, and min and max apart (no branch per element)
        if (min) {
            for (int b = 0; b < len; b += k) {
                int e = Math.min(len, b + k);
                g[b] = pad[b];
                for (int i = b + 1; i < e; i++) g[i] = Math.min(g[i - 1], pad[i]);
                h[e - 1] = pad[e - 1];
                for (int i = e - 2; i >= b; i--) h[i] = Math.min(h[i + 1], pad[i]);
            }
            for (int x = 0; x < n; x++) dst[dOff + x] = Math.min(h[x], g[x + 2 * w]); // window [x, x + 2w] in padded coordinates
        } else {
            for (int b = 0; b < len; b += k) {
                int e = Math.min(len, b + k);
                g[b] = pad[b];
                for (int i = b + 1; i < e; i++) g[i] = Math.max(g[i - 1], pad[i]);
                h[e - 1] = pad[e - 1];
                for (int i = e - 2; i >= b; i--) h[i] = Math.max(h[i + 1], pad[i]);
            }
            for (int x = 0; x < n; x++) dst[dOff + x] = Math.max(h[x], g[x + 2 * w]);
        }
    }
}
