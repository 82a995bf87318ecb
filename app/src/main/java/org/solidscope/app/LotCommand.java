package org.solidscope.app;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.solidscope.catalog.Catalog;
import org.solidscope.catalog.CatalogQueries;
import org.solidscope.catalog.LotStatistics;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import org.solidscope.core.record.Metric;
import org.solidscope.report.LinePlot;
import org.solidscope.workflow.analytics.Correlation;
import org.solidscope.workflow.analytics.LotCorrelation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lot", mixinStandardHelpOptions = true, description = "Lots in the record.", subcommands = {LotCommand.Stats.class, LotCommand.Correlate.class},
        footer = {"", "Examples:", "  solidscope lot stats demo-lot", "  solidscope lot stats demo-lot --metric ct.ra_um",
                "  solidscope lot correlate demo-lot --x ut.transmitting_fraction@formation --y eis.rct_ohm@charged_50 --png scatter.png",
                "  solidscope lot correlate demo-lot --matrix"})
final class LotCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = {"Per state: yield (PASS / measurements with a verdict), and for every metric of every modality (or --metric)",
                    "the distribution, control limits mean ± 3σ and the points outside them; aggregated by the database."})
    static final class Stats implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec cmd;

        @Parameters(index = "0", paramLabel = "LOT")
        String lot;

        @Option(names = "--metric", description = "only this metric, e.g. ct.ra_um or ut.transmitting_fraction")
        String metric;

        @Option(names = "--json", description = "print JSON instead of a table")
        boolean json;

        @Mixin
        CatalogOptions where;

        @Override
        public Integer call() {
            if (metric != null && !Metric.isName(metric)) throw new InputException("--metric", "metric", "a metric name such as ct.ra_um", "'" + metric + "'");
            Catalog cat = where.openForReading();
            if (!new CatalogQueries(cat).lotExists(lot)) throw new InputException("LOT", "lot", "a lot in the record", "'" + lot + "'");
            List<LotStatistics.StateStats> stats = LotStatistics.of(cat, lot, metric);
            if (metric != null && stats.isEmpty()) throw new InputException("--metric", "metric", "a metric stored in lot " + lot, "'" + metric + "'");
            PrintWriter out = cmd.commandLine().getOut();
            LotStatistics.CellYield cells = LotStatistics.cells(cat, lot);
            if (json) {
                out.println(Json.write(stats));
                return 0;
            }
            out.printf("cells: %d, yield %s (PASS / cells judged), verdicts %s%n", cells.cells(), share(cells.yield()), cells.verdicts());
            cells.modalities().forEach((m, y) -> out.printf("  %-11s %d cells, yield %s, verdicts %s%n", m, y.cells(), share(y.yield()), y.verdicts()));
            for (var s : stats) {
                out.printf("%s: %d measurements, yield %.3f, verdicts %s%n", s.state(), s.measurements(), s.yield(), s.verdicts());
                for (var m : s.metrics()) {
                    out.printf("  %-28s %-4s n=%-5d mean %10.4g  std %10.4g  [%10.4g, %10.4g]  limits [%10.4g, %10.4g]%s%n", m.metric(), m.unit(), m.n(), m.mean(),
                            m.std(), m.min(), m.max(), m.lcl(), m.ucl(), m.outside().isEmpty() ? "" : "  outside: " + m.outside());
                }
            }
            return 0;
        }

        private static String share(double v) {
            return Double.isNaN(v) ? "–" : String.format(java.util.Locale.ROOT, "%.3f", v);
        }
    }

    @Command(name = "correlate", mixinStandardHelpOptions = true,
            description = {"Across modalities over a lot's cells: Pearson's r and Spearman's rho of two variables METRIC@STATE (@cell for a",
                    "cell's own analyses) with p-values and bootstrap 95 % intervals, and a scatter plot; or (--matrix) every pair",
                    "of variables of different modalities, ranked, with Benjamini-Hochberg q-values."})
    static final class Correlate implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec cmd;

        @Parameters(index = "0", paramLabel = "LOT")
        String lot;

        @Option(names = "--x", description = "first variable, METRIC@STATE, e.g. ct.ra_um@formation (the state may be left out when the lot has one)")
        String x;

        @Option(names = "--y", description = "second variable, METRIC@STATE")
        String y;

        @Option(names = "--matrix", description = "every pair of variables instead, ranked by Spearman's q")
        boolean matrix;

        @Option(names = "--all-pairs", description = "with --matrix: also pairs of one modality (often one measurement's, trivially related)")
        boolean allPairs;

        @Option(names = "--top", defaultValue = "20", description = "with --matrix: pairs listed, and given bootstrap intervals (default ${DEFAULT-VALUE})")
        int top;

        @Option(names = "--bootstrap", defaultValue = "2000", description = "bootstrap resamples (default ${DEFAULT-VALUE}; 0: no intervals)")
        int bootstrap;

        @Option(names = "--seed", defaultValue = "1", description = "the bootstrap's seed (default ${DEFAULT-VALUE}): the same seed, the same intervals")
        long seed;

        @Option(names = "--png", description = "write the scatter plot of --x and --y here")
        java.nio.file.Path png;

        @Option(names = "--json", description = "print JSON instead of text")
        boolean json;

        @Mixin
        CatalogOptions where;

        @Override
        public Integer call() {
            if (matrix == (x != null || y != null)) throw new InputException("--x/--y/--matrix", "question", "--x and --y, or --matrix", "neither or both");
            if (!matrix && (x == null || y == null)) throw new InputException(x == null ? "--x" : "--y", "variable", "METRIC@STATE", "none");
            if (bootstrap < 0 || bootstrap > 1_000_000) throw new InputException("--bootstrap", "resamples", "0 … 1,000,000", String.valueOf(bootstrap));
            if (top < 1) throw new InputException("--top", "pairs", "at least 1", String.valueOf(top));
            Catalog cat = where.openForReading();
            if (!new CatalogQueries(cat).lotExists(lot)) throw new InputException("LOT", "lot", "a lot in the record", "'" + lot + "'");
            LotCorrelation.Table t = LotCorrelation.table(cat, lot);
            PrintWriter out = cmd.commandLine().getOut();
            if (matrix) {
                LotCorrelation.Matrix m = LotCorrelation.matrix(t, allPairs, top, bootstrap, seed);
                if (json) {
                    out.println(Json.write(new LotCorrelation.Matrix(m.lot(), m.cells(), m.variables(), m.pairs(), m.ranked().subList(0, Math.min(top, m.pairs())))));
                    return 0;
                }
                out.printf("lot %s: %d cells, %d variables, %d pairs%s; the %d strongest by Spearman's q:%n", lot, m.cells(), m.variables(), m.pairs(),
                        allPairs ? "" : " of different modalities", Math.min(top, m.pairs()));
                out.printf("%-40s %-40s %4s %8s %9s %9s %19s%n", "x", "y", "n", "rho", "p", "q", "rho 95 %");
                for (var e : m.ranked().subList(0, Math.min(top, m.pairs()))) {
                    out.printf("%-40s %-40s %4d %8.3f %9.2g %9.2g %19s%n", e.x(), e.y(), e.n(), e.spearman(), e.spearmanP(), e.spearmanQ(), interval(e.spearmanCi()));
                }
                return 0;
            }
            LotCorrelation.Pair p = LotCorrelation.pair(t, x, y, bootstrap, seed);
            Correlation.Result r = p.result();
            if (png != null) {
                org.solidscope.core.AtomicOutput.writeBytes(png, LinePlot.scatter("lot " + lot + ": " + r.n() + " cells, r = " + String.format(java.util.Locale.ROOT, "%.3f", r.pearson()),
                        r.x(), r.y(), List.of(new LinePlot.Series("cells", p.x(), p.y()))));
            }
            if (json) {
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>(LotCorrelation.json(r));
                m.put("cells", p.cells());
                out.println(Json.write(m));
                return 0;
            }
            out.printf("lot %s: %s against %s over %d cells%n", lot, r.x(), r.y(), r.n());
            out.printf("  Pearson  r   = %7.3f  p = %.3g  95 %% %s%n", r.pearson(), r.pearsonP(), interval(r.pearsonCi()));
            out.printf("  Spearman rho = %7.3f  p = %.3g  95 %% %s%n", r.spearman(), r.spearmanP(), interval(r.spearmanCi()));
            if (r.intervals().equals("bootstrap")) out.printf("  (intervals: percentile bootstrap, %d resamples, seed %d)%n", bootstrap, seed);
            if (r.intervals().equals("fisher-z")) out.printf("  (intervals: Fisher's z, Bonett-Wright for rho: more than %d cells)%n", Correlation.BOOTSTRAP_MAX_N);
            if (r.n() < 10) out.printf("  few cells: the bootstrap intervals are rough (resamples of %d cells repeat them); Spearman's p is exact%s%n",
                    r.n(), r.n() > Correlation.EXACT_SPEARMAN_MAX_N ? " up to " + Correlation.EXACT_SPEARMAN_MAX_N + " cells" : "");
            return 0;
        }

        private static String interval(Correlation.Interval i) {
            return Double.isNaN(i.low()) ? "–" : String.format(java.util.Locale.ROOT, "[%.3f, %.3f]", i.low(), i.high());
        }
    }
}
