package org.solidscope.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A line's history as the fleet statistics computed it (per lot, per week or over the whole line), kept in
 * the record so that the dashboard can draw it without running the job: each store replaces the rows of
 * its grouping in one transaction.
 */
public final class LineStatistics {
    private LineStatistics() {}

    /** One metric of one state in one group; NaN where undefined (no values). */
    public record Row(String groupBy, String group, String state, String metric, String unit, long n, double mean, double std, double min,
                      double max, double p05, double p25, double p50, double p75, double p95, double lcl, double ucl, int outside,
                      long measurements, double yield) {}

    /** Replaces the stored rows of {@code groupBy} with these. */
    public static void store(Catalog catalog, String groupBy, List<Row> rows) {
        catalog.inTransaction(c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM line_statistic WHERE group_by = ?")) {
                d.setString(1, groupBy);
                d.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO line_statistic (computed_utc, group_by, group_key, state, metric, unit, n, mean, std, "
                    + "min_value, max_value, p05, p25, p50, p75, p95, lcl, ucl, outside, measurements, yield) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                Timestamp now = Timestamp.from(Instant.now());
                for (Row r : rows) {
                    if (!r.groupBy().equals(groupBy)) throw new IllegalArgumentException("row of " + r.groupBy() + " stored as " + groupBy);
                    ps.setTimestamp(1, now);
                    ps.setString(2, groupBy);
                    ps.setString(3, r.group());
                    ps.setString(4, r.state());
                    ps.setString(5, r.metric());
                    ps.setString(6, r.unit());
                    ps.setLong(7, r.n());
                    double[] v = {r.mean(), r.std(), r.min(), r.max(), r.p05(), r.p25(), r.p50(), r.p75(), r.p95(), r.lcl(), r.ucl()};
                    for (int i = 0; i < v.length; i++) RecordWriter.setDouble(ps, 8 + i, v[i]);
                    ps.setInt(19, r.outside());
                    ps.setLong(20, r.measurements());
                    RecordWriter.setDouble(ps, 21, r.yield());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** The stored rows of one metric, every grouping, groups in order. */
    public static List<Row> of(Catalog catalog, String metric) {
        return catalog.inTransaction(c -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT group_by, group_key, state, metric, unit, n, mean, std, min_value, max_value, p05, p25, "
                    + "p50, p75, p95, lcl, ucl, outside, measurements, yield FROM line_statistic WHERE metric = ? ORDER BY group_by, state, group_key")) {
                ps.setString(1, metric);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double[] v = new double[11];
                        for (int i = 0; i < v.length; i++) {
                            Double d = CatalogQueries.dbl(rs, 7 + i);
                            v[i] = d == null ? Double.NaN : d;
                        }
                        Double y = CatalogQueries.dbl(rs, 20);
                        out.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), v[0], v[1], v[2],
                                v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], rs.getInt(18), rs.getLong(19), y == null ? Double.NaN : y));
                    }
                }
            }
            return out;
        });
    }
}
