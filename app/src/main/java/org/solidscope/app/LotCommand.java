package org.solidscope.app;

import java.util.List;
import java.util.concurrent.Callable;
import org.solidscope.catalog.CatalogQueries;
import org.solidscope.catalog.LotStatistics;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lot", mixinStandardHelpOptions = true, description = "Lots in the record.", subcommands = LotCommand.Stats.class,
        footer = {"", "Example:", "  solidscope lot stats demo-lot"})
final class LotCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Yield per stage (PASS / measurements), metric distributions, control limits mean ± 3σ and the points outside them.")
    static final class Stats implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

        @Parameters(index = "0", paramLabel = "LOT")
        String lot;

        @Option(names = "--json", description = "print JSON instead of a table")
        boolean json;

        @Mixin
        CatalogOptions where;

        @Override
        public Integer call() {
            var rows = new CatalogQueries(where.open()).measurements(lot);
            if (rows.isEmpty()) throw new InputException("LOT", "lot", "a lot with measurements in the record", "'" + lot + "'");
            List<LotStatistics.StageStats> stats = LotStatistics.of(rows);
            if (json) {
                cmd.commandLine().getOut().println(Json.write(stats));
                return 0;
            }
            for (var s : stats) {
                cmd.commandLine().getOut().printf("%s: %d measurements, yield %.3f, verdicts %s%n", s.stage(), s.measurements(), s.yield(), s.verdicts());
                for (var m : s.metrics()) {
                    cmd.commandLine().getOut().printf("  %-22s n=%-4d mean %9.4g  std %9.4g  [%9.4g, %9.4g]  limits [%9.4g, %9.4g]%s%n", m.metric(), m.n(), m.mean(), m.std(),
                            m.min(), m.max(), m.lcl(), m.ucl(), m.outside().isEmpty() ? "" : "  outside: " + m.outside());
                }
            }
            return 0;
        }
    }
}
