package org.solidscope.ultrasound;

import org.solidscope.core.GridGeometry;
import org.solidscope.core.Mask;

/**
 * Where the cell body lies in a scan: a rectangle of {@code widthMm × heightMm} centred at
 * ({@code centreXMm}, {@code centreYMm}) with its long side ("width") at {@code angleDeg} from +x
 * towards +y. Tabs and the surround lie outside it.
 *
 * @param found    false when the cell could not be told apart from the surround; the rectangle is then
 *                 the whole scan less the edge margin and {@code note} says why
 * @param body     pixels inside the rectangle
 * @param analysed pixels inside the rectangle shrunk by the edge margin, less saturated points and
 *                 scan-line dropouts: the pixels that metrics use
 */
public record CellOutline(boolean found, String note, double centreXMm, double centreYMm,
                          double widthMm, double heightMm, double angleDeg, boolean brightSurround,
                          double edgeMarginMm, Mask body, Mask analysed) {

    public double areaMm2() { return widthMm * heightMm; }

    /** Coordinates along the cell's length (u) and across it (v), in mm from its centre. */
    public double u(double xMm, double yMm) {
        double a = Math.toRadians(angleDeg);
        return (xMm - centreXMm) * Math.cos(a) + (yMm - centreYMm) * Math.sin(a);
    }

    public double v(double xMm, double yMm) {
        double a = Math.toRadians(angleDeg);
        return -(xMm - centreXMm) * Math.sin(a) + (yMm - centreYMm) * Math.cos(a);
    }

    /**
     * Normalised rectangular distance from the centre: max(|2u/W|, |2v/H|), 0 at the centre and 1 on the
     * outline. Used to define the centre and edge zones.
     */
    public double zone(double xMm, double yMm) {
        return Math.max(Math.abs(2 * u(xMm, yMm) / widthMm), Math.abs(2 * v(xMm, yMm) / heightMm));
    }

    /** Corners (x, y) in mm, counter-clockwise from (−W/2, −H/2) in cell coordinates. */
    public double[][] cornersMm() {
        double a = Math.toRadians(angleDeg), c = Math.cos(a), s = Math.sin(a);
        double[][] uv = {{-widthMm / 2, -heightMm / 2}, {widthMm / 2, -heightMm / 2}, {widthMm / 2, heightMm / 2}, {-widthMm / 2, heightMm / 2}};
        double[][] r = new double[4][2];
        for (int i = 0; i < 4; i++) {
            r[i][0] = centreXMm + uv[i][0] * c - uv[i][1] * s;
            r[i][1] = centreYMm + uv[i][0] * s + uv[i][1] * c;
        }
        return r;
    }

    /** Mask of pixels whose centres lie inside the rectangle shrunk by {@code insetMm} on every side. */
    public static Mask rectangle(GridGeometry g, double cxMm, double cyMm, double wMm, double hMm, double angleDeg, double insetMm) {
        double a = Math.toRadians(angleDeg), c = Math.cos(a), s = Math.sin(a);
        double hu = wMm / 2 - insetMm, hv = hMm / 2 - insetMm;
        boolean[] b = new boolean[g.size()];
        if (hu > 0 && hv > 0) {
            for (int y = 0; y < g.height(); y++) {
                double dy = g.yMm(y) - cyMm;
                for (int x = 0; x < g.width(); x++) {
                    double dx = g.xMm(x) - cxMm;
                    double u = dx * c + dy * s, v = -dx * s + dy * c;
                    b[y * g.width() + x] = Math.abs(u) <= hu && Math.abs(v) <= hv;
                }
            }
        }
        return new Mask(g.width(), g.height(), b);
    }
}
