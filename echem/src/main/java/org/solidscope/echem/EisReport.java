package org.solidscope.echem;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.solidscope.report.Html;
import org.solidscope.report.LinePlot;

/**
 * Self-contained HTML reports (plots embedded): one spectrum with its fit — Nyquist, Bode, the fit's
 * residuals, lin-KK's residuals, the DRT, the parameter table with ± and the correlation matrix — and a
 * series — every parameter ± its error per spectrum and plotted along the series.
 */
public final class EisReport {
    private EisReport() {}

    public static String fit(ImpedanceSpectrum s, CircuitFit.Result fit, LinKK.Result kk, RelaxationTimes.Result drt) {
        Circuit c = fit.circuit();
        int n = s.size();
        double[] re = new double[n], im = new double[n];
        c.impedance(fit.values(), s.frequencyHz(), re, im);
        StringBuilder b = new StringBuilder();
        Html.head(b, "Impedance: " + s.source());
        b.append("<h1>Impedance spectrum ").append(Html.esc(s.source())).append("</h1>");
        b.append("<p class=\"muted\">").append(n).append(" points, ").append(fmt(s.minFrequencyHz())).append("–").append(fmt(s.maxFrequencyHz()))
                .append(" Hz; Z = Z′ + jZ″, Z″ &lt; 0 capacitive. ");
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(s.metadata()).entrySet()) b.append(Html.esc(e.getKey())).append(": ").append(Html.esc(e.getValue())).append("; ");
        b.append("</p><h2>Fit of ").append(Html.esc(c.toString())).append("</h2><table><tr><th>parameter</th><th>value</th><th>± 1σ</th><th>relative</th><th>unit</th></tr>");
        for (CircuitFit.Parameter p : fit.parameters()) {
            b.append("<tr><td>").append(Html.esc(p.name())).append("</td><td>").append(fmt(p.value())).append("</td><td>")
                    .append(p.fixed() ? "fixed" : fmt(p.stderr())).append("</td><td>").append(p.fixed() ? "" : String.format(Locale.ROOT, "%.2g %%", 100 * p.stderr() / p.value()))
                    .append("</td><td>").append(Html.esc(p.unit())).append("</td></tr>");
        }
        b.append("</table><p class=\"muted\">χ² ").append(fmt(fit.chi2())).append(", reduced χ² ").append(fmt(fit.reducedChi2())).append(", RMSE ")
                .append(fmt(fit.rmseOhm())).append(" Ω, AIC ").append(fmt(fit.aic())).append(", BIC ").append(fmt(fit.bic())).append("; ± from the covariance scaled by the reduced χ² (SciPy's curve_fit convention).</p>");
        b.append("<div class=\"row\">").append(img("Nyquist", nyquist(s, re, im, c))).append(img("Bode |Z|", LinePlot.png("Bode: |Z|", "f (Hz)", "|Z| (Ohm)", true,
                List.of(new LinePlot.Series("data", s.frequencyHz(), modulus(s.zRealOhm(), s.zImagOhm())), new LinePlot.Series("fit", s.frequencyHz(), modulus(re, im))), null)))
                .append(img("Bode phase", LinePlot.png("Bode: phase", "f (Hz)", "-phase (°)", true,
                        List.of(new LinePlot.Series("data", s.frequencyHz(), phase(s.zRealOhm(), s.zImagOhm())), new LinePlot.Series("fit", s.frequencyHz(), phase(re, im))), null)))
                .append("</div>");
        double[] rr = new double[n], ri = new double[n];
        for (int i = 0; i < n; i++) {
            double m = Math.hypot(s.zRealOhm()[i], s.zImagOhm()[i]);
            rr[i] = 100 * (s.zRealOhm()[i] - re[i]) / m;
            ri[i] = 100 * (s.zImagOhm()[i] - im[i]) / m;
        }
        b.append("<h2>Residuals</h2><div class=\"row\">").append(img("fit residuals", LinePlot.png("fit residuals (% of |Z|)", "f (Hz)", "%", true,
                List.of(new LinePlot.Series("Re", s.frequencyHz(), rr), new LinePlot.Series("Im", s.frequencyHz(), ri)), new double[] {0})));
        if (kk != null) {
            double[] kr = java.util.Arrays.stream(kk.residualRealRelative()).map(v -> 100 * v).toArray(), ki = java.util.Arrays.stream(kk.residualImagRelative()).map(v -> 100 * v).toArray();
            b.append(img("lin-KK residuals", LinePlot.png(String.format(Locale.ROOT, "lin-KK residuals (M = %d, µ = %.3f)", kk.m(), kk.mu()), "f (Hz)", "%", true,
                    List.of(new LinePlot.Series("Re", s.frequencyHz(), kr), new LinePlot.Series("Im", s.frequencyHz(), ki)), new double[] {0})));
        }
        b.append("</div>");
        if (kk != null) b.append("<p class=\"muted\">lin-KK: largest residual ").append(String.format(Locale.ROOT, "%.3g", 100 * kk.maxResidualRelative()))
                .append(" % of |Z| (a valid spectrum's is about three times its noise; structure means drift or non-linearity).</p>");
        if (drt != null) {
            b.append("<h2>Distribution of relaxation times</h2><div class=\"row\">").append(img("DRT", LinePlot.png("DRT (λ = " + fmt(drt.lambda()) + ")", "τ (s)",
                    "γ (Ohm)", true, List.of(new LinePlot.Series("γ", drt.tauS(), drt.gammaOhm())), null))).append("</div><table><tr><th>peak τ (s)</th><th>f (Hz)</th><th>R (Ω)</th></tr>");
            for (RelaxationTimes.Peak p : drt.peaks()) b.append("<tr><td>").append(fmt(p.tauS())).append("</td><td>").append(fmt(p.frequencyHz())).append("</td><td>").append(fmt(p.resistanceOhm())).append("</td></tr>");
            b.append("</table>");
        }
        b.append("<h2>Correlation of the parameters</h2><table><tr><th></th>");
        List<String> free = new ArrayList<>();
        for (CircuitFit.Parameter p : fit.parameters()) if (!p.fixed()) free.add(p.name());
        for (String f : free) b.append("<th>").append(Html.esc(f)).append("</th>");
        b.append("</tr>");
        double[][] cov = fit.covariance();
        for (int a = 0; a < free.size(); a++) {
            b.append("<tr><td>").append(Html.esc(free.get(a))).append("</td>");
            for (int d = 0; d < free.size(); d++) b.append("<td>").append(String.format(Locale.ROOT, "%.2f", cov[a][d] / Math.sqrt(cov[a][a] * cov[d][d]))).append("</td>");
            b.append("</tr>");
        }
        b.append("</table>");
        Html.tail(b);
        return b.toString();
    }

    /** A series: the table of every fit and one plot per parameter along the series (±2σ band). */
    public static String series(SeriesFit.Result r, List<String> labels) {
        Circuit c = r.circuit();
        StringBuilder b = new StringBuilder();
        Html.head(b, "Impedance series: " + c);
        b.append("<h1>Impedance series: ").append(Html.esc(c.toString())).append("</h1><p class=\"muted\">").append(r.entries().size())
                .append(" spectra fitted in ").append(fmt(r.elapsedMs())).append(" ms.</p><div class=\"row\">");
        for (String name : c.parameterNames()) b.append(img(name, parameterPlot(r, name)));
        b.append("</div><h2>Every fit</h2><table><tr><th>#</th><th>spectrum</th>");
        for (String name : c.parameterNames()) b.append("<th>").append(Html.esc(name)).append(" ± 1σ</th>");
        b.append("<th>reduced χ²</th></tr>");
        for (int i = 0; i < labels.size(); i++) {
            SeriesFit.Entry e = r.entries().get(i);
            b.append("<tr><td>").append(i).append("</td><td>").append(Html.esc(labels.get(i))).append("</td>");
            if (e.fit() == null) {
                b.append("<td colspan=\"").append(c.parameterCount() + 1).append("\">").append(Html.esc(e.failure())).append("</td></tr>");
                continue;
            }
            for (CircuitFit.Parameter p : e.fit().parameters()) b.append("<td>").append(fmt(p.value())).append(" ± ").append(fmt(p.stderr())).append("</td>");
            b.append("<td>").append(fmt(e.fit().reducedChi2())).append("</td></tr>");
        }
        b.append("</table>");
        Html.tail(b);
        return b.toString();
    }

    /** One parameter along a series with a ±2σ band (PNG). */
    public static byte[] parameterPlot(SeriesFit.Result r, String name) {
        Circuit c = r.circuit();
        double[] x = java.util.stream.IntStream.range(0, r.entries().size()).asDoubleStream().toArray();
        double[] v = r.values(name), u = r.stderrs(name), lo = new double[v.length], hi = new double[v.length];
        for (int i = 0; i < v.length; i++) { lo[i] = v[i] - 2 * u[i]; hi[i] = v[i] + 2 * u[i]; }
        return LinePlot.png(name + " along the series (" + v.length + " spectra; band ±2σ)", "spectrum (series order)",
                name + " (" + c.parameterUnits().get(c.parameterNames().indexOf(name)) + ")", false,
                List.of(new LinePlot.Series(name, x, v), new LinePlot.Series("−2σ", x, lo), new LinePlot.Series("+2σ", x, hi)), null);
    }

    /** Nyquist plot of a spectrum and its fit (PNG). */
    public static byte[] nyquist(ImpedanceSpectrum s, CircuitFit.Result fit) {
        double[] re = new double[s.size()], im = new double[s.size()];
        fit.circuit().impedance(fit.values(), s.frequencyHz(), re, im);
        return nyquist(s, re, im, fit.circuit());
    }

    static byte[] nyquist(ImpedanceSpectrum s, double[] re, double[] im, Circuit c) {
        double[] nd = java.util.Arrays.stream(s.zImagOhm()).map(v -> -v).toArray(), nf = java.util.Arrays.stream(im).map(v -> -v).toArray();
        return LinePlot.png("Nyquist with " + c, "Z' (Ohm)", "-Z'' (Ohm)", false,
                List.of(new LinePlot.Series("data", s.zRealOhm(), nd), new LinePlot.Series("fit", re, nf)), null);
    }

    private static String img(String alt, byte[] png) {
        return "<img alt=\"" + Html.esc(alt) + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\">";
    }

    private static double[] modulus(double[] re, double[] im) {
        double[] m = new double[re.length];
        for (int i = 0; i < m.length; i++) m[i] = Math.hypot(re[i], im[i]);
        return m;
    }

    private static double[] phase(double[] re, double[] im) {
        double[] p = new double[re.length];
        for (int i = 0; i < p.length; i++) p[i] = -Math.toDegrees(Math.atan2(im[i], re[i]));
        return p;
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4g", v);
    }
}
