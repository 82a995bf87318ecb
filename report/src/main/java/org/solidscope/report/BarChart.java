package org.solidscope.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Horizontal bars (PNG), each spanning [from, to] on one value axis, with a dashed baseline: a mass
 * breakdown (bars from 0) or a tornado chart (bars from the low to the high outcome around the base case).
 */
public final class BarChart {
    private BarChart() {}

    public record Bar(String label, double from, double to) {}

    private static final int W = 760, RIGHT = 30, TOP = 34, ROW = 26, BOTTOM = 44;

    public static byte[] png(String title, String valueLabel, List<Bar> bars, double baseline) {
        int h = TOP + ROW * bars.size() + BOTTOM;
        BufferedImage img = new BufferedImage(W, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int widest = 0;
        for (Bar b : bars) widest = Math.max(widest, g.getFontMetrics().stringWidth(b.label()));
        final int left = Math.min(W / 2, widest + 16);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, h);
        double lo = baseline, hi = baseline;
        for (Bar b : bars) {
            lo = Math.min(lo, Math.min(b.from(), b.to()));
            hi = Math.max(hi, Math.max(b.from(), b.to()));
        }
        if (!(hi > lo)) hi = lo + 1;
        double pad = (hi - lo) * 0.05;
        lo -= lo == 0 ? 0 : pad;
        hi += pad;
        int pw = W - left - RIGHT, ph = ROW * bars.size();
        final double flo = lo, fhi = hi;
        java.util.function.DoubleUnaryOperator sx = v -> left + (v - flo) / (fhi - flo) * pw;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        double step = HeatMapRenderer.niceStep((hi - lo) / 8);
        for (double v = Math.ceil(lo / step) * step; v <= hi + 1e-12; v += step) {
            int px = (int) sx.applyAsDouble(v);
            g.setColor(new Color(0xe5e5e5));
            g.drawLine(px, TOP, px, TOP + ph);
            g.setColor(Color.DARK_GRAY);
            String s = HeatMapRenderer.fmt(v);
            g.drawString(s, px - fm.stringWidth(s) / 2, TOP + ph + 16);
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int x0 = (int) sx.applyAsDouble(Math.min(b.from(), b.to())), x1 = (int) sx.applyAsDouble(Math.max(b.from(), b.to()));
            int y = TOP + ROW * i + 4;
            g.setColor(b.to() >= b.from() ? new Color(0x1f77b4) : new Color(0xd62728));
            g.fillRect(x0, y, Math.max(1, x1 - x0), ROW - 8);
            g.setColor(Color.BLACK);
            g.drawString(b.label(), left - 8 - fm.stringWidth(b.label()), y + ROW / 2);
        }
        g.setColor(new Color(0x555555));
        int bx = (int) sx.applyAsDouble(baseline);
        for (int y = TOP; y < TOP + ph; y += 8) g.drawLine(bx, y, bx, y + 4);
        g.setColor(Color.DARK_GRAY);
        g.drawRect(left, TOP, pw, ph);
        g.drawString(valueLabel, left + pw / 2 - fm.stringWidth(valueLabel) / 2, h - 12);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString(title, 10, TOP - 12);
        g.dispose();
        return Png.encode(img);
    }
}
