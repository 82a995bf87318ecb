package org.solidscope.core;

/** Binary morphology on 2D masks with square and disc structuring elements. */
public final class MaskMorphology {
    private MaskMorphology() {}

    /** Sets every background pixel that is not 4-connected to the mask border (fills holes). */
    public static Mask fillHoles(Mask mask) {
        int w = mask.width(), h = mask.height();
        boolean[] m = mask.bits();
        boolean[] outside = new boolean[m.length];
        int[] stack = new int[m.length];
        int sp = 0;
        for (int x = 0; x < w; x++) {
            sp = seed(m, outside, stack, sp, x);
            sp = seed(m, outside, stack, sp, (h - 1) * w + x);
        }
        for (int y = 0; y < h; y++) {
            sp = seed(m, outside, stack, sp, y * w);
            sp = seed(m, outside, stack, sp, y * w + w - 1);
        }
        while (sp > 0) {
            int p = stack[--sp];
            int x = p % w, y = p / w;
            if (x > 0) sp = seed(m, outside, stack, sp, p - 1);
            if (x < w - 1) sp = seed(m, outside, stack, sp, p + 1);
            if (y > 0) sp = seed(m, outside, stack, sp, p - w);
            if (y < h - 1) sp = seed(m, outside, stack, sp, p + w);
        }
        boolean[] r = new boolean[m.length];
        for (int i = 0; i < r.length; i++) r[i] = !outside[i];
        return new Mask(w, h, r);
    }

    private static int seed(boolean[] m, boolean[] outside, int[] stack, int sp, int p) {
        if (!m[p] && !outside[p]) {
            outside[p] = true;
            stack[sp++] = p;
        }
        return sp;
    }

    /** Erosion by a disc of the given radius in pixels, via the Euclidean distance to the background. */
    public static Mask erodeDisc(Mask mask, double radiusPx) {
        float[] d = distanceToBackground(mask);
        boolean[] r = new boolean[d.length];
        double r2 = radiusPx * radiusPx;
        for (int i = 0; i < r.length; i++) r[i] = d[i] > r2;
        return new Mask(mask.width(), mask.height(), r);
    }

    /** Dilation by a disc of the given radius in pixels (nothing beyond the grid is set). */
    public static Mask dilateDisc(Mask mask, double radiusPx) {
        // distance from each unset pixel to the nearest set one; beyond the grid counts as unset
        float[] d = distance(mask.not(), false);
        boolean[] r = new boolean[d.length];
        double r2 = radiusPx * radiusPx;
        for (int i = 0; i < r.length; i++) r[i] = d[i] <= r2;
        return new Mask(mask.width(), mask.height(), r);
    }

    /**
     * Squared Euclidean distance from each set pixel to the nearest unset pixel (0 on background);
     * pixels outside the grid count as background. Exact two-pass algorithm of Felzenszwalb and
     * Huttenlocher (2012).
     */
    public static float[] distanceToBackground(Mask mask) {
        return distance(mask, true);
    }

    /** As {@link #distanceToBackground}; {@code borderIsBackground} says whether beyond the grid counts as background. */
    static float[] distance(Mask mask, boolean borderIsBackground) {
        int w = mask.width(), h = mask.height();
        boolean[] m = mask.bits();
        float inf = 1e20f;
        // pad by one pixel so the grid border counts as background
        int pw = w + 2, ph = h + 2;
        float[] f = new float[pw * ph];
        for (int y = 0; y < ph; y++) {
            for (int x = 0; x < pw; x++) {
                boolean inside = x >= 1 && y >= 1 && x <= w && y <= h;
                boolean in = inside ? m[(y - 1) * w + (x - 1)] : !borderIsBackground;
                f[y * pw + x] = in ? inf : 0;
            }
        }
        int n = Math.max(pw, ph);
        float[] col = new float[n], out = new float[n], z = new float[n + 1];
        int[] v = new int[n];
        for (int x = 0; x < pw; x++) {
            for (int y = 0; y < ph; y++) col[y] = f[y * pw + x];
            edt1d(col, ph, out, v, z);
            for (int y = 0; y < ph; y++) f[y * pw + x] = out[y];
        }
        for (int y = 0; y < ph; y++) {
            System.arraycopy(f, y * pw, col, 0, pw);
            edt1d(col, pw, out, v, z);
            System.arraycopy(out, 0, f, y * pw, pw);
        }
        float[] r = new float[w * h];
        for (int y = 0; y < h; y++) System.arraycopy(f, (y + 1) * pw + 1, r, y * w, w);
        return r;
    }

    private static void edt1d(float[] f, int n, float[] d, int[] v, float[] z) {
        int k = 0;
        v[0] = 0;
        z[0] = Float.NEGATIVE_INFINITY;
        z[1] = Float.POSITIVE_INFINITY;
        for (int q = 1; q < n; q++) {
            double s = intersect(f, q, v[k]);
            while (s <= z[k]) {
                k--;
                s = intersect(f, q, v[k]);
            }
            k++;
            v[k] = q;
            z[k] = (float) s;
            z[k + 1] = Float.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) k++;
            float dq = q - v[k];
            d[q] = dq * dq + f[v[k]];
        }
    }

    private static double intersect(float[] f, int q, int p) {
        return (((double) f[q] + (double) q * q) - ((double) f[p] + (double) p * p)) / (2.0 * q - 2.0 * p);
    }
}
