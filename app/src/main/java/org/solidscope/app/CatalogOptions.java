package org.solidscope.app;

import java.nio.file.Path;
import org.solidscope.catalog.Catalog;
import picocli.CommandLine.Option;

/** Where the record lives: a workspace directory (embedded H2 + array store) or a PostgreSQL JDBC URL. */
final class CatalogOptions {
    @Option(names = "--workspace", description = "workspace directory (default: $SOLIDSCOPE_WORKSPACE or ./solidscope-work)")
    Path workspace;

    @Option(names = "--db", description = "JDBC URL of a shared PostgreSQL catalog, e.g. jdbc:postgresql://host/db?user=u&password=p "
            + "(arrays stay in the workspace)")
    String db;

    Path workspace() {
        return Catalog.workspaceOrDefault(workspace);
    }

    Catalog open() {
        return db == null ? Catalog.openWorkspace(workspace()) : Catalog.open(db, null, null, workspace().resolve("arrays"));
    }

    /** For commands that only read: no clean-up of an interrupted ingest (a listing of the whole array store); the next writer does it. */
    Catalog openForReading() {
        return db == null ? Catalog.openExistingWorkspace(workspace(), workspace == null ? "workspace" : "--workspace", false)
                : Catalog.open(db, null, null, workspace().resolve("arrays"), false);
    }
}
