package org.solidscope.ultrasound.report;

import org.solidscope.report.Html;
import org.solidscope.report.HeatMapRenderer;
import org.solidscope.report.ColourMap;
import org.solidscope.report.Overlay;
import org.solidscope.report.LinePlot;

import java.util.List;
import java.util.Map;
import org.solidscope.ultrasound.StageAnalysis;

/** The lot index page: one row per cell with stage verdicts, key metrics and a link to the cell page. */
public final class LotReport {
    private LotReport() {}

    public static String html(String lotId, List<CellReport.CellResults> cells) {
        StringBuilder b = new StringBuilder();
        Html.head(b, "SolidScope — lot " + lotId);
        b.append("<h1>Lot ").append(Html.esc(lotId)).append("</h1>");
        long pass = cells.stream().filter(c -> c.overall().name().equals("PASS")).count();
        b.append("<p>").append(cells.size()).append(" cells, ").append(pass).append(" pass all stages. ")
                .append("<a href=\"acoustics.html\">Acoustics of the cell stack</a>: why the stage maps look as they do.</p>");
        b.append("<table><tr><th>cell</th><th>verdict</th><th>scans (verdict, transmitting fraction, defects)</th>")
                .append("<th>solidification degree</th><th>formation recovery</th></tr>");
        for (CellReport.CellResults c : cells) {
            b.append("<tr><td><a href=\"").append(Html.esc(fileName(c.cellId()))).append("\">").append(Html.esc(c.cellId())).append("</a></td><td>")
                    .append(Html.badge(c.overall())).append("</td><td style=\"text-align:left\">");
            for (Map.Entry<String, StageAnalysis> e : c.scans().entrySet()) {
                StageAnalysis a = e.getValue();
                long n = a.defects().stream().filter(d -> d.countsAgainstCell()).count();
                b.append(Html.esc(e.getKey())).append(' ').append(Html.badge(a.verdict().status())).append(' ')
                        .append(CellReport.fmt(a.metrics().transmittingFraction())).append(", ").append(n).append(" defects<br>");
            }
            b.append("</td><td>").append(c.comparison() == null ? "–" : CellReport.fmt(c.comparison().degree().mean()))
                    .append("</td><td>").append(c.comparison() == null || c.comparison().recovery() == null ? "–" : CellReport.fmt(c.comparison().recovery().mean()))
                    .append("</td></tr>");
        }
        b.append("</table>");
        b.append(MetricDefinitions.HTML);
        Html.tail(b);
        return b.toString();
    }

    public static String fileName(String cellId) {
        return cellId.replaceAll("[^A-Za-z0-9._-]", "_") + ".html";
    }
}
