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

    @Option(names = "--format", description = "csv | json | parquet (default: from the --out extension, else csv)")
    String format;

    @Option(names = "--out", required = true)
    Path out;

    @Mixin
    CatalogOptions where;

    @Override
    public Integer call() {
        String ext = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        ext = ext.contains(".") ? ext.substring(ext.lastIndexOf('.') + 1) : "";
        boolean known = java.util.List.of("csv", "json", "parquet").contains(ext);
        if (format == null) format = known ? ext : "csv";
        if (!java.util.List.of("csv", "json", "parquet").contains(format)) {
            throw new InputException("--format", "format", "csv, json or parquet", "'" + format + "'");
        }
        // a file named .parquet holding CSV would fail in every reader it is given to
        if (known && !ext.equals(format)) {
            throw new InputException("--out", "extension", "." + format + " for --format " + format, "'." + ext + "'");
        }
        var rows = new CatalogQueries(where.openForReading()).measurements(lot, null);
        if (rows.isEmpty()) throw new InputException("--lot", "lot", "a lot with measurements in the record", "'" + lot + "'");
        Exporter.write(out, format, rows);
        cmd.commandLine().getOut().printf("wrote %s: %d rows%n", out, rows.size());
        return 0;
    }
}
