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
import java.util.Map;
import org.solidscope.core.Mask;
import org.solidscope.core.RobustStats;
import org.solidscope.ultrasound.Defect;
import org.solidscope.ultrasound.StageAnalysis;
import org.solidscope.ultrasound.StageComparison;
import org.solidscope.ultrasound.TransmissionDb;
import org.solidscope.core.record.Verdict;

/**
 * A self-contained HTML page for one cell: per stage scan the gain-corrected map (shared colour
 * scale, mm axes, cell outline, defect outlines and labels), metrics, defects and verdict; the
 * solidification-degree and recovery maps; the definitions of every metric; provenance.
 */
public final class CellReport {
    private CellReport() {}

    /** The scans of one cell, keyed by a label such as "infiltration" or "solidification @ 40 dB". */
    public record CellResults(String cellId, Map<String, StageAnalysis> scans, StageComparison.Result comparison) {
        public Verdict.Status overall() {
            Verdict.Status s = Verdict.Status.PASS;
            for (StageAnalysis a : scans.values()) if (a.verdict().status().compareTo(s) > 0) s = a.verdict().status();
            if (comparison != null && comparison.verdict().status().compareTo(s) > 0) s = comparison.verdict().status();
            return s;
        }
    }

    public static String html(CellResults cell) {
        StringBuilder b = new StringBuilder(1 << 20);
        Html.head(b, "SolidScope — " + cell.cellId());
        b.append("<p><a href=\"index.html\">← lot</a></p>");
        b.append("<h1>Cell ").append(Html.esc(cell.cellId())).append(' ').append(Html.badge(cell.overall())).append("</h1>\n");
        double[] range = sharedRange(cell.scans().values());
        b.append("<p class=\"muted\">Levels in ").append(TransmissionDb.REFERENCE)
                .append("; all stage maps share one colour scale. Dashed white: cell outline found; pink: defect outlines; dotted: scan-line dropouts; ")
                .append("light grey: no data (saturated points, such as the coupling-fluid surround, or points outside the compared cell).</p>\n");
        for (Map.Entry<String, StageAnalysis> e : cell.scans().entrySet()) stageSection(b, e.getKey(), e.getValue(), range);
        if (cell.comparison() != null) comparisonSection(b, cell.comparison());
        b.append(MetricDefinitions.HTML);
        b.append("<h2>Provenance</h2><pre>");
        for (Map.Entry<String, StageAnalysis> e : cell.scans().entrySet()) {
            var p = e.getValue().provenance();
            b.append(Html.esc(e.getKey())).append(": ").append(Html.esc(p.software() + " " + p.version() + ", " + p.pipeline()
                    + ", parameters " + p.parameters() + ", inputs " + p.inputSha256())).append('\n');
        }
        b.append("</pre>");
        Html.tail(b);
        return b.toString();
    }

    static double[] sharedRange(Iterable<StageAnalysis> scans) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (StageAnalysis a : scans) {
            Mask m = a.cell().body();
            lo = Math.min(lo, RobustStats.percentile(a.levels().db().values(), m, 1));
            hi = Math.max(hi, RobustStats.percentile(a.levels().db().values(), m, 99.5));
        }
        if (!(lo < hi)) { lo = -80; hi = -10; }
        return new double[] {Math.floor(lo), Math.ceil(hi)};
    }

    private static void stageSection(StringBuilder b, String label, StageAnalysis a, double[] range) {
        b.append("<section><h2>").append(Html.esc(label)).append(' ').append(Html.badge(a.verdict().status())).append("</h2>\n");
        List<Overlay.Label> texts = new ArrayList<>();
        int k = 1;
        for (Defect d : a.defects()) {
            if (!d.countsAgainstCell()) continue;
            texts.add(new Overlay.Label(d.xMm(), d.yMm(), k++ + " " + d.kind().id()));
        }
        Overlay ov = new Overlay(a.defectLabels(), texts, a.cell().cornersMm(), a.dropouts().rows());
        byte[] png = HeatMapRenderer.png(a.levels().db(), range[0], range[1], ColourMap.VIRIDIS,
                label + " — gain " + fmt(a.levels().gainDb()) + " dB removed", "level (dB)", ov, 760);
        b.append("<img alt=\"").append(Html.esc(label)).append(" map\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
        b.append("<div class=\"row\"><div>");
        b.append("<h3>Cell</h3><table>");
        Html.row(b, "found", a.cell().found() ? "yes" : "no — " + a.cell().note());
        Html.row(b, "width × height", fmt(a.cell().widthMm()) + " × " + fmt(a.cell().heightMm()) + " mm");
        Html.row(b, "centre", "(" + fmt(a.cell().centreXMm()) + ", " + fmt(a.cell().centreYMm()) + ") mm");
        Html.row(b, "rotation", fmt(a.cell().angleDeg()) + "°");
        Html.row(b, "surround", a.cell().brightSurround() ? "bright (coupling fluid)" : "dark");
        Html.row(b, "body level", fmt(a.bodyLevelDb()) + " dB");
        b.append("</table><h3>Metrics</h3><table>");
        for (Map.Entry<String, Double> m : a.metrics().byName().entrySet()) Html.row(b, m.getKey(), fmt(m.getValue()));
        b.append("</table></div><div><h3>Verdict</h3>");
        verdict(b, a.verdict());
        b.append("<h3>Defects</h3>");
        defects(b, a.defects());
        if (!a.notes().isEmpty()) {
            b.append("<h3>Notes</h3><ul>");
            for (String n : a.notes()) b.append("<li>").append(Html.esc(n)).append("</li>");
            b.append("</ul>");
        }
        b.append("</div></div></section>\n");
    }

    private static void comparisonSection(StringBuilder b, StageComparison.Result c) {
        b.append("<section><h2>Stage comparison ").append(Html.badge(c.verdict().status())).append("</h2>\n");
        b.append("<p class=\"muted\">Maps on the grid of the infiltrated scan, after registering each stage onto it.</p>");
        b.append("<table><tr><th></th><th>dx (mm)</th><th>dy (mm)</th><th>rotation (°)</th></tr>");
        b.append("<tr><td>solidified → infiltrated</td><td>").append(fmt(c.solidifiedRegistration().dxMm())).append("</td><td>")
                .append(fmt(c.solidifiedRegistration().dyMm())).append("</td><td>").append(fmt(c.solidifiedRegistration().rotationDeg())).append("</td></tr>");
        if (c.formedRegistration() != null) {
            b.append("<tr><td>formed → infiltrated</td><td>").append(fmt(c.formedRegistration().dxMm())).append("</td><td>")
                    .append(fmt(c.formedRegistration().dyMm())).append("</td><td>").append(fmt(c.formedRegistration().rotationDeg())).append("</td></tr>");
        }
        b.append("</table>");
        byte[] deg = HeatMapRenderer.png(c.degreeMap(), 0, 1, ColourMap.CIVIDIS, "solidification degree 1 − A_s/A_i", "degree", Overlay.none(), 760);
        b.append("<img alt=\"degree map\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(deg)).append("\">");
        statsTable(b, "solidification degree", c.degree());
        if (c.recoveryMap() != null) {
            byte[] rec = HeatMapRenderer.png(c.recoveryMap(), 0, 1.2, ColourMap.CIVIDIS, "formation recovery A_f/A_i", "recovery", Overlay.none(), 760);
            b.append("<img alt=\"recovery map\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(rec)).append("\">");
            statsTable(b, "formation recovery", c.recovery());
        }
        b.append("<h3>New at solidification</h3>");
        defects(b, c.newAtSolidification());
        b.append("<h3>New at formation</h3>");
        defects(b, c.newAtFormation());
        b.append("<h3>Verdict</h3>");
        verdict(b, c.verdict());
        b.append("</section>\n");
    }

    private static void statsTable(StringBuilder b, String name, StageComparison.MapStats s) {
        b.append("<table><tr><th>").append(name).append("</th><th>points</th><th>mean</th><th>std</th><th>cv</th><th>p10</th><th>p90</th></tr><tr><td></td><td>")
                .append(s.points()).append("</td><td>").append(fmt(s.mean())).append("</td><td>").append(fmt(s.std())).append("</td><td>")
                .append(fmt(s.cv())).append("</td><td>").append(fmt(s.p10())).append("</td><td>").append(fmt(s.p90())).append("</td></tr></table>");
    }

    static void verdict(StringBuilder b, Verdict v) {
        if (v.reasons().isEmpty()) {
            b.append("<p>").append(Html.badge(v.status())).append(" all limits met</p>");
            return;
        }
        b.append("<ul>");
        for (Verdict.Reason r : v.reasons()) b.append("<li>").append(Html.badge(r.severity())).append(' ').append(Html.esc(r.text())).append("</li>");
        b.append("</ul>");
    }

    static void defects(StringBuilder b, List<Defect> ds) {
        if (ds.isEmpty()) {
            b.append("<p class=\"muted\">none</p>");
            return;
        }
        b.append("<table><tr><th>#</th><th>kind</th><th>x (mm)</th><th>y (mm)</th><th>area (mm²)</th><th>diameter (mm)</th><th>circularity</th><th>contrast (dB)</th></tr>");
        int k = 1;
        for (Defect d : ds) {
            b.append("<tr><td>").append(d.countsAgainstCell() ? String.valueOf(k++) : "–").append("</td><td>").append(d.kind().id()).append("</td><td>")
                    .append(fmt(d.xMm())).append("</td><td>").append(fmt(d.yMm())).append("</td><td>").append(fmt(d.areaMm2())).append("</td><td>")
                    .append(fmt(d.diameterMm())).append("</td><td>").append(fmt(d.circularity())).append("</td><td>").append(fmt(d.contrastDb())).append("</td></tr>");
        }
        b.append("</table>");
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "–";
        if (v == Math.rint(v) && Math.abs(v) < 1e6) return String.format(Locale.ROOT, "%.0f", v);
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.3g", v);
    }

}
