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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lot", mixinStandardHelpOptions = true, description = "Lots in the record.", subcommands = LotCommand.Stats.class,
        footer = {"", "Examples:", "  solidscope lot stats demo-lot", "  solidscope lot stats demo-lot --metric ct.ra_um"})
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
}
