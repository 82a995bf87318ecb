package org.solidscope.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet export files: several Snappy-compressed row groups, read back by this reader and by DuckDB at full precision. */
class ParquetTableTest {
    @TempDir
    Path dir;

    static List<List<Object>> rows(int n) {
        SplittableRandom rnd = new SplittableRandom(5);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // repeated strings compress, as lot and cell ids do; every 7th metric is missing
            rows.add(Arrays.asList("lot-" + (i / 1000), "cell-" + i + "-µ", (long) i, i % 7 == 0 ? null : rnd.nextDouble() * 1e-3 - 7.5));
        }
        return rows;
    }

    static final List<ParquetTable.Column> COLS = List.of(new ParquetTable.Column("lot", ParquetTable.Type.STRING),
            new ParquetTable.Column("cell", ParquetTable.Type.STRING), new ParquetTable.Column("id", ParquetTable.Type.INT64),
            new ParquetTable.Column("ut.mean_db", ParquetTable.Type.DOUBLE));

    @Test
    void severalSnappyRowGroupsReadBackExactlyHereAndInDuckDb() throws Exception {
        List<List<Object>> rows = rows(120_000);
        Path snappy = dir.resolve("lot.parquet"), plain = dir.resolve("plain.parquet");
        ParquetTable.write(snappy, COLS, rows);
        ParquetTable.write(plain, COLS, rows, ParquetTable.Codec.UNCOMPRESSED, 1 << 30);
        assertTrue(Files.size(snappy) < 0.8 * Files.size(plain), Files.size(snappy) + " vs " + Files.size(plain));
        assertEquals(rows, ParquetTable.read(snappy).rows());
        assertEquals(rows, ParquetTable.read(plain).rows());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(DISTINCT row_group_id), MIN(compression), MAX(compression), SUM(row_group_num_rows) / 4 "
                    + "FROM parquet_metadata(?)")) {
                ps.setString(1, snappy.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(3, rs.getInt(1), "120,000 rows in groups of 50,000");
                    assertEquals("SNAPPY", rs.getString(2));
                    assertEquals("SNAPPY", rs.getString(3));
                    assertEquals(120_000, rs.getLong(4));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT lot, cell, id, \"ut.mean_db\" FROM read_parquet(?) ORDER BY id")) {
                ps.setString(1, snappy.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    int i = 0;
                    while (rs.next()) {
                        List<Object> r = rows.get(i++);
                        assertEquals(r.get(0), rs.getString(1));
                        assertEquals(r.get(1), rs.getString(2));
                        assertEquals(r.get(2), rs.getLong(3));
                        double d = rs.getDouble(4);
                        assertEquals(r.get(3), rs.wasNull() ? null : d, "row " + (i - 1) + ": DuckDB reads the same double, bit for bit");
                    }
                    assertEquals(rows.size(), i);
                }
            }
        }
    }

    @Test
    void anEmptyTableIsAValidFile() throws Exception {
        Path f = dir.resolve("empty.parquet");
        ParquetTable.write(f, COLS, List.of());
        assertEquals(List.of(), ParquetTable.read(f).rows());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM read_parquet(?)")) {
            ps.setString(1, f.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getLong(1));
            }
        }
    }
}
