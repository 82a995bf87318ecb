package org.solidscope.catalog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases every catalog test runs on: embedded H2 always, and PostgreSQL when
 * {@code SOLIDSCOPE_TEST_PG_URL} (a JDBC URL with user and password) is set, as {@code .ci/run} does.
 */
public final class Backends {
    private Backends() {}

    public static final String PG = System.getenv("SOLIDSCOPE_TEST_PG_URL");

    public static List<String> names() {
        List<String> l = new ArrayList<>(List.of("h2"));
        l.add("postgresql");
        return l;
    }

    /** A fresh, empty catalog on the named backend with its arrays under {@code dir}. */
    public static Catalog open(String backend, Path dir) throws Exception {
        if (backend.equals("h2")) return Catalog.openWorkspace(dir);
        Assumptions.assumeTrue(PG != null, "SOLIDSCOPE_TEST_PG_URL not set: PostgreSQL run skipped (.ci/run sets it)");
        dropAllTables();
        return Catalog.open(PG, null, null, dir.resolve("arrays"));
    }

    /** Drops every table of the PostgreSQL test schema, so that tables of later migrations go too. */
    public static void dropAllTables() throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(PG); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (var rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")) {
                while (rs.next()) tables.add("\"" + rs.getString(1) + "\"");
            }
            if (!tables.isEmpty()) s.execute("DROP TABLE IF EXISTS " + String.join(", ", tables) + " CASCADE");
        }
    }
}
