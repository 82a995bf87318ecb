package org.solidscope.catalog;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.solidscope.core.Progress;
import org.solidscope.ultrasound.InspectionSpec;
import org.solidscope.ultrasound.StageAnalyzer;

/** A separate ingest process for the crash test: {@code <arraysDir> <jdbcUrl|h2:workspace> <lot> <files...>}. */
public final class CrashIngestMain {
    public static void main(String[] args) {
        Path arrays = Path.of(args[0]);
        Catalog c = args[1].startsWith("h2:") ? Catalog.openWorkspace(Path.of(args[1].substring(3))) : Catalog.open(args[1], null, null, arrays);
        List<Path> files = Arrays.stream(args, 3, args.length).map(Path::of).toList();
        new Ingester(c, new StageAnalyzer(InspectionSpec.defaults())).ingest(files, args[2], Progress.NONE);
    }
}
