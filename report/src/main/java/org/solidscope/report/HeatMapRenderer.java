package org.solidscope.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Locale;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.ScalarMap;

/**
 * Renders a map as a PNG heat map with a title, x and y axes in mm, a colour bar with the value unit,
 * and optional overlays. Missing values are grey. The colour scale is given, so that maps of several
 * stages can share it.
 */
public final class HeatMapRenderer {
    private static final int LEFT = 56, TOP = 30, RIGHT = 90, BOTTOM = 44;
    private static final Color OUTLINE = new Color(255, 64, 160);

    private HeatMapRenderer() {}

    /** Renders and encodes as PNG. {@code targetWidthPx} sets the size of the map area (integer or fractional zoom). */
    public static byte[] png(ScalarMap map, double lo, double hi, ColourMap cmap, String title, String unitLabel,
                             Overlay overlay, int targetWidthPx) {
        BufferedImage img = render(map, lo, hi, cmap, title, unitLabel, overlay, targetWidthPx);
        return Png.encode(img);
    }

    public static BufferedImage render(ScalarMap map, double lo, double hi, ColourMap cmap, String title, String unitLabel,
                                       Overlay overlay, int targetWidthPx) {
        GridGeometry g = map.geometry();
        int w = g.width(), h = g.height();
        double zoom = Math.max(0.25, (double) targetWidthPx / w);
        int mw = (int) Math.round(w * zoom), mh = (int) Math.round(h * zoom);
        BufferedImage img = new BufferedImage(LEFT + mw + RIGHT, TOP + mh + BOTTOM, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = img.createGraphics();
        gr.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        gr.setColor(Color.WHITE);
        gr.fillRect(0, 0, img.getWidth(), img.getHeight());
        // the map itself, nearest-neighbour so pixels stay pixels
        BufferedImage raw = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        float[] v = map.values();
        double span = hi > lo ? hi - lo : 1;
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) raw.setRGB(x, y, cmap.rgb((v[y * w + x] - lo) / span));
        if (overlay.labels() != null) {
            int[] l = overlay.labels();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int k = l[y * w + x];
                    if (k == 0) continue;
                    boolean edge = x == 0 || y == 0 || x == w - 1 || y == h - 1
                            || l[y * w + x - 1] != k || l[y * w + x + 1] != k || l[(y - 1) * w + x] != k || l[(y + 1) * w + x] != k;
                    if (edge) raw.setRGB(x, y, OUTLINE.getRGB());
                }
            }
        }
        gr.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        gr.drawImage(raw, LEFT, TOP, mw, mh, null);
        gr.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double pxPerMm = zoom / g.pitchMm();
        // cell outline
        if (overlay.polygonMm() != null) {
            Path2D.Double path = new Path2D.Double();
            double[][] p = overlay.polygonMm();
            for (int i = 0; i < p.length; i++) {
                double sx = LEFT + (g.column(p[i][0]) + 0.5) * zoom, sy = TOP + (g.row(p[i][1]) + 0.5) * zoom;
                if (i == 0) path.moveTo(sx, sy); else path.lineTo(sx, sy);
            }
            path.closePath();
            gr.setColor(Color.WHITE);
            gr.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            gr.draw(path);
        }
        // circles around defects known by position and size
        gr.setColor(OUTLINE);
        gr.setStroke(new BasicStroke(2f));
        for (double[] c : overlay.circlesMm()) {
            double r = Math.max(2, (c[2] + 2 * g.pitchMm()) * pxPerMm);
            double cx = LEFT + (g.column(c[0]) + 0.5) * zoom, cy = TOP + (g.row(c[1]) + 0.5) * zoom;
            gr.draw(new java.awt.geom.Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
        }
        // dropout rows
        gr.setColor(new Color(255, 255, 255, 200));
        gr.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {2, 3}, 0));
        for (int r : overlay.rows()) {
            int sy = (int) Math.round(TOP + (r + 0.5) * zoom);
            gr.drawLine(LEFT, sy, LEFT + mw, sy);
        }
        // labels
        gr.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
        for (Overlay.Label lab : overlay.texts()) {
            int sx = (int) Math.round(LEFT + (g.column(lab.xMm()) + 0.5) * zoom) + 6;
            int tw = gr.getFontMetrics().stringWidth(lab.text());
            if (sx + tw > LEFT + mw) sx = Math.max(LEFT, sx - 12 - tw); // keep the label inside the map
            int sy = (int) Math.round(TOP + (g.row(lab.yMm()) + 0.5) * zoom) - 6;
            gr.setColor(Color.BLACK);
            gr.drawString(lab.text(), sx + 1, sy + 1);
            gr.setColor(Color.WHITE);
            gr.drawString(lab.text(), sx, sy);
        }
        // frame and axes in mm
        gr.setStroke(new BasicStroke(1f));
        gr.setColor(Color.DARK_GRAY);
        gr.drawRect(LEFT, TOP, mw, mh);
        gr.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = gr.getFontMetrics();
        double stepMm = niceStep(g.widthMm() / 6);
        for (double xm = Math.ceil(g.originXMm() / stepMm) * stepMm; xm <= g.xMm(w - 1) + 1e-9; xm += stepMm) {
            int sx = (int) Math.round(LEFT + (g.column(xm) + 0.5) * zoom);
            gr.drawLine(sx, TOP + mh, sx, TOP + mh + 4);
            String s = fmt(xm);
            gr.drawString(s, sx - fm.stringWidth(s) / 2, TOP + mh + 16);
        }
        for (double ym = Math.ceil(g.originYMm() / stepMm) * stepMm; ym <= g.yMm(h - 1) + 1e-9; ym += stepMm) {
            int sy = (int) Math.round(TOP + (g.row(ym) + 0.5) * zoom);
            gr.drawLine(LEFT - 4, sy, LEFT, sy);
            String s = fmt(ym);
            gr.drawString(s, LEFT - 6 - fm.stringWidth(s), sy + 4);
        }
        gr.drawString("x (mm)", LEFT + mw / 2 - 15, TOP + mh + 34);
        gr.rotate(-Math.PI / 2);
        gr.drawString("y (mm)", -(TOP + mh / 2 + 15), 14);
        gr.rotate(Math.PI / 2);
        // title
        gr.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        gr.setColor(Color.BLACK);
        gr.drawString(title, LEFT, TOP - 10);
        // colour bar
        int bx = LEFT + mw + 18, bw = 14, by = TOP, bh = mh;
        for (int i = 0; i < bh; i++) {
            gr.setColor(new Color(cmap.rgb(1 - (double) i / (bh - 1))));
            gr.drawLine(bx, by + i, bx + bw, by + i);
        }
        gr.setColor(Color.DARK_GRAY);
        gr.drawRect(bx, by, bw, bh);
        gr.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int k = 0; k <= 4; k++) {
            double val = hi - k * (hi - lo) / 4;
            int sy = by + (int) Math.round(k * (bh - 1) / 4.0);
            gr.drawLine(bx + bw, sy, bx + bw + 3, sy);
            gr.drawString(fmt(val), bx + bw + 5, sy + 4);
        }
        gr.rotate(Math.PI / 2);
        gr.drawString(unitLabel, by + bh / 2 - fm.stringWidth(unitLabel) / 2, -(bx + bw + 48));
        gr.rotate(-Math.PI / 2);
        gr.dispose();
        return img;
    }

    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) if (m * p >= raw) return m * p;
        return 10 * p;
    }

    static String fmt(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-9) return String.format(Locale.ROOT, "%.0f", v);
        if (Math.abs(v) < 0.01) return String.format(Locale.ROOT, "%.1g", v);
        return String.format(Locale.ROOT, Math.abs(v) < 1 ? "%.2f" : "%.1f", v);
    }
}
