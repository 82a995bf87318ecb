package org.solidscope.xcs;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.ScalarMap;
import org.solidscope.io.xcs.SpectrumCube;
import org.solidscope.report.ArrayImages;
import org.solidscope.report.ColourMap;
import org.solidscope.report.HeatMapRenderer;
import org.solidscope.report.Html;
import org.solidscope.report.LinePlot;
import org.solidscope.report.Overlay;

/**
 * One self-contained HTML page of an XCS acquisition: the sum spectrum with its lines named, the Compton region of the
 * angle-aligned sum with the background and the E_L / E_H windows, J(pz), the EMF map with its colour bar and mm axes,
 * its 1σ map, and a table of regions or components with EMF ± σ.
 */
public final class XcsReport {
    private XcsReport() {}

    /** A row of the table: a region or component, how many pixels (or its volume), its counts and EMF. */
    public record Row(String name, String size, ComptonAnalysis.Emf emf) {}

    public static String html(String title, List<String> facts, SpectrumCube cube, EmfMap map, PinholeGeometry geometry, ComptonAnalysis analysis, List<Row> rows) {
        StringBuilder b = new StringBuilder();
        Html.head(b, "XCS: " + title);
        b.append("<h1>X-ray Compton scattering: ").append(Html.esc(title)).append("</h1><p class=\"muted\">");
        for (String f : facts) b.append(Html.esc(f)).append("<br>");
        b.append("</p>");
        double nominal = Math.toRadians(geometry.nominalDeg());
        double inc = analysis.settings().incidentKev();
        double[] plain = cube.sum(null);
        double[] x = new double[cube.bins()];
        for (int k = 0; k < x.length; k++) x[k] = cube.centreKev(k);
        List<SpectrumLines.Peak> peaks = SpectrumLines.identify(plain, cube.startKev(), cube.binKev(), inc, nominal, 50);
        List<Double> named = new ArrayList<>();
        StringBuilder lines = new StringBuilder("<table><tr><th>peak keV</th><th>line</th><th>line keV</th></tr>");
        for (SpectrumLines.Peak p : peaks) {
            if (p.name() == null) continue;
            named.add(p.kev());
            lines.append(String.format(Locale.ROOT, "<tr><td>%.1f</td><td>%s</td><td>%.2f</td></tr>", p.kev(), Html.esc(p.name()), p.lineKev()));
        }
        lines.append("</table>");
        b.append("<h2>Sum spectrum</h2><div class=\"row\">")
                .append(img("sum spectrum", LinePlot.pngFamily("sum spectrum of every pixel (lines marked)", "energy (keV)", "log₁₀ counts per bin",
                        List.of(new LinePlot.Series("sum", x, log(plain))), named.stream().mapToDouble(Double::doubleValue).toArray())))
                .append(lines).append("</div>");
        double[] aligned = AlignedSum.of(cube, null, geometry.thetaMap(cube.rows(), cube.cols()), nominal, inc);
        ComptonAnalysis.Emf whole = analysis.emf(aligned, null, cube.startKev(), cube.binKev(), nominal);
        double lo = ComptonKinematics.energyForPzKev(inc, -12, nominal), hi = ComptonKinematics.energyForPzKev(inc, 12, nominal);
        int a = Math.max(0, cube.binOf(lo)), z = cube.binOf(hi) < 0 ? cube.bins() - 1 : cube.binOf(hi);
        double[] cx = java.util.Arrays.copyOfRange(x, a, z + 1), cy = java.util.Arrays.copyOfRange(aligned, a, z + 1), bg = new double[cx.length];
        java.util.Arrays.fill(bg, whole.backgroundPerBin());
        double[] windows = {ComptonKinematics.energyForPzKev(inc, -5, nominal), ComptonKinematics.energyForPzKev(inc, -1, nominal),
                ComptonKinematics.energyForPzKev(inc, 1, nominal), ComptonKinematics.energyForPzKev(inc, 5, nominal)};
        ComptonAnalysis.Profile prof = analysis.profile(aligned, null, cube.startKev(), cube.binKev(), nominal);
        b.append("<h2>Compton peak and profile</h2><p class=\"muted\">").append(String.format(Locale.ROOT,
                "Every pixel moved to %.0f° (aligned sum); background %.1f counts per bin from the sideband %.0f–%.0f a.u.; marks at pz = −5, −1, 1, 5 a.u. "
                        + "Whole field: EMF = %.4f ± %.4f.", geometry.nominalDeg(), whole.backgroundPerBin(), analysis.settings().sidebandFromAu(),
                analysis.settings().sidebandToAu(), whole.emf(), whole.sigma())).append("</p><div class=\"row\">")
                .append(img("Compton region", LinePlot.pngFamily("Compton region (aligned sum) and background", "energy (keV)", "counts per bin",
                        List.of(new LinePlot.Series("counts", cx, cy), new LinePlot.Series("background", cx, bg)), windows)))
                .append(img("J(pz)", LinePlot.pngFamily("Compton profile J(pz), unit area over |pz| < 5", "pz (a.u.)", "J (1/a.u.)",
                        List.of(new LinePlot.Series("J", prof.pzAu(), prof.j())), new double[] {-1, 1})))
                .append("</div>");
        GridGeometry g = new GridGeometry(map.cols(), map.rows(), map.samplePitchMm());
        double[] range = ArrayImages.percentiles(map.emf(), 0.02, 0.98), srange = ArrayImages.percentiles(map.sigma(), 0.02, 0.98);
        b.append("<h2>EMF map</h2><p class=\"muted\">").append(String.format(Locale.ROOT, "%d × %d pixels of %.3f mm at the sample; %d flagged (grey: too few counts, never guessed); computed in %.0f ms.",
                        map.rows(), map.cols(), map.samplePitchMm(), map.flagged(), map.elapsedMs())).append("</p><div class=\"row\">")
                .append(img("EMF map", HeatMapRenderer.png(new ScalarMap(g, "EMF", map.emf()), range[0], range[1], ColourMap.VIRIDIS, "EMF = E_L / E_H", "EMF", Overlay.none(), 480)))
                .append(img("EMF uncertainty", HeatMapRenderer.png(new ScalarMap(g, "σ", map.sigma()), srange[0], srange[1], ColourMap.CIVIDIS, "1σ of EMF (counting)", "σ", Overlay.none(), 480)))
                .append("</div>");
        if (rows != null && !rows.isEmpty()) {
            b.append("<h2>Regions and components</h2><table><tr><th>name</th><th>size</th><th>counts (|pz| &lt; 5)</th><th>EMF</th><th>1σ</th></tr>");
            for (Row r : rows)
                b.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%,.0f</td><td>%.4f</td><td>%.4f</td></tr>", Html.esc(r.name()), Html.esc(r.size()),
                        r.emf().counts(), r.emf().emf(), r.emf().sigma()));
            b.append("</table>");
        }
        Html.tail(b);
        return b.toString();
    }

    private static double[] log(double[] v) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) o[i] = Math.log10(Math.max(v[i], 0.5));
        return o;
    }

    static String img(String alt, byte[] png) {
        return "<img alt=\"" + Html.esc(alt) + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\">";
    }
}
