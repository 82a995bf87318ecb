package org.solidscope.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.solidscope.catalog.CatalogQueries;
import org.solidscope.catalog.Exporter;
import org.solidscope.core.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"A lot's measurements of every modality with their current analyses, one row each, as CSV, JSON or Parquet:",
                "fixed columns, then one column per metric name found in the lot."},
        footer = {"", "Example:", "  solidscope export --lot demo-lot --format csv --out demo-lot.csv"})
final class ExportCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Option(names = "--lot", required = true)
    String lot;

    @Option(names = "--format", defaultValue = "csv", description = "csv | json | parquet (default ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", required = true)
    Path out;

    @Mixin
    CatalogOptions where;

    @Override
    public Integer call() {
        if (!java.util.List.of("csv", "json", "parquet").contains(format)) {
            throw new InputException("--format", "format", "csv, json or parquet", "'" + format + "'");
        }
        var rows = new CatalogQueries(where.openForReading()).measurements(lot, null);
        if (rows.isEmpty()) throw new InputException("--lot", "lot", "a lot with measurements in the record", "'" + lot + "'");
        Exporter.write(out, format, rows);
        cmd.commandLine().getOut().printf("wrote %s: %d rows%n", out, rows.size());
        return 0;
    }
}
