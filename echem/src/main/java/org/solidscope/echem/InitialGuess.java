package org.solidscope.echem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.solidscope.echem.Circuit.Element;
import org.solidscope.echem.Circuit.Group;
import org.solidscope.echem.Circuit.Node;

/**
 * Starting values read off the spectrum, for users without good ones: the high-frequency intercept
 * (series resistance), the low-frequency end (total polarisation), the apex frequencies of the arcs
 * (maxima of −Z″) and the slope of a low-frequency tail. The circuit's parallel groups, in order of
 * appearance, take the arcs from high to low frequency and share the polarisation equally; within a
 * group a capacitance is {@code 1/(2π f_apex R)}, a CPE {@code Q = 1/(R (2π f_apex)^0.9)}, α = 0.9.
 * Series elements outside groups: the first R takes the intercept, a W the tail, C, L and CPE the ends.
 * The guesses are starting points, not estimates; {@link CircuitFit} does the rest.
 */
public final class InitialGuess {
    private InitialGuess() {}

    public static double[] of(Circuit c, ImpedanceSpectrum s) {
        int n = s.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(s.frequencyHz()[b], s.frequencyHz()[a])); // high → low
        double[] f = new double[n], re = new double[n], im = new double[n];
        for (int k = 0; k < n; k++) { f[k] = s.frequencyHz()[order[k]]; re[k] = s.zRealOhm()[order[k]]; im[k] = s.zImagOhm()[order[k]]; }
        int firstCap = 0;
        while (firstCap < n - 1 && im[firstCap] >= 0) firstCap++;
        double rHigh = Math.max(re[firstCap], 1e-12 * Math.abs(re[n - 1]) + 1e-15);
        double rPol = Math.max(re[n - 1] - rHigh, 0.05 * Math.max(Math.abs(re[n - 1]), 1e-12));
        List<Double> apex = new ArrayList<>();
        for (int k = Math.max(1, firstCap); k < n - 1; k++) if (-im[k] > -im[k - 1] && -im[k] >= -im[k + 1] && im[k] < 0) apex.add(f[k]);
        Scan scan = new Scan();
        scan.count(c.root(), false);
        double[] p = new double[c.parameterCount()];
        Context ctx = new Context(f, re, im, rHigh, rPol, apex, scan.groups, p);
        walk(c.root(), ctx, -1, new int[1], new boolean[1]);
        return p;
    }

    private static final class Scan {
        int groups;

        void count(Node node, boolean inGroup) {
            if (node instanceof Group g) {
                boolean top = g.parallel() && !inGroup;
                if (top) groups++;
                for (Node part : g.parts()) count(part, inGroup || g.parallel());
            }
        }
    }

    private record Context(double[] f, double[] re, double[] im, double rHigh, double rPol, List<Double> apex, int groups, double[] p) {
        double w(double f) { return 2 * Math.PI * f; }

        double arcFrequency(int k) {
            if (k < apex.size()) return apex.get(k);
            double hi = f[0], lo = f[f.length - 1], t = (k + 1.0) / (groups + 1);
            return Math.pow(hi, 1 - t) * Math.pow(lo, t);
        }
    }

    private static void walk(Node node, Context ctx, int group, int[] nextGroup, boolean[] seriesRTaken) {
        if (node instanceof Group g) {
            if (g.parallel() && group < 0) {
                int k = nextGroup[0]++;
                for (Node part : g.parts()) walk(part, ctx, k, nextGroup, seriesRTaken);
            } else {
                for (Node part : g.parts()) walk(part, ctx, group, nextGroup, seriesRTaken);
            }
            return;
        }
        Element e = (Element) node;
        int i = e.firstParameter();
        double[] p = ctx.p();
        int last = ctx.f().length - 1;
        double wMin = 2 * Math.PI * ctx.f()[last], wMax = 2 * Math.PI * ctx.f()[0];
        double modLow = Math.hypot(ctx.re()[last], ctx.im()[last]);
        if (group >= 0) {
            double r = ctx.rPol() / Math.max(1, ctx.groups()), w = 2 * Math.PI * ctx.arcFrequency(group);
            switch (e.type()) {
                case "R" -> p[i] = r;
                case "C" -> p[i] = 1 / (w * r);
                case "L" -> p[i] = r / w * 1e-2;
                case "CPE" -> { p[i] = 1 / (r * Math.pow(w, 0.9)); p[i + 1] = 0.9; }
                case "W" -> p[i] = r * Math.sqrt(w);
                case "G" -> { p[i] = r; p[i + 1] = 1 / w; }
                case "TLM" -> { p[i] = r; p[i + 1] = r; p[i + 2] = 1 / (r * Math.pow(w, 0.9)); p[i + 3] = 0.9; }
                default -> { p[i] = r; p[i + 1] = 1 / wMin; }
            }
            return;
        }
        switch (e.type()) {
            case "R" -> {
                p[i] = seriesRTaken[0] ? ctx.rPol() / (ctx.groups() + 1) : ctx.rHigh();
                seriesRTaken[0] = true;
            }
            case "C" -> p[i] = 1 / (wMin * Math.max(-ctx.im()[last], 1e-3 * modLow));
            case "L" -> p[i] = ctx.im()[0] > 0 ? ctx.im()[0] / wMax : 1e-3 * Math.hypot(ctx.re()[0], ctx.im()[0]) / wMax;
            case "CPE" -> { p[i] = 1 / (modLow * Math.pow(wMin, 0.9)); p[i + 1] = 0.9; }
            case "W" -> p[i] = Math.max(-ctx.im()[last], 1e-3 * modLow) * Math.sqrt(wMin);
            case "G" -> { p[i] = ctx.rPol() / (ctx.groups() + 1); p[i + 1] = 1 / ctx.w(ctx.arcFrequency(ctx.groups())); }
            case "TLM" -> {
                double r = ctx.rPol() / (ctx.groups() + 1), w = ctx.w(ctx.arcFrequency(ctx.groups()));
                p[i] = r; p[i + 1] = r; p[i + 2] = 1 / (r * Math.pow(w, 0.9)); p[i + 3] = 0.9;
            }
            default -> { p[i] = ctx.rPol() / (ctx.groups() + 1); p[i + 1] = 1 / wMin; }
        }
    }
}
