package org.solidscope.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.solidscope.catalog.Catalog;
import org.solidscope.catalog.Ingester;
import org.solidscope.core.InputException;
import org.solidscope.ultrasound.InspectionSpec;
import org.solidscope.ultrasound.StageAnalyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Store scans in the record and analyse them: cell and stage from the sidecar (cell_id, stage), the CSV header",
                "(# cell_id:, # stage:) or the file name <cell>_<stage>[_<gain>db].<ext>. Directories are searched for C-scans.",
                "Idempotent: a scan whose bytes are stored already is skipped. Exit code 2 when some scans failed (the others go in)."},
        footer = {"", "Examples:", "  solidscope ingest demo-out/scans --lot L-2026-11", "  solidscope ingest a.csv b.tif --lot L1 --db jdbc:postgresql://line-db/solidscope?user=u&password=p"})
final class IngestCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "scan files or directories")
    List<Path> paths;

    @Option(names = "--lot", required = true, description = "lot the cells belong to")
    String lot;

    @Option(names = "--spec", description = "inspection specification (JSON); default: the shipped one")
    Path specFile;

    @Mixin
    CatalogOptions where;

    @Override
    public Integer call() {
        if (lot.isBlank()) throw new InputException("--lot", "lot", "a lot id", "''");
        List<Path> files = expand(paths);
        InspectionSpec spec = InspectionSpec.loadOrDefault(specFile);
        Catalog cat = where.open();
        long t0 = System.nanoTime();
        Ingester.Report r = new Ingester(cat, new StageAnalyzer(spec)).ingest(files, lot, new ConsoleProgress("ingest"));
        double s = (System.nanoTime() - t0) / 1e9;
        for (Ingester.Result x : r.results()) {
            if (x.outcome() == Ingester.Outcome.FAILED) cmd.commandLine().getErr().println("failed: " + x.reason());
        }
        cmd.commandLine().getOut().printf("lot %s: %d stored, %d already present, %d failed (%.1f s, %.1f scans/s)%n", lot, r.count(Ingester.Outcome.STORED),
                r.count(Ingester.Outcome.ALREADY_PRESENT), r.count(Ingester.Outcome.FAILED), s, files.size() / s);
        return r.count(Ingester.Outcome.FAILED) > 0 ? Main.EXIT_BAD_INPUT : 0;
    }

    static List<Path> expand(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(csv|png|tif|tiff|npy)$"))
                            .filter(f -> !f.getFileName().toString().contains(".truth")).filter(f -> !f.getFileName().toString().endsWith(".ascan.npy"))
                            .sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }
}
