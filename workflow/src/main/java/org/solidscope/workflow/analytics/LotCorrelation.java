package org.solidscope.workflow.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.solidscope.catalog.Catalog;
import org.solidscope.catalog.CatalogQueries;
import org.solidscope.core.InputException;
import org.solidscope.core.record.Metric;

/**
 * Questions across modalities over a lot's cells: does what one instrument saw in one state go with what another saw in
 * another (ultrasonic defects at formation against Rct, CCD or capacity fade)? A variable is a metric of a state,
 * {@code METRIC@STATE} ({@code @cell} for the cell's own analyses, such as a stage comparison); a cell's value is that of
 * its first measurement of the state holding the metric (as a comparison takes the first scan of a stage).
 */
public final class LotCorrelation {
    private LotCorrelation() {}

    /** A metric of one state; {@code state} {@code cell} for the cell's own analyses. */
    public record Variable(String metric, String state) {
        public String label() { return metric + "@" + state; }

        /** The metric's modality prefix ({@code ct} of {@code ct.ra_um}). */
        String modality() { return metric.substring(0, metric.indexOf('.')); }
    }

    /** The lot's values: {@code values[v][c]} of variable v and cell c, NaN where the cell has none. */
    public record Table(String lot, List<String> cells, List<Variable> variables, double[][] values) {}

    /** Every variable of a lot, from the record's current analyses (one query per kind of analysis). */
    public static Table table(Catalog catalog, String lot) {
        return table(lot, new CatalogQueries(catalog).lotMetricValues(lot, null));
    }

    static Table table(String lot, List<CatalogQueries.MetricValue> rows) {
        Map<String, Integer> cellAt = new HashMap<>();
        Map<Variable, Integer> varAt = new HashMap<>();
        int[] cellOf = new int[rows.size()], varOf = new int[rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            var r = rows.get(k);
            cellOf[k] = cellAt.computeIfAbsent(r.cellId(), c -> cellAt.size());
            varOf[k] = varAt.computeIfAbsent(new Variable(r.metric(), r.state()), v -> varAt.size());
        }
        // cells by id and variables by label, whatever order the rows came in
        List<String> cells = new ArrayList<>(cellAt.keySet());
        cells.sort(null);
        List<Variable> vars = new ArrayList<>(varAt.keySet());
        vars.sort(Comparator.comparing(Variable::label));
        int[] cellRank = new int[cells.size()], varRank = new int[vars.size()];
        for (int i = 0; i < cells.size(); i++) cellRank[cellAt.get(cells.get(i))] = i;
        for (int i = 0; i < vars.size(); i++) varRank[varAt.get(vars.get(i))] = i;
        double[][] v = new double[vars.size()][cells.size()];
        long[][] first = new long[vars.size()][cells.size()];
        for (int k = 0; k < v.length; k++) {
            java.util.Arrays.fill(v[k], Double.NaN);
            java.util.Arrays.fill(first[k], Long.MAX_VALUE);
        }
        for (int k = 0; k < rows.size(); k++) {
            int a = varRank[varOf[k]], c = cellRank[cellOf[k]];
            var r = rows.get(k);
            // the first measurement of the state: the smallest order wins
            if (r.order() < first[a][c]) {
                first[a][c] = r.order();
                v[a][c] = r.value();
            }
        }
        return new Table(lot, cells, vars, v);
    }

    /** {@code METRIC@STATE} or {@code METRIC} alone when the lot holds it in one state only; refused naming what there is. */
    public static Variable variable(Table t, String option, String text) {
        String metric = text == null ? "" : text.strip(), state = null;
        int at = metric.indexOf('@');
        if (at >= 0) {
            state = metric.substring(at + 1);
            metric = metric.substring(0, at);
        }
        if (!Metric.isName(metric)) throw new InputException(option, "variable", "METRIC@STATE, e.g. ct.ra_um@formation", "'" + shown(text) + "'");
        List<String> states = new ArrayList<>();
        for (Variable v : t.variables()) if (v.metric().equals(metric)) states.add(v.state());
        if (states.isEmpty()) throw new InputException(option, "metric", "a metric stored in lot " + t.lot() + " (lot stats lists them)", "'" + metric + "'");
        if (state == null) {
            if (states.size() > 1) throw new InputException(option, "state", "METRIC@STATE: " + metric + " is stored in " + states, "no state");
            state = states.get(0);
        } else if (!states.contains(state)) {
            throw new InputException(option, "state", "a state of lot " + t.lot() + " holding " + metric + ": " + states, "'" + shown(state) + "'");
        }
        return new Variable(metric, state);
    }

    private static String shown(String s) {
        String t = s == null ? "" : s.length() > 60 ? s.substring(0, 60) + "…" : s;
        return t.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** A correlation of two variables with the cells it read and their values (for a scatter plot). */
    public record Pair(Correlation.Result result, List<String> cells, double[] x, double[] y) {}

    /** Two variables over the cells that have both; fewer than 3 such cells is refused naming how many. */
    public static Pair pair(Table t, String xText, String yText, int bootstrap, long seed) {
        Variable x = variable(t, "--x", xText), y = variable(t, "--y", yText);
        double[] xv = t.values()[t.variables().indexOf(x)], yv = t.values()[t.variables().indexOf(y)];
        List<String> cells = new ArrayList<>();
        List<double[]> pts = new ArrayList<>();
        for (int c = 0; c < t.cells().size(); c++) {
            if (Double.isNaN(xv[c]) || Double.isNaN(yv[c])) continue;
            cells.add(t.cells().get(c));
            pts.add(new double[] {xv[c], yv[c]});
        }
        if (pts.size() < 3) {
            throw new InputException("--x/--y", "cells", "at least 3 cells of lot " + t.lot() + " with both " + x.label() + " and " + y.label(),
                    String.valueOf(pts.size()));
        }
        double[] a = pts.stream().mapToDouble(p -> p[0]).toArray(), b = pts.stream().mapToDouble(p -> p[1]).toArray();
        return new Pair(Correlation.of(x.label(), a, y.label(), b, bootstrap, seed), cells, a, b);
    }

    /**
     * One pair of a correlation matrix.
     *
     * @param pearsonQ  Benjamini–Hochberg adjusted p over every pair of the matrix
     * @param spearmanCi bootstrap interval of ρ, only for the {@code top} pairs (NaN otherwise)
     */
    public record Entry(String x, String y, int n, double pearson, double pearsonP, double pearsonQ, double spearman, double spearmanP,
                        double spearmanQ, Correlation.Interval spearmanCi) {}

    /** Pairs ranked by Spearman's q (then p, then |ρ|); how many variables and cells they came from. */
    public record Matrix(String lot, int cells, int variables, int pairs, List<Entry> ranked) {}

    /**
     * Every pair of variables with at least 3 cells in common (variables that do not vary are left out), by default only
     * pairs of different modalities ({@code allPairs}: also two metrics of one modality, which are often one
     * measurement's and correlate trivially). Pearson and Spearman with p and Benjamini–Hochberg q over all pairs;
     * bootstrap intervals for the {@code top} pairs only.
     */
    public static Matrix matrix(Table t, boolean allPairs, int top, int bootstrap, long seed) {
        int nv = t.variables().size(), nc = t.cells().size();
        List<Integer> used = new ArrayList<>();
        double[][] ranks = new double[nv][];
        int[] present = new int[nv];
        for (int v = 0; v < nv; v++) {
            double[] col = t.values()[v];
            int n = 0;
            double first = Double.NaN;
            boolean varies = false;
            for (double x : col) {
                if (Double.isNaN(x)) continue;
                if (n++ == 0) first = x;
                else if (x != first) varies = true;
            }
            present[v] = n;
            if (n < 3 || !varies) continue;
            used.add(v);
            double[] vals = new double[n];
            int k = 0;
            for (double x : col) if (!Double.isNaN(x)) vals[k++] = x;
            double[] r = Correlation.RANKING.rank(vals);
            ranks[v] = new double[nc];
            k = 0;
            for (int c = 0; c < nc; c++) ranks[v][c] = Double.isNaN(col[c]) ? Double.NaN : r[k++];
        }
        // columns every cell has, standardised once: a pair of them is one dot product (most of a lot's pairs)
        double[][] z = new double[nv][], zr = new double[nv][];
        for (int v : used) {
            if (present[v] != nc) continue;
            z[v] = standardised(t.values()[v]);
            zr[v] = standardised(ranks[v]);
        }
        List<int[]> todo = new ArrayList<>();
        for (int a = 0; a < used.size(); a++) {
            for (int b = a + 1; b < used.size(); b++) {
                int i = used.get(a), j = used.get(b);
                if (allPairs || !t.variables().get(i).modality().equals(t.variables().get(j).modality())) todo.add(new int[] {i, j});
            }
        }
        List<Entry> entries = todo.parallelStream().map(ij -> {
            int i = ij[0], j = ij[1];
            Variable vi = t.variables().get(i), vj = t.variables().get(j);
            double r, rho;
            double[] pxr, pyr;
            int n;
            if (z[i] != null && z[j] != null) {
                n = nc;
                r = clamp(dot(z[i], z[j]));
                rho = clamp(dot(zr[i], zr[j]));
                pxr = ranks[i];
                pyr = ranks[j];
            } else {
                double[] ci = t.values()[i], cj = t.values()[j], xs = new double[nc], ys = new double[nc], rx = new double[nc], ry = new double[nc];
                n = 0;
                for (int c = 0; c < nc; c++) {
                    if (Double.isNaN(ci[c]) || Double.isNaN(cj[c])) continue;
                    xs[n] = ci[c];
                    ys[n] = cj[c];
                    rx[n] = ranks[i][c];
                    ry[n] = ranks[j][c];
                    n++;
                }
                if (n < 3) return null;
                double[] x = java.util.Arrays.copyOf(xs, n), y = java.util.Arrays.copyOf(ys, n);
                r = Correlation.pearson(x, y);
                // the columns' own ranks hold when the pair has every value of both; otherwise rank the pair's cells
                boolean whole = n == present[i] && n == present[j];
                pxr = whole ? java.util.Arrays.copyOf(rx, n) : Correlation.RANKING.rank(x);
                pyr = whole ? java.util.Arrays.copyOf(ry, n) : Correlation.RANKING.rank(y);
                rho = Correlation.pearson(pxr, pyr);
            }
            return new Entry(vi.label(), vj.label(), n, r, Correlation.pValue(r, n), Double.NaN, rho, Correlation.spearmanP(pxr, pyr, rho),
                    Double.NaN, new Correlation.Interval(Double.NaN, Double.NaN));
        }).filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        double[] qp = Correlation.benjaminiHochberg(entries.stream().mapToDouble(Entry::pearsonP).toArray());
        double[] qs = Correlation.benjaminiHochberg(entries.stream().mapToDouble(Entry::spearmanP).toArray());
        List<Entry> q = new ArrayList<>();
        for (int k = 0; k < entries.size(); k++) {
            Entry e = entries.get(k);
            q.add(new Entry(e.x(), e.y(), e.n(), e.pearson(), e.pearsonP(), qp[k], e.spearman(), e.spearmanP(), qs[k], e.spearmanCi()));
        }
        q.sort(Comparator.comparingDouble((Entry e) -> Double.isNaN(e.spearmanQ()) ? 2 : e.spearmanQ())
                .thenComparingDouble(e -> Double.isNaN(e.spearmanP()) ? 2 : e.spearmanP()).thenComparingDouble(e -> -Math.abs(e.spearman())));
        if (bootstrap > 0) {
            // the top pairs' intervals on every core: each pair's resamples are seeded alike, so the order of work changes nothing
            List<Entry> head = java.util.stream.IntStream.range(0, Math.min(top, q.size())).parallel().mapToObj(k -> {
                Entry e = q.get(k);
                Pair p = pair(t, e.x(), e.y(), bootstrap, seed);
                return new Entry(e.x(), e.y(), e.n(), e.pearson(), e.pearsonP(), e.pearsonQ(), e.spearman(), e.spearmanP(), e.spearmanQ(),
                        p.result().spearmanCi());
            }).toList();
            for (int k = 0; k < head.size(); k++) q.set(k, head.get(k));
        }
        return new Matrix(t.lot(), nc, used.size(), q.size(), List.copyOf(q));
    }

    /** (v − mean) / √Σ(v − mean)²: the dot product of two such columns is Pearson's r. Null when it does not vary. */
    private static double[] standardised(double[] v) {
        double m = 0;
        for (double x : v) m += x;
        m /= v.length;
        double ss = 0;
        for (double x : v) ss += (x - m) * (x - m);
        if (ss == 0) return null;
        double f = 1 / Math.sqrt(ss);
        double[] z = new double[v.length];
        for (int i = 0; i < v.length; i++) z[i] = (v[i] - m) * f;
        return z;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double clamp(double r) {
        return Math.max(-1, Math.min(1, r));
    }

    /** The result as the CLI's and the API's JSON (null for NaN by the project's writer). */
    public static Map<String, Object> json(Correlation.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", r.x());
        m.put("y", r.y());
        m.put("n", r.n());
        m.put("pearson", Map.of("r", r.pearson(), "p", r.pearsonP(), "ci95", List.of(r.pearsonCi().low(), r.pearsonCi().high())));
        m.put("spearman", Map.of("rho", r.spearman(), "p", r.spearmanP(), "ci95", List.of(r.spearmanCi().low(), r.spearmanCi().high())));
        m.put("intervals", r.intervals());
        m.put("bootstrap", r.bootstrap());
        return m;
    }
}
