package org.solidscope.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** A line plot (PNG) of one or more series, with a linear or logarithmic x axis, axis labels and a legend. */
public final class LinePlot {
    private LinePlot() {}

    public record Series(String name, double[] x, double[] y) {}

    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e)};
    private static final int W = 760, H = 420, L = 70, R = 20, T = 34, B = 50;

    public static byte[] png(String title, String xLabel, String yLabel, boolean logX, List<Series> series, double[] hLines) {
        return render(title, xLabel, yLabel, logX, series, hLines, null, false, false);
    }

    /** A scatter plot: each series' points as dots, unjoined (one cell each, say). */
    public static byte[] scatter(String title, String xLabel, String yLabel, List<Series> series) {
        return render(title, xLabel, yLabel, false, series, null, null, false, true);
    }

    /**
     * Many curves of one family (cycles of a run): coloured from blue (first) to red (last), the legend naming the first and
     * the last; dashed vertical lines at {@code vLines} (may be null), e.g. where a cell shorted.
     */
    public static byte[] pngFamily(String title, String xLabel, String yLabel, List<Series> series, double[] vLines) {
        return render(title, xLabel, yLabel, false, series, null, vLines, true, false);
    }

    /** A tick label with the decimals its step needs: ticks 0.0002 apart near 1 must not all read 1.00. */
    static String tick(double v, double step) {
        if (Math.abs(v) >= 1e5 || Math.abs(v) > 0 && Math.abs(v) < 1e-4 && step < 1e-4) return HeatMapRenderer.fmt(v);
        int decimals = Math.max(0, Math.min(8, (int) Math.ceil(-Math.log10(step) - 1e-9)));
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", Math.abs(v) < step * 1e-6 ? 0.0 : v);
    }

    private static Color familyColour(int k, int n) {
        float f = n <= 1 ? 0 : (float) k / (n - 1);
        return Color.getHSBColor((240f - 240f * f) / 360f, 0.75f, 0.8f);
    }

    private static byte[] render(String title, String xLabel, String yLabel, boolean logX, List<Series> series, double[] hLines, double[] vLines,
                                 boolean family, boolean dots) {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i]) || (logX && s.x()[i] <= 0)) continue;
                double x = logX ? Math.log10(s.x()[i]) : s.x()[i];
                x0 = Math.min(x0, x); x1 = Math.max(x1, x);
                y0 = Math.min(y0, s.y()[i]); y1 = Math.max(y1, s.y()[i]);
            }
        }
        if (hLines != null) for (double h : hLines) { y0 = Math.min(y0, h); y1 = Math.max(y1, h); }
        if (dots && x1 > x0) { double px = (x1 - x0) * 0.05; x0 -= px; x1 += px; } // no dot on the frame
        if (!(x1 > x0)) { x1 = x0 + 1; }
        if (!(y1 > y0)) { y1 = y0 + 1; }
        double pad = (y1 - y0) * 0.05;
        y0 -= pad; y1 += pad;
        int pw = W - L - R, ph = H - T - B;
        final double fx0 = x0, fx1 = x1, fy0 = y0, fy1 = y1;
        java.util.function.DoubleUnaryOperator sx = x -> L + (x - fx0) / (fx1 - fx0) * pw;
        java.util.function.DoubleUnaryOperator sy = y -> T + ph - (y - fy0) / (fy1 - fy0) * ph;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        // grid and ticks
        g.setColor(new Color(0xdddddd));
        double ys = HeatMapRenderer.niceStep((y1 - y0) / 6);
        for (double y = Math.ceil(y0 / ys) * ys; y <= y1; y += ys) {
            int py = (int) sy.applyAsDouble(y);
            g.setColor(new Color(0xe5e5e5));
            g.drawLine(L, py, L + pw, py);
            g.setColor(Color.DARK_GRAY);
            String s = tick(y, ys);
            g.drawString(s, L - 6 - fm.stringWidth(s), py + 4);
        }
        if (logX) {
            for (int e = (int) Math.floor(x0); e <= Math.ceil(x1); e++) {
                for (int m = 1; m < 10; m++) {
                    double lx = e + Math.log10(m);
                    if (lx < x0 || lx > x1) continue;
                    int px = (int) sx.applyAsDouble(lx);
                    g.setColor(new Color(m == 1 ? 0xd0d0d0 : 0xf0f0f0));
                    g.drawLine(px, T, px, T + ph);
                    if (m == 1) {
                        g.setColor(Color.DARK_GRAY);
                        String s = HeatMapRenderer.fmt(Math.pow(10, e));
                        g.drawString(s, px - fm.stringWidth(s) / 2, T + ph + 16);
                    }
                }
            }
        } else {
            double xs = HeatMapRenderer.niceStep((x1 - x0) / 8);
            for (double x = Math.ceil(x0 / xs) * xs; x <= x1 + 1e-12; x += xs) {
                int px = (int) sx.applyAsDouble(x);
                g.setColor(new Color(0xe5e5e5));
                g.drawLine(px, T, px, T + ph);
                g.setColor(Color.DARK_GRAY);
                String s = tick(x, xs);
                g.drawString(s, px - fm.stringWidth(s) / 2, T + ph + 16);
            }
        }
        if (hLines != null) {
            g.setColor(new Color(0x888888));
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 4}, 0));
            for (double h : hLines) g.drawLine(L, (int) sy.applyAsDouble(h), L + pw, (int) sy.applyAsDouble(h));
        }
        if (vLines != null) {
            g.setColor(new Color(0xd62728));
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 4}, 0));
            for (double v : vLines) if (v >= x0 && v <= x1) g.drawLine((int) sx.applyAsDouble(v), T, (int) sx.applyAsDouble(v), T + ph);
        }
        g.setStroke(new BasicStroke(family ? 1.3f : 1.8f));
        int legend = 0;
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            Path2D.Double path = new Path2D.Double();
            boolean started = false;
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i]) || (logX && s.x()[i] <= 0)) { started = false; continue; }
                double px = sx.applyAsDouble(logX ? Math.log10(s.x()[i]) : s.x()[i]), py = sy.applyAsDouble(s.y()[i]);
                if (!started) { path.moveTo(px, py); started = true; } else path.lineTo(px, py);
            }
            g.setColor(family ? familyColour(k, series.size()) : COLOURS[k % COLOURS.length]);
            if (dots) {
                for (int i = 0; i < s.x().length; i++) {
                    if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) continue;
                    g.fillOval((int) Math.round(sx.applyAsDouble(s.x()[i])) - 3, (int) Math.round(sy.applyAsDouble(s.y()[i])) - 3, 7, 7);
                }
            } else {
                g.draw(path);
            }
            if (family && k != 0 && k != series.size() - 1) continue;
            g.drawLine(L + pw - 170, T + 12 + 16 * legend, L + pw - 150, T + 12 + 16 * legend);
            g.setColor(Color.BLACK);
            g.drawString(s.name(), L + pw - 145, T + 16 + 16 * legend);
            legend++;
        }
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.DARK_GRAY);
        g.drawRect(L, T, pw, ph);
        g.drawString(xLabel, L + pw / 2 - fm.stringWidth(xLabel) / 2, H - 12);
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(T + ph / 2 + fm.stringWidth(yLabel) / 2), 16);
        g.rotate(Math.PI / 2);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString(title, L, T - 12);
        g.dispose();
        return Png.encode(img);
    }
}
