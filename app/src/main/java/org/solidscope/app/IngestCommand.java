package org.solidscope.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.solidscope.catalog.Catalog;
import org.solidscope.core.InputException;
import org.solidscope.core.record.CellState;
import org.solidscope.core.record.Source;
import org.solidscope.workflow.Ingest;
import org.solidscope.workflow.ModalityRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Store instrument files of every modality in the record and analyse them: ultrasonic C-scans (.csv, .png/.tif/.npy",
                "with a sidecar) and CT volumes (.npy, .tif, .raw + sidecar, .h5). Cell and state come from --cell/--state, the sidecar",
                "(cell_id, stage or state), the CSV header (# cell_id:, # stage:) or the file name <cell>_<state>.<ext>; states: "
                        + CellState.GRAMMAR + ".",
                "Directories are searched for files of a known modality. Idempotent: bytes stored already are skipped, and the answer",
                "names the cell and state that hold them. Exit code 2 when some files failed (each named with its reason; the others go in)."},
        footer = {"", "Examples:", "  solidscope ingest demo-out/scans --lot L-2026-11",
                "  solidscope ingest scan0.tif --lot L-2026-11 --cell B-0412 --state pristine --voxel-um 0.65",
                "  solidscope ingest a.csv b.tif --lot L1 --db jdbc:postgresql://line-db/solidscope?user=u&password=p"})
final class IngestCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "files or directories")
    List<Path> paths;

    @Option(names = "--lot", required = true, description = "lot the cells belong to")
    String lot;

    @Option(names = "--cell", description = "cell id of every file given (wins over sidecars and names)")
    String cell;

    @Option(names = "--state", description = "state of every file given (wins over sidecars and names)")
    String state;

    @Option(names = "--modality", description = "ultrasound or ct, when a file's name does not tell")
    String modality;

    @Option(names = "--spec", description = "inspection specification of the ultrasonic scans (JSON); default: the shipped one")
    Path specFile;

    @Mixin
    CatalogOptions where;

    @Override
    public Integer call() {
        if (lot.isBlank()) throw new InputException("--lot", "lot", "a lot id", "''");
        if (state != null) CellState.parse("--state", state);
        ModalityRegistry modalities = ModalityRegistry.loadOrDefault(specFile);
        if (modality != null) modalities.byId("--modality", modality);
        Map<String, String> hints = new LinkedHashMap<>();
        if (cell != null) hints.put("cell_id", cell);
        if (state != null) hints.put("state", state);
        if (modality != null) hints.put("modality", modality);
        List<Path> files = expand(paths, modalities);
        Catalog cat = where.open();
        long t0 = System.nanoTime();
        Ingest.Report r = new Ingest(cat, modalities).run(files, lot, hints, new ConsoleProgress("ingest"));
        double s = (System.nanoTime() - t0) / 1e9;
        for (Ingest.Result x : r.results()) {
            if (x.outcome() == Ingest.Outcome.FAILED) cmd.commandLine().getErr().println("failed: " + x.reason());
            else if (x.outcome() == Ingest.Outcome.CONFLICT) cmd.commandLine().getErr().println("refused: " + x.file() + ": " + x.reason());
        }
        cmd.commandLine().getOut().printf("lot %s: %d stored, %d already present, %d refused (stored as another cell or state), %d failed (%.1f s, %.1f files/s)%n",
                lot, r.count(Ingest.Outcome.STORED), r.count(Ingest.Outcome.ALREADY_PRESENT), r.count(Ingest.Outcome.CONFLICT),
                r.count(Ingest.Outcome.FAILED), s, files.size() / s);
        return r.count(Ingest.Outcome.FAILED) + r.count(Ingest.Outcome.CONFLICT) > 0 ? Main.EXIT_BAD_INPUT : 0;
    }

    /** Files as given; directories replaced by their files that some modality recognises, sorted. */
    static List<Path> expand(List<Path> paths, ModalityRegistry modalities) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".json")).sorted()
                            .filter(f -> modalities.forFile(Source.of(f, sidecarText(f))) != null).forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    static String sidecarText(Path f) {
        try {
            return Ingest.sidecarText(f);
        } catch (InputException e) {
            return null; // a broken sidecar is reported when the file is ingested
        }
    }
}
