package org.solidscope.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Labels the connected regions of a 2D mask (4- or 8-connectivity) and measures their shape.
 * Labels are assigned in raster order of each region's first pixel, starting at 1; background is 0.
 */
public final class ConnectedComponents {
    private ConnectedComponents() {}

    /** A label image with one {@link Region} per label ({@code regions.get(k).label() == k + 1}). */
    public record Labeling(int width, int height, int[] labels, List<Region> regions) {
        /** Mask of the pixels of one label. */
        public Mask maskOf(int label) {
            boolean[] b = new boolean[labels.length];
            for (int i = 0; i < b.length; i++) b[i] = labels[i] == label;
            return new Mask(width, height, b);
        }
    }

    public static Labeling label(Mask mask, boolean eightConnected) {
        int w = mask.width(), h = mask.height();
        boolean[] m = mask.bits();
        int[] labels = new int[w * h];
        int[] stack = new int[Math.max(16, w * h)];
        List<Region> regions = new ArrayList<>();
        int next = 0;
        for (int start = 0; start < m.length; start++) {
            if (!m[start] || labels[start] != 0) continue;
            int lab = ++next;
            int sp = 0;
            stack[sp++] = start;
            labels[start] = lab;
            long n = 0;
            double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
            int exposed = 0, minX = w, minY = h, maxX = -1, maxY = -1;
            while (sp > 0) {
                int p = stack[--sp];
                int x = p % w, y = p / w;
                n++;
                sx += x; sy += y; sxx += (double) x * x; syy += (double) y * y; sxy += (double) x * y;
                if (x < minX) minX = x;
                if (x > maxX) maxX = x;
                if (y < minY) minY = y;
                if (y > maxY) maxY = y;
                // exposed 4-edges for the perimeter estimate
                if (x == 0 || !m[p - 1]) exposed++;
                if (x == w - 1 || !m[p + 1]) exposed++;
                if (y == 0 || !m[p - w]) exposed++;
                if (y == h - 1 || !m[p + w]) exposed++;
                for (int dy = -1; dy <= 1; dy++) {
                    int yy = y + dy;
                    if (yy < 0 || yy >= h) continue;
                    for (int dx = -1; dx <= 1; dx++) {
                        if (dx == 0 && dy == 0) continue;
                        if (!eightConnected && dx != 0 && dy != 0) continue;
                        int xx = x + dx;
                        if (xx < 0 || xx >= w) continue;
                        int q = yy * w + xx;
                        if (m[q] && labels[q] == 0) {
                            labels[q] = lab;
                            stack[sp++] = q;
                        }
                    }
                }
            }
            double cx = sx / n, cy = sy / n;
            // central moments with the 1/12 pixel-extent term so a single pixel is not a point
            double mxx = sxx / n - cx * cx + 1.0 / 12, myy = syy / n - cy * cy + 1.0 / 12, mxy = sxy / n - cx * cy;
            double common = Math.sqrt(Math.max(0, (mxx - myy) * (mxx - myy) / 4 + mxy * mxy));
            double l1 = (mxx + myy) / 2 + common, l2 = Math.max(0, (mxx + myy) / 2 - common);
            double orientation = 0.5 * Math.atan2(2 * mxy, mxx - myy);
            regions.add(new Region(lab, (int) n, cx, cy, exposed * Math.PI / 4, minX, minY, maxX, maxY,
                    4 * Math.sqrt(l1), 4 * Math.sqrt(l2), orientation));
        }
        return new Labeling(w, h, labels, List.copyOf(regions));
    }
}
