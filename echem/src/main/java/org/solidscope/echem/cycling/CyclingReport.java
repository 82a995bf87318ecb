package org.solidscope.echem.cycling;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.solidscope.report.Html;
import org.solidscope.report.LinePlot;

/**
 * A self-contained HTML report of one cycler run (plots embedded). Galvanostatic cycling: capacity and coulombic
 * efficiency against cycle, voltage against capacity of every charge and discharge coloured from the first cycle (blue)
 * to the last (red), dQ/dV of the first and last cycle, the rate table and the per-cycle table. A CCD run: voltage
 * against time with the short marked and the half-step table. A voltammogram: current density against voltage with
 * the onset marked. Curves are drawn from the run thinned evenly ({@link ThinnedCurve}); every number is from all rows.
 */
public final class CyclingReport {
    private CyclingReport() {}

    /** What the report shows of a cycling run; {@code rates} may be null. */
    public record Cycling(String file, String vendor, CycleSummary.Result summary, ThinnedCurve curve, RateTable.Result rates, double activeMassMg) {}

    public static String cycling(Cycling c) {
        StringBuilder b = new StringBuilder();
        Html.head(b, "Cycling: " + c.file());
        List<CycleSummary.Cycle> cs = c.summary().cycles();
        b.append("<h1>Cycling run ").append(Html.esc(c.file())).append("</h1><p class=\"muted\">").append(Html.esc(c.vendor())).append(", ")
                .append(String.format(Locale.ROOT, "%,d rows, %d cycles, %d steps", c.summary().rows(), cs.size(), c.summary().steps().size()))
                .append("; capacities Q = ∫|I|dt and energies E = ∫|V·I|dt by the trapezoid rule over every row; curves drawn from ")
                .append(c.curve().size()).append(" rows taken evenly.</p>");
        double[] cyc = new double[cs.size()], qc = new double[cs.size()], qd = new double[cs.size()], ce = new double[cs.size()];
        for (int k = 0; k < cs.size(); k++) {
            cyc[k] = cs.get(k).cycle();
            qc[k] = cs.get(k).chargeCapacityMah();
            qd[k] = cs.get(k).dischargeCapacityMah();
            ce[k] = cs.get(k).coulombicEfficiency();
        }
        b.append("<h2>Capacity and efficiency</h2><div class=\"row\">")
                .append(img("capacity against cycle", LinePlot.png("capacity against cycle", "cycle", "capacity (mAh)", false,
                        List.of(new LinePlot.Series("discharge", cyc, qd), new LinePlot.Series("charge", cyc, qc)), null)))
                .append(img("coulombic efficiency against cycle", LinePlot.png("coulombic efficiency against cycle", "cycle", "CE", false,
                        List.of(new LinePlot.Series("CE", cyc, ce)), null)))
                .append("</div>");
        // voltage against the capacity of each charge and discharge, in run order
        CyclerFiles.Run run = c.curve().run(c.vendor());
        double[] q = c.curve().stepCapacityMah();
        List<LinePlot.Series> segs = new ArrayList<>();
        int k = 0, n = run.size();
        while (k < n) {
            while (k < n && Math.abs(run.currentA()[k]) <= 1e-9) k++;
            int a = k;
            while (k < n && Math.abs(run.currentA()[k]) > 1e-9 && run.currentA()[k] > 0 == run.currentA()[a] > 0) k++;
            if (k - a >= 2) {
                segs.add(new LinePlot.Series((run.currentA()[a] > 0 ? "charge" : "discharge") + " at " + fmt(run.timeS()[a] / 3600) + " h",
                        java.util.Arrays.copyOfRange(q, a, k), java.util.Arrays.copyOfRange(run.voltageV(), a, k)));
            }
        }
        List<DifferentialCapacity.Segment> dq = DifferentialCapacity.of(run, 0.005, 1e-9);
        b.append("<h2>Voltage curves and differential capacity</h2><div class=\"row\">");
        if (!segs.isEmpty()) b.append(img("voltage against capacity", LinePlot.pngFamily("voltage against capacity (first blue → last red)", "capacity (mAh)", "V", segs, null)));
        if (!dq.isEmpty()) {
            List<LinePlot.Series> d = new ArrayList<>();
            for (DifferentialCapacity.Segment s : dq.size() <= 2 ? dq : List.of(dq.get(0), dq.get(1), dq.get(dq.size() - 2), dq.get(dq.size() - 1))) {
                d.add(new LinePlot.Series((s.charging() ? "charge " : "discharge ") + s.index(), s.voltageV(),
                        s.charging() ? s.dqdvMahPerV() : java.util.Arrays.stream(s.dqdvMahPerV()).map(x -> -x).toArray()));
            }
            b.append(img("dQ/dV", LinePlot.png("dQ/dV, first and last cycle (discharge negative)", "V", "dQ/dV (mAh/V)", false, d, new double[] {0})));
        }
        b.append("</div>");
        if (c.rates() != null && !c.rates().rates().isEmpty()) {
            b.append("<h2>Rate capability</h2><p class=\"muted\">C-rate against ").append(Html.esc(c.rates().cRateBasis()))
                    .append("; ohmic drop: the voltage jump into the steps at that current entered from rest.</p><table><tr><th>C-rate</th><th>I (mA)</th>")
                    .append("<th>cycles</th><th>discharge (mAh)</th><th>mAh/g</th><th>of the lowest rate's</th><th>ohmic drop (mV)</th><th>ΔV/ΔI (Ω)</th></tr>");
            for (RateTable.Rate r : c.rates().rates()) {
                b.append("<tr><td>").append(fmt(r.cRate())).append("</td><td>").append(fmt(r.dischargeCurrentMa())).append("</td><td>").append(r.firstCycle()).append('–')
                        .append(r.firstCycle() + r.cycles() - 1).append("</td><td>").append(fmt(r.dischargeCapacityMah())).append("</td><td>")
                        .append(fmt(r.dischargeCapacityMahG())).append("</td><td>").append(String.format(Locale.ROOT, "%.1f %%", 100 * r.relativeToLowest()))
                        .append("</td><td>").append(fmt(r.ohmicDropMv())).append("</td><td>").append(fmt(r.resistanceOhm())).append("</td></tr>");
            }
            b.append("</table>");
        }
        b.append("<h2>Per cycle</h2><table><tr><th>cycle</th><th>charge (mAh)</th><th>discharge (mAh)</th>")
                .append(c.activeMassMg() > 0 ? "<th>discharge (mAh/g)</th>" : "")
                .append("<th>CE</th><th>charge (mWh)</th><th>discharge (mWh)</th><th>EE</th><th>V̄ charge</th><th>V̄ discharge</th><th>retention</th></tr>");
        double first = cs.get(0).dischargeCapacityMah();
        for (int j = 0; j < cs.size(); j++) {
            if (cs.size() > 40 && j >= 20 && j < cs.size() - 10) {
                if (j == 20) b.append("<tr><td colspan=\"11\">… ").append(cs.size() - 30).append(" cycles …</td></tr>");
                continue;
            }
            CycleSummary.Cycle x = cs.get(j);
            b.append("<tr><td>").append(x.cycle()).append("</td><td>").append(fmt(x.chargeCapacityMah())).append("</td><td>").append(fmt(x.dischargeCapacityMah()))
                    .append("</td>").append(c.activeMassMg() > 0 ? "<td>" + fmt(x.dischargeCapacityMah() / c.activeMassMg() * 1000) + "</td>" : "")
                    .append("<td>").append(String.format(Locale.ROOT, "%.5f", x.coulombicEfficiency())).append("</td><td>").append(fmt(x.chargeEnergyMwh()))
                    .append("</td><td>").append(fmt(x.dischargeEnergyMwh())).append("</td><td>").append(String.format(Locale.ROOT, "%.4f", x.energyEfficiency()))
                    .append("</td><td>").append(fmt(x.averageChargeVoltageV())).append("</td><td>").append(fmt(x.averageDischargeVoltageV())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.2f %%", 100 * x.dischargeCapacityMah() / first)).append("</td></tr>");
        }
        b.append("</table>");
        Html.tail(b);
        return b.toString();
    }

    /** A CCD run: voltage against time with the short marked, and the half-steps. */
    public static String ccd(String file, CyclerFiles.Run run, CriticalCurrentDensity.Result r) {
        StringBuilder b = new StringBuilder();
        Html.head(b, "CCD: " + file);
        b.append("<h1>Critical current density: ").append(Html.esc(file)).append("</h1><p>").append(r.shorted()
                ? String.format(Locale.ROOT, "Short (%s) at %.4g h in half-step %d: <b>CCD = %.4g mA/cm²</b>; apparent ASR before it %.4g Ω·cm² (|V|/j); plating − stripping %.3g mV.",
                        r.sign() == CriticalCurrentDensity.Sign.NOISE ? "onset of lasting noise: a soft short" : "lasting voltage collapse",
                        r.shortTimeS() / 3600, r.shortHalfStep(), r.ccdMaCm2(), r.asrOhmCm2(), r.asymmetryMv())
                : String.format(Locale.ROOT, "No short in %d half-steps: the CCD is above the highest current density run.", r.halfSteps().size())).append("</p>");
        double[] h = java.util.Arrays.stream(run.timeS()).map(t -> t / 3600).toArray();
        b.append(img("voltage against time", LinePlot.pngFamily("symmetric cell: voltage against time" + (r.shorted() ? " (short dashed)" : ""), "time (h)", "V",
                List.of(new LinePlot.Series("voltage", h, run.voltageV())), r.shorted() ? new double[] {r.shortTimeS() / 3600} : null)));
        b.append("<table><tr><th>half-step</th><th>j (mA/cm²)</th><th>|η| (mV)</th><th>start (h)</th></tr>");
        for (CriticalCurrentDensity.HalfStep s : r.halfSteps()) {
            b.append("<tr><td>").append(s.index()).append("</td><td>").append(fmt(s.currentDensityMaCm2())).append("</td><td>").append(fmt(s.overpotentialMv()))
                    .append("</td><td>").append(fmt(s.startS() / 3600)).append("</td></tr>");
        }
        b.append("</table>");
        Html.tail(b);
        return b.toString();
    }

    /** A voltammogram: current density against voltage with the onset marked. */
    public static String window(String file, CyclerFiles.Run run, double areaCm2, StabilityWindow.Result w) {
        StringBuilder b = new StringBuilder();
        Html.head(b, "Stability window: " + file);
        b.append("<h1>Electrochemical stability window: ").append(Html.esc(file)).append("</h1><p>").append(Double.isFinite(w.onsetV())
                ? String.format(Locale.ROOT, "Oxidation onset at <b>%.4f V</b>, where the current density first reaches %.3g µA/cm².", w.onsetV(), w.thresholdUaCm2())
                : String.format(Locale.ROOT, "Stable to %.4g V, the highest swept (%.3g µA/cm² there, below %.3g µA/cm²).", w.maxV(), w.currentAtMaxUaCm2(), w.thresholdUaCm2()))
                .append("</p>");
        double[] j = java.util.Arrays.stream(run.currentA()).map(i -> i * 1e6 / areaCm2).toArray();
        b.append(img("voltammogram", LinePlot.pngFamily("current density against voltage (onset dashed)", "V", "j (µA/cm²)",
                List.of(new LinePlot.Series("voltammogram", run.voltageV(), j)), Double.isFinite(w.onsetV()) ? new double[] {w.onsetV()} : null)));
        Html.tail(b);
        return b.toString();
    }

    private static String img(String alt, byte[] png) {
        return "<img alt=\"" + Html.esc(alt) + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\">";
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "–";
    }
}
