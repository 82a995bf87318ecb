package org.solidscope.catalog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.solidscope.catalog.migration.V3__modality_neutral_record;

/**
 * The record of cells: a relational database (H2 embedded in the workspace by default, PostgreSQL
 * through a JDBC URL) plus an {@link ArrayStore} beside it. Opening applies pending migrations in a
 * (Flyway) and recovers from a crash: blobs that no measurement or analysis refers to (a process
 * killed between writing a blob and committing its row) are removed.
 *
 * <p>Connections are per operation (each thread its own); writes run in transactions
 * ({@link #inTransaction}).
 */
public final class Catalog implements AutoCloseable {
    private final String url, user, password;
    private final ArrayStore arrays;
    private final boolean postgres;
    /** Connections are pooled: opening one per operation cost more than most queries of a page. */
    private final com.zaxxer.hikari.HikariDataSource pool;

    private Catalog(String url, String user, String password, ArrayStore arrays) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.arrays = arrays;
        this.postgres = url.startsWith("jdbc:postgresql:");
        if (System.getProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
        }
        var cfg = new com.zaxxer.hikari.HikariConfig();
        cfg.setJdbcUrl(url);
        if (user != null) {
            cfg.setUsername(user);
            cfg.setPassword(password);
        }
        cfg.setPoolName("solidscope-catalog");
        cfg.setMaximumPoolSize(POOL_SIZE);
        cfg.setMinimumIdle(0); // an idle station holds no connection to a shared database
        cfg.setIdleTimeout(30_000);
        cfg.setInitializationFailTimeout(-1); // open lazily: a wrong URL is reported by the first operation, with its cause
        this.pool = new com.zaxxer.hikari.HikariDataSource(cfg);
    }

    /** At most this many connections at once: the server's worker threads share them. */
    static final int POOL_SIZE = 8;

    /** The embedded catalog of a workspace directory: {@code <ws>/catalog.mv.db} and {@code <ws>/arrays/}. */
    public static Catalog openWorkspace(Path workspace) {
        return openWorkspace(workspace, true);
    }

    /**
     * As {@link #openWorkspace(Path)}; {@code recover} false skips the clean-up of an interrupted ingest
     * (a listing of the whole array store), for commands that only read: the next writer cleans up.
     */
    public static Catalog openWorkspace(Path workspace, boolean recover) {
        Path abs = workspace.toAbsolutePath();
        // DB_CLOSE_DELAY=-1: keep the database open while the JVM runs (H2 would close and reopen it with every connection)
        // WRITE_DELAY=0: a commit is written to the file before it returns (H2's default delay of 500 ms lost
        // acknowledged commits when a process was killed); a record must keep what it confirmed
        String url = "jdbc:h2:file:" + abs.resolve("catalog") + ";LOCK_TIMEOUT=20000;DB_CLOSE_DELAY=-1;WRITE_DELAY=0";
        // one direct connection first: the pool would retry a workspace held by another process for its whole
        // connection timeout (30 s) before saying so; the database stays open for the pool (DB_CLOSE_DELAY=-1)
        try (Connection probe = java.sql.DriverManager.getConnection(url)) {
            probe.isValid(1);
        } catch (SQLException e) {
            if (WorkspaceHolder.isLockedByAnotherProcess(e)) throw WorkspaceHolder.inUse(abs);
            throw new CatalogException("catalog " + abs + ": " + e.getMessage(), e);
        }
        Catalog c;
        try {
            c = open(url, null, null, abs.resolve("arrays"), recover);
        } catch (CatalogException e) {
            if (WorkspaceHolder.isLockedByAnotherProcess(e)) throw WorkspaceHolder.inUse(abs);
            throw e;
        }
        c.holder = WorkspaceHolder.claim(abs);
        return c;
    }

    /** Whether {@code workspace} holds a record (an embedded catalog file). */
    public static boolean workspaceExists(Path workspace) {
        return java.nio.file.Files.exists(workspace.resolve("catalog.mv.db"));
    }

    /** The workspace a command uses: the one given, else {@code $SOLIDSCOPE_WORKSPACE}, else {@code ./solidscope-work}. */
    public static Path workspaceOrDefault(Path given) {
        if (given != null) return given;
        String env = System.getenv("SOLIDSCOPE_WORKSPACE");
        return Path.of(env != null ? env : "solidscope-work");
    }

    /**
     * The embedded record of a workspace that must hold one already: a command that only reads (or works on what
     * is stored) never creates a record, since a mistyped workspace would answer "nothing" from an empty new one.
     * {@code source} names where the workspace came from in the error ({@code --workspace} or {@code workspace}).
     */
    public static Catalog openExistingWorkspace(Path workspace, String source, boolean recover) {
        if (!workspaceExists(workspace)) {
            throw new org.solidscope.core.InputException(source, "workspace", "a workspace holding a record (made by ingest, demo or serve)",
                    "no record in " + workspace.toAbsolutePath());
        }
        return openWorkspace(workspace, recover);
    }

    /** The note naming this process in its workspace while it holds the embedded record; null for PostgreSQL. */
    private WorkspaceHolder holder;

    /** A catalog at a JDBC URL (PostgreSQL or H2) with its array store directory. */
    public static Catalog open(String jdbcUrl, String user, String password, Path arraysDir) {
        return open(jdbcUrl, user, password, arraysDir, true);
    }

    public static Catalog open(String jdbcUrl, String user, String password, Path arraysDir, boolean recover) {
        Catalog c = new Catalog(jdbcUrl, user, password, new ArrayStore(arraysDir));
        c.migrate();
        if (recover) c.recover();
        return c;
    }

    /** The newest migration this build knows; a record already there is opened without loading Flyway. */
    static final String LATEST_MIGRATION = "10";

    public ArrayStore arrays() { return arrays; }

    public boolean isPostgres() { return postgres; }

    public String url() { return url; }

    public Connection connect() throws SQLException {
        return pool.getConnection();
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

    /**
     * Brings the schema up to date with Flyway (SQL scripts and Java migrations in
     * {@code org/solidscope/catalog/migration}). A record made by release 0.1.0, whose own runner kept
     * its version in {@code schema_version}, is taken as baseline at that version, so its later
     * migrations run on its data.
     */
    private void migrate() {
        boolean current = inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" = TRUE AND \"version\" = '" + LATEST_MIGRATION + "'")) {
                return rs.next() && rs.getLong(1) == 1;
            } catch (SQLException none) {
                c.rollback(); // no history table yet (PostgreSQL needs the failed statement undone)
                return false;
            }
        });
        if (current) return; // nothing to apply: Flyway's start-up (class loading, scanning the jar) costs more than most commands
        int earlier = inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            } catch (SQLException none) {
                return 0; // no such table: a new record, or one Flyway keeps already
            }
        });
        if (System.getProperty("org.slf4j.simpleLogger.log.org.flywaydb") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.flywaydb", "warn"); // a migration is news; every open is not
        }
        var config = Flyway.configure(Catalog.class.getClassLoader())
                .dataSource(pool)
                .locations("classpath:org/solidscope/catalog/migration")
                .javaMigrations(new V3__modality_neutral_record(), new org.solidscope.catalog.migration.V4__cell_summary(),
                        new org.solidscope.catalog.migration.V9__verdicts_of_every_modality())
                .cleanDisabled(true);
        if (earlier > 0) config = config.baselineOnMigrate(true).baselineVersion(String.valueOf(earlier));
        try {
            config.load().migrate();
        } catch (FlywayException e) {
            throw new CatalogException("migrating " + url + ": " + e.getMessage(), e);
        }
    }

    /** Checksums the database refers to: raw data of measurements and arrays of analyses, whatever the modality. */
    public Set<String> referencedBlobs() {
        return inTransaction(c -> {
            Set<String> s = new HashSet<>();
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT raw_sha256 FROM measurement")) {
                    while (rs.next()) s.add(rs.getString(1).strip());
                }
                try (ResultSet rs = st.executeQuery("SELECT sha256 FROM analysis_array")) {
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
        if (holder != null) holder.release();
        pool.close();
        if (!postgres) {
            // on a connection of its own: a pooled one would be reset after the database it belongs to has gone
            try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN"); // an embedded database kept open by DB_CLOSE_DELAY closes here
            } catch (SQLException e) {
                throw new CatalogException("closing " + url + ": " + e.getMessage(), e);
            }
        }
    }
}
