package org.solidscope.ultrasound.report;

import org.solidscope.report.Html;
import org.solidscope.report.HeatMapRenderer;
import org.solidscope.report.ColourMap;
import org.solidscope.report.Overlay;
import org.solidscope.report.LinePlot;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.solidscope.ultrasound.acoustics.CellState;
import org.solidscope.ultrasound.acoustics.GapTable;
import org.solidscope.ultrasound.acoustics.InspectionPlanner;
import org.solidscope.ultrasound.acoustics.LayerStack;
import org.solidscope.ultrasound.acoustics.TransferMatrix;

/**
 * A page on the acoustics of the cell stack: why the stage maps look as they do. Stage levels against
 * the noise floor at 15, 30 and 40 dB, |t| against gap thickness with the noise line of each gain,
 * |t| against frequency, the invertible gap range per gain, and gap-map figures.
 */
public final class AcousticsReport {
    private AcousticsReport() {}

    public record Figure(String title, byte[] png) {}

    public static String html(LayerStack stack, double fMHz, double fluidPercentFsh, double noisePercentFsh, double formedGapUm, List<Figure> figures) {
        StringBuilder b = new StringBuilder();
        Html.head(b, "SolidScope — acoustics of the cell stack");
        b.append("<p><a href=\"index.html\">← lot</a></p><h1>Acoustics of the cell stack</h1>");
        b.append("<p>").append(Html.esc(stack.name())).append(": ").append(stack.layers().size()).append(" layers, ")
                .append(CellReport.fmt(stack.totalThicknessUm())).append(" µm, in ").append(Html.esc(stack.incident().name()))
                .append(", normal incidence, ").append(CellReport.fmt(fMHz)).append(" MHz. Displayed signal = fluid path (")
                .append(CellReport.fmt(fluidPercentFsh)).append(" % FSH at 0 dB gain) × 10^(G/20) × |t|; noise floor ")
                .append(CellReport.fmt(noisePercentFsh)).append(" % FSH.</p>");
        double[] gains = {15, 30, 40};
        CellState[] states = {CellState.infiltrated(), CellState.solidified(1.0), CellState.formed(formedGapUm)};
        b.append("<h2>Stage levels</h2><table><tr><th>state</th><th>|t|</th>");
        for (double g : gains) b.append("<th>").append(CellReport.fmt(g)).append(" dB: % FSH</th>");
        b.append("</tr>");
        for (CellState s : states) {
            double t = TransferMatrix.evaluate(stack, s, fMHz).amplitudeT();
            b.append("<tr><td>").append(s.label()).append(s.gapUm() > 0 ? " (gap " + CellReport.fmt(s.gapUm()) + " µm)" : "").append("</td><td>")
                    .append(CellReport.fmt(t)).append("</td>");
            for (double g : gains) {
                double shown = fluidPercentFsh * Math.pow(10, g / 20) * t;
                String what = shown >= 100 ? "saturated" : shown < noisePercentFsh ? "blank" : shown < 4 * noisePercentFsh ? "faint" : "visible";
                b.append("<td>").append(String.format(Locale.ROOT, "%.3g", shown)).append(" (").append(what).append(")</td>");
            }
            b.append("</tr>");
        }
        b.append("</table><p class=\"muted\">blank: under the noise floor; faint: within 12 dB of it; the seed sees the solidified cells blank at 15 dB and ")
                .append("partly returning at 30–40 dB, and strong transmission after infiltration and after formation.</p>");
        GapTable table = new GapTable(TransferMatrix.compile(stack, CellState.solidified(0), fMHz), 20);
        int n = 200;
        double[] d = new double[n], db = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = 1e-3 * Math.pow(1e4, (double) i / (n - 1));
            db[i] = 20 * Math.log10(Math.max(1e-12, table.amplitude(d[i])));
        }
        double[] noiseLines = new double[gains.length];
        for (int k = 0; k < gains.length; k++) noiseLines[k] = 20 * Math.log10(noisePercentFsh / (fluidPercentFsh * Math.pow(10, gains[k] / 20)));
        b.append("<h2>Transmission against gap thickness</h2>");
        img(b, LinePlot.png("solidified stack with a gas gap, " + CellReport.fmt(fMHz) + " MHz (dashed: noise floor at 15, 30, 40 dB gain)",
                "gas gap (µm)", "|t| (dB re coupling path)", true, List.of(new LinePlot.Series("|t(d)|", d, db)), noiseLines));
        double[] f = new double[n];
        List<LinePlot.Series> fs = new ArrayList<>();
        for (CellState s : states) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                f[i] = 0.2 + 4.8 * i / (n - 1);
                y[i] = TransferMatrix.evaluate(stack, s, f[i]).transmissionDb();
            }
            fs.add(new LinePlot.Series(s.label() + (s.gapUm() > 0 ? " (" + CellReport.fmt(s.gapUm()) + " µm)" : ""), f.clone(), y));
        }
        b.append("<h2>Transmission against frequency</h2>");
        img(b, LinePlot.png("stage states", "frequency (MHz)", "|t| (dB re coupling path)", false, fs, null));
        b.append("<h2>What each gain can measure</h2><table><tr><th>gain (dB)</th><th>detectable from (µm)</th><th>measurable up to (µm)</th></tr>");
        for (double g : gains) {
            InspectionPlanner.Plan p = InspectionPlanner.plan(table, fMHz, new InspectionPlanner.Settings(g, noisePercentFsh, fluidPercentFsh, 12, 2));
            b.append("<tr><td>").append(CellReport.fmt(g)).append("</td><td>").append(CellReport.fmt(p.detectableGapUm())).append("</td><td>")
                    .append(CellReport.fmt(p.measurableGapUm())).append("</td></tr>");
        }
        b.append("</table><p class=\"muted\">detectable: |t| 2 dB under the gap-free stack, not saturated; measurable: 12 dB over the noise floor.</p>");
        for (Figure fig : figures) {
            b.append("<h2>").append(Html.esc(fig.title())).append("</h2>");
            img(b, fig.png());
        }
        Html.tail(b);
        return b.toString();
    }

    private static void img(StringBuilder b, byte[] png) {
        b.append("<img alt=\"plot\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png)).append("\">");
    }
}
