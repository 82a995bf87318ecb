package org.solidscope.ultrasound;

import org.solidscope.core.ConnectedComponents;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.Mask;
import org.solidscope.core.MaskMorphology;
import org.solidscope.core.Region;
import org.solidscope.core.RobustStats;

/**
 * Finds the cell body in a C-scan, whether the surround is bright (the beam passes through coupling
 * fluid only, often saturated) or dark (a holder blocks it).
 *
 * <p>Method: the surround level is the median of a frame of {@link #FRAME_PX} pixels along the scan
 * border (saturated points count as brightest). The surround is bright when at least half the
 * frame is saturated or its median exceeds the scan's median by {@link #CONTRAST_DB}; cell candidates
 * are then the points darker than the surround by {@link #CONTRAST_DB}, otherwise the points brighter
 * than the surround by that much. The largest 8-connected candidate region with its holes filled is
 * the cell with its tabs. Its orientation is that of the equal-moment ellipse. Projected onto the
 * long axis, each 1-pixel slab holds a cross-section; slabs whose cross-section reaches
 * {@link #BODY_SECTION_FRACTION} of the median cross-section belong to the body, which cuts off tabs
 * (narrower than that). The same is done across. The body is the resulting rectangle.
 */
public final class CellLocalization {
    static final int FRAME_PX = 3;
    static final double CONTRAST_DB = 6;
    static final double BODY_SECTION_FRACTION = 0.6;
    static final double MIN_AREA_FRACTION = 0.05;

    private CellLocalization() {}

    public static CellOutline locate(TransmissionDb t, ScanArtifacts.Dropouts dropouts, double edgeMarginMm) {
        GridGeometry g = t.db().geometry();
        int w = g.width(), h = g.height();
        float[] db = t.db().values();
        boolean[] sat = t.saturated().bits();
        boolean[] drop = dropouts.mask().bits();
        final float bright = 1000f; // stands for "saturated": brighter than any measured level

        float[] level = new float[db.length];
        for (int i = 0; i < db.length; i++) level[i] = drop[i] ? Float.NaN : sat[i] ? bright : db[i];

        boolean[] frame = new boolean[w * h];
        int satFrame = 0, nFrame = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (x < FRAME_PX || y < FRAME_PX || x >= w - FRAME_PX || y >= h - FRAME_PX) {
                    int i = y * w + x;
                    if (drop[i]) continue;
                    frame[i] = true;
                    nFrame++;
                    if (sat[i]) satFrame++;
                }
            }
        }
        double surround = RobustStats.median(level, new Mask(w, h, frame));
        double global = RobustStats.median(level, null);
        boolean brightSurround = satFrame * 2 >= nFrame || surround > global + CONTRAST_DB;

        boolean[] cand = new boolean[w * h];
        for (int i = 0; i < cand.length; i++) {
            float v = level[i];
            if (Float.isNaN(v)) continue;
            cand[i] = brightSurround ? v < surround - CONTRAST_DB : v > surround + CONTRAST_DB;
        }
        // bridge dropout rows: a dropout point is a candidate when the points above and below are
        for (int r : dropouts.rows()) {
            for (int x = 0; x < w; x++) {
                int up = r - 1, dn = r + 1;
                while (up >= 0 && drop[up * w + x]) up--;
                while (dn < h && drop[dn * w + x]) dn++;
                cand[r * w + x] = up >= 0 && dn < h && cand[up * w + x] && cand[dn * w + x];
            }
        }
        ConnectedComponents.Labeling lab = ConnectedComponents.label(new Mask(w, h, cand), true);
        Region largest = null;
        for (Region r : lab.regions()) if (largest == null || r.areaPx() > largest.areaPx()) largest = r;
        if (largest == null || largest.areaPx() < MIN_AREA_FRACTION * w * h) {
            return fallback(g, t, dropouts, edgeMarginMm, brightSurround,
                    "cell not distinguishable from the " + (brightSurround ? "bright" : "dark") + " surround (no region differs by "
                            + CONTRAST_DB + " dB); analysing the whole scan less the edge margin");
        }
        Mask cell = MaskMorphology.fillHoles(lab.maskOf(largest.label()));
        return fromMask(g, t, dropouts, cell, edgeMarginMm, brightSurround);
    }

    private static CellOutline fromMask(GridGeometry g, TransmissionDb t, ScanArtifacts.Dropouts dropouts, Mask cell,
                                        double edgeMarginMm, boolean brightSurround) {
        int w = g.width(), h = g.height();
        boolean[] m = cell.bits();
        double sx = 0, sy = 0, n = 0;
        for (int i = 0; i < m.length; i++) if (m[i]) { sx += i % w; sy += i / w; n++; }
        double cx = sx / n, cy = sy / n, mxx = 0, myy = 0, mxy = 0;
        for (int i = 0; i < m.length; i++) {
            if (!m[i]) continue;
            double dx = i % w - cx, dy = i / w - cy;
            mxx += dx * dx; myy += dy * dy; mxy += dx * dy;
        }
        double theta = 0.5 * Math.atan2(2 * mxy, mxx - myy); // long axis
        double c = Math.cos(theta), s = Math.sin(theta);
        // extents along u (long axis), from slabs whose cross-section is body-like
        int[] uRange = bodyRange(m, w, cx, cy, c, s, false, null);
        int[] vRange = bodyRange(m, w, cx, cy, c, s, true, uRange);
        double p = g.pitchMm();
        double uMid = (uRange[0] + uRange[1]) / 2.0, vMid = (vRange[0] + vRange[1]) / 2.0;
        double widthMm = (uRange[1] - uRange[0] + 1) * p, heightMm = (vRange[1] - vRange[0] + 1) * p;
        // rectangle centre back in pixel coordinates
        double pcx = cx + uMid * c - vMid * s, pcy = cy + uMid * s + vMid * c;
        double angleDeg = Math.toDegrees(theta);
        return build(g, t, dropouts, true, "", g.xMm(pcx), g.yMm(pcy), widthMm, heightMm, angleDeg, brightSurround, edgeMarginMm);
    }

    /** Inclusive slab range [lo, hi] (slab index relative to the centroid) of body-like cross-sections. */
    private static int[] bodyRange(boolean[] m, int w, double cx, double cy, double c, double s, boolean across, int[] within) {
        int h = m.length / w;
        int span = (int) Math.ceil(Math.hypot(w, h)) + 2;
        int[] count = new int[2 * span + 1];
        for (int i = 0; i < m.length; i++) {
            if (!m[i]) continue;
            double dx = i % w - cx, dy = i / w - cy;
            double u = dx * c + dy * s, v = -dx * s + dy * c;
            if (within != null) {
                long uu = Math.round(u);
                if (uu < within[0] || uu > within[1]) continue;
            }
            count[(int) Math.round(across ? v : u) + span]++;
        }
        int k = 0;
        int[] nonzero = new int[count.length];
        for (int q : count) if (q > 0) nonzero[k++] = q;
        java.util.Arrays.sort(nonzero, 0, k);
        double median = k == 0 ? 0 : nonzero[k / 2];
        int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
        for (int i = 0; i < count.length; i++) {
            if (count[i] >= BODY_SECTION_FRACTION * median && count[i] > 0) {
                lo = Math.min(lo, i - span);
                hi = Math.max(hi, i - span);
            }
        }
        return new int[] {lo, hi};
    }

    private static CellOutline fallback(GridGeometry g, TransmissionDb t, ScanArtifacts.Dropouts d, double margin, boolean bright, String note) {
        return build(g, t, d, false, note, g.xMm((g.width() - 1) / 2.0), g.yMm((g.height() - 1) / 2.0),
                g.widthMm(), g.heightMm(), 0, bright, margin);
    }

    /** Builds an outline for a given rectangle (used by localization and by stage registration). */
    public static CellOutline build(GridGeometry g, TransmissionDb t, ScanArtifacts.Dropouts d, boolean found, String note,
                                    double cxMm, double cyMm, double wMm, double hMm, double angleDeg, boolean bright, double marginMm) {
        Mask body = CellOutline.rectangle(g, cxMm, cyMm, wMm, hMm, angleDeg, 0);
        Mask analysed = CellOutline.rectangle(g, cxMm, cyMm, wMm, hMm, angleDeg, marginMm)
                .andNot(t.saturated()).andNot(d.mask());
        return new CellOutline(found, note, cxMm, cyMm, wMm, hMm, angleDeg, bright, marginMm, body, analysed);
    }

}
