package org.solidscope.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The record of cells: a relational database (H2 embedded in the workspace by default, PostgreSQL
 * through a JDBC URL) plus an {@link ArrayStore} beside it. Opening applies pending migrations in a
 * transaction and recovers from a crash: blobs that no measurement or analysis refers to (a process
 * killed between writing a blob and committing its row) are removed.
 *
 * <p>Connections are per operation (each thread its own); writes run in transactions
 * ({@link #inTransaction}).
 */
public final class Catalog implements AutoCloseable {
    static final List<String> MIGRATIONS = List.of("V1__record.sql", "V2__api_tokens.sql");

    private final String url, user, password;
    private final ArrayStore arrays;
    private final boolean postgres;

    private Catalog(String url, String user, String password, ArrayStore arrays) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.arrays = arrays;
        this.postgres = url.startsWith("jdbc:postgresql:");
    }

    /** The embedded catalog of a workspace directory: {@code <ws>/catalog.mv.db} and {@code <ws>/arrays/}. */
    public static Catalog openWorkspace(Path workspace) {
        Path abs = workspace.toAbsolutePath();
        // DB_CLOSE_DELAY=-1: keep the database open while the JVM runs (H2 would close and reopen it with every connection)
        // WRITE_DELAY=0: a commit is written to the file before it returns (H2's default delay of 500 ms lost
        // acknowledged commits when a process was killed); a record must keep what it confirmed
        return open("jdbc:h2:file:" + abs.resolve("catalog") + ";LOCK_TIMEOUT=20000;DB_CLOSE_DELAY=-1;WRITE_DELAY=0", null, null, abs.resolve("arrays"));
    }

    /** A catalog at a JDBC URL (PostgreSQL or H2) with its array store directory. */
    public static Catalog open(String jdbcUrl, String user, String password, Path arraysDir) {
        Catalog c = new Catalog(jdbcUrl, user, password, new ArrayStore(arraysDir));
        c.migrate();
        c.recover();
        return c;
    }

    public ArrayStore arrays() { return arrays; }

    public boolean isPostgres() { return postgres; }

    public String url() { return url; }

    public Connection connect() throws SQLException {
        return user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
    }

    /** Work inside one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try {
                T r = work.run(c);
                c.commit();
                return r;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CatalogException("catalog " + url + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Database failure (not bad input). */
    public static final class CatalogException extends RuntimeException {
        public CatalogException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private void migrate() {
        inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, script VARCHAR(200) NOT NULL)");
            }
            int have = 0;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                if (rs.next()) have = rs.getInt(1);
            }
            for (int v = have + 1; v <= MIGRATIONS.size(); v++) {
                String script = MIGRATIONS.get(v - 1);
                for (String stmt : read(script).split(";\\s*\\n")) {
                    String sql = stmt.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + "\n" + b).strip();
                    if (sql.isEmpty()) continue;
                    try (Statement s = c.createStatement()) {
                        s.execute(sql);
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO schema_version (version, script) VALUES (" + v + ", '" + script + "')");
                }
            }
            return null;
        });
    }

    private static String read(String script) {
        try (InputStream in = Catalog.class.getResourceAsStream("migration/" + script)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("migration " + script + " missing from the build", e);
        }
    }

    /** Checksums the database refers to (raw scans and result maps). */
    public Set<String> referencedBlobs() {
        return inTransaction(c -> {
            Set<String> s = new HashSet<>();
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT raw_sha256 FROM measurement")) {
                    while (rs.next()) s.add(rs.getString(1).strip());
                }
                try (ResultSet rs = st.executeQuery("SELECT level_map_sha256 FROM analysis WHERE level_map_sha256 IS NOT NULL")) {
                    while (rs.next()) s.add(rs.getString(1).strip());
                }
            }
            return s;
        });
    }

    /**
     * Removes blobs left by an interrupted ingest; returns how many. An embedded database is locked by
     * one process, so every unreferenced blob is garbage; on a shared PostgreSQL another station may be
     * between writing a blob and committing its row, so only blobs older than {@link #SHARED_GRACE} go.
     */
    public int recover() {
        return recover(postgres ? SHARED_GRACE : java.time.Duration.ZERO);
    }

    /** As {@link #recover()} with a given grace period (zero: when no other station can be writing). */
    public int recover(java.time.Duration grace) {
        return arrays.removeUnreferenced(referencedBlobs(), grace);
    }

    static final java.time.Duration SHARED_GRACE = java.time.Duration.ofMinutes(10);

    @Override
    public void close() {
        if (!postgres) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN"); // an embedded database kept open by DB_CLOSE_DELAY closes here
            } catch (SQLException e) {
                throw new CatalogException("closing " + url + ": " + e.getMessage(), e);
            }
        }
    }
}
