package org.solidscope.workflow;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.solidscope.catalog.Catalog;
import org.solidscope.core.Progress;

/** A separate ingest process for the crash test: {@code <arraysDir> <jdbcUrl|h2:workspace> <lot> <files...>}. */
public final class CrashIngestMain {
    public static void main(String[] args) {
        Path arrays = Path.of(args[0]);
        Catalog c = args[1].startsWith("h2:") ? Catalog.openWorkspace(Path.of(args[1].substring(3))) : Catalog.open(args[1], null, null, arrays);
        List<Path> files = Arrays.stream(args, 3, args.length).map(Path::of).toList();
        new Ingest(c, ModalityRegistry.standard()).run(files, args[2], Map.of(), Progress.NONE);
    }
}
