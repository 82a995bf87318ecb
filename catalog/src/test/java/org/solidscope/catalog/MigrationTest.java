package org.solidscope.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A record made by release 0.1.0 (the fixture {@code fixture-0.1.0}: an H2 workspace and a PostgreSQL
 * dump of the same commands) opens in this release with nothing lost: every row is counted, every
 * value checked against what 0.1.0 stored, every blob verified.
 */
class MigrationTest {
    @TempDir
    Path dir;

    static final Path FIXTURE = Path.of("src/test/resources/org/solidscope/catalog/fixture-0.1.0");

    static List<String> backends() { return Backends.names(); }

    /** Tokens printed by 0.1.0's {@code token create} when the fixture was made. */
    static final Map<String, String> TOKEN = Map.of("h2", "ss_0IaOL9fRUDsvB3jSXilm9oQLer1sbaGiPvhCD5i36f0",
            "postgresql", "ss_YUX4UXoAeYjb6FzbmLaTXlbbOFaNE6ZtVNsXom3BKQg");

    Catalog openFixture(String backend) throws Exception {
        copy(FIXTURE.resolve("workspace"), dir.resolve("ws"));
        if (backend.equals("h2")) return Catalog.openWorkspace(dir.resolve("ws"));
        Assumptions.assumeTrue(Backends.PG != null, "SOLIDSCOPE_TEST_PG_URL not set: PostgreSQL run skipped (.ci/run sets it)");
        Backends.dropAllTables();
        try (Connection c = java.sql.DriverManager.getConnection(Backends.PG); Statement s = c.createStatement()) {
            for (String stmt : Files.readString(FIXTURE.resolve("postgresql.sql")).split(";\\s*\\n")) {
                String sql = stmt.lines().filter(l -> !l.startsWith("--") && !l.startsWith("\\\\")).reduce("", (a, b) -> a + "\n" + b).strip();
                if (!sql.isEmpty()) s.execute(sql);
            }
        }
        return Catalog.open(Backends.PG, null, null, dir.resolve("ws").resolve("arrays"));
    }

    static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> w = Files.walk(from)) {
            for (Path p : (Iterable<Path>) w::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aRecordOfRelease010MigratesWithNothingLost(String backend) throws Exception {
        Catalog cat = openFixture(backend);
        CatalogQueries q = new CatalogQueries(cat);
        Map<String, Long> rows = Map.of("lot", 1L, "cell", 2L, "cell_state", 6L, "measurement", 6L, "analysis", 12L, "feature", 2L, "api_token", 1L,
                "metric", 12L * 18, "analysis_array", 12L);
        rows.forEach((table, n) -> assertEquals(n, q.count(table), table));
        // every blob is referenced, present and verified; nothing was removed as unreferenced
        Set<String> referenced = new HashSet<>(cat.referencedBlobs());
        assertEquals(12, referenced.size());
        assertEquals(referenced, cat.arrays().all());
        for (String sha : referenced) cat.arrays().get(sha);
        // values as 0.1.0 stored them
        assertEquals(-24.915611199034213, metric(cat, 1, "ut.mean_db"), 0);
        assertEquals(0.06226246562848192, metric(cat, 1, "ut.uniformity_cv"), 0);
        assertEquals(0.08078939253777366, metric(cat, 12, "ut.transmitting_fraction"), 0);
        assertEquals(40.5, metric(cat, 12, "ut.cell_width_mm"), 0);
        assertEquals(1.0, metric(cat, 2, "ut.count.bubble"), 0);
        assertEquals("dB", text(cat, "SELECT unit FROM metric WHERE analysis_id = 1 AND name = 'ut.mean_db'"));
        assertEquals("REVIEW", text(cat, "SELECT verdict FROM analysis WHERE id = 2"));
        assertEquals("FAIL", text(cat, "SELECT verdict FROM analysis WHERE id = 8"));
        assertEquals("strict", text(cat, "SELECT spec_name FROM analysis WHERE id = 8"));
        assertEquals("1d26a09bbf25a7dc7eeb72880a04e38a45aef2cf0273827ea5bf8d9ede1272c3",
                text(cat, "SELECT sha256 FROM analysis_array WHERE analysis_id = 12 AND name = 'levels'"));
        assertEquals("{\"circularity\":0.9797976184094807}", text(cat, "SELECT properties FROM feature WHERE analysis_id = 2").replaceAll("\\s", ""));
        // the history and the current analysis of every measurement, and the token
        Map<String, Object> fx0 = q.timeline("fx-0");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> states = (List<Map<String, Object>>) fx0.get("states");
        assertEquals(List.of("infiltration", "solidification", "formation"), states.stream().map(s -> s.get("state")).toList());
        @SuppressWarnings("unchecked")
        Map<String, Object> inf = ((List<Map<String, Object>>) states.get(0).get("measurements")).get(0);
        assertEquals(2L, inf.get("analyses"));
        assertEquals("FAIL", inf.get("verdict"));
        assertEquals(List.of("FAIL", "PASS"), List.of(q.listCells("fx-lot", null).get(0).verdict(), worstOf(q, "fx-1")));
        assertNotNull(new ApiTokens(cat).check(TOKEN.get(backend)), "the token of 0.1.0 still authorises");
        assertNull(new ApiTokens(cat).check("ss_not-a-token"));
        // opening again migrates nothing and keeps everything
        cat.close();
        Catalog again = backend.equals("h2") ? Catalog.openWorkspace(dir.resolve("ws")) : Catalog.open(Backends.PG, null, null, dir.resolve("ws").resolve("arrays"));
        rows.forEach((table, n) -> assertEquals(n, new CatalogQueries(again).count(table), table));
        assertEquals(12, again.arrays().all().size());
        again.close();
    }

    static String worstOf(CatalogQueries q, String cell) {
        return q.listCells("fx-lot", null).stream().filter(r -> r.cellId().equals(cell)).findFirst().orElseThrow().verdict();
    }

    static double metric(Catalog cat, long analysisId, String name) {
        return cat.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT metric_value FROM metric WHERE analysis_id = ? AND name = ?")) {
                ps.setLong(1, analysisId);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new AssertionError("no metric " + name + " of analysis " + analysisId);
                    return rs.getDouble(1);
                }
            }
        });
    }

    static String text(Catalog cat, String sql) {
        return cat.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new AssertionError("no row: " + sql);
                return rs.getString(1).strip();
            }
        });
    }

}
