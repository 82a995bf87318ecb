package org.solidscope.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.solidscope.core.record.Verdict;

/**
 * Lot statistics over the current analyses, aggregated by the database: per state the verdict counts
 * and the yield (PASS / measurements with a verdict), and per metric of any modality the distribution
 * with Shewhart control limits mean ± 3σ (σ the sample standard deviation over the lot) and the
 * measurements outside them.
 */
public final class LotStatistics {
    private LotStatistics() {}

    public record MetricStats(String metric, String unit, int n, double mean, double std, double min, double max, double lcl, double ucl,
                              List<String> outside) {}

    public record StateStats(String state, int measurements, Map<String, Integer> verdicts, double yield, List<MetricStats> metrics) {}

    /**
     * The lot's cells by their verdict from every modality: how many have each overall verdict ({@code not judged} when
     * nothing of theirs was), the yield (PASS / cells judged), and the same per modality over the cells it measured.
     */
    public record CellYield(int cells, Map<String, Integer> verdicts, double yield, Map<String, ModalityYield> modalities) {}

    public record ModalityYield(int cells, Map<String, Integer> verdicts, double yield) {}

    /** Read from the summary every cell row keeps: one row per cell, no join. */
    public static CellYield cells(Catalog catalog, String lot) {
        return catalog.inTransaction(c -> {
            Map<String, Integer> overall = counts();
            Map<String, Map<String, Integer>> byModality = new java.util.TreeMap<>();
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT verdict, modality_verdicts FROM cell WHERE lot_id = ?")) {
                ps.setString(1, lot);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        n++;
                        overall.merge(rs.getString(1) == null ? CellSummary.NOT_JUDGED : rs.getString(1), 1, Integer::sum);
                        CellSummary.decode(rs.getString(2)).forEach((m, v) -> byModality.computeIfAbsent(m, k -> counts()).merge(v, 1, Integer::sum));
                    }
                }
            }
            Map<String, ModalityYield> modalities = new LinkedHashMap<>();
            byModality.forEach((m, v) -> modalities.put(m, new ModalityYield(v.values().stream().mapToInt(Integer::intValue).sum(), v, passShare(v))));
            return new CellYield(n, overall, passShare(overall), modalities);
        });
    }

    private static Map<String, Integer> counts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Verdict.Status s : Verdict.Status.values()) m.put(s.name(), 0);
        m.put(CellSummary.NOT_JUDGED, 0);
        return m;
    }

    /** PASS over the judged; NaN when none was judged. */
    private static double passShare(Map<String, Integer> v) {
        int judged = v.get("PASS") + v.get("REVIEW") + v.get("FAIL");
        return judged == 0 ? Double.NaN : (double) v.get("PASS") / judged;
    }

    static final String CURRENT = "FROM cell ce JOIN cell_state s ON s.cell_id = ce.id JOIN measurement m ON m.state_id = s.id "
            + "JOIN analysis a ON a.id = m.current_analysis_id ";

    /** Statistics of a lot, per state in life order; {@code metric} non-null keeps that metric only. Empty for an unknown lot. */
    public static List<StateStats> of(Catalog catalog, String lot, String metric) {
        return catalog.inTransaction(c -> {
            Map<String, int[]> counts = new LinkedHashMap<>();
            Map<String, Map<String, Integer>> verdicts = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT s.name, MIN(s.sort_order) o, a.verdict, COUNT(*) " + CURRENT
                    + "WHERE ce.lot_id = ? GROUP BY s.name, a.verdict ORDER BY o, s.name")) {
                ps.setString(1, lot);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String st = rs.getString(1);
                        Map<String, Integer> v = verdicts.computeIfAbsent(st, k -> {
                            Map<String, Integer> m = new LinkedHashMap<>();
                            for (Verdict.Status s : Verdict.Status.values()) m.put(s.name(), 0);
                            return m;
                        });
                        counts.computeIfAbsent(st, k -> new int[1])[0] += rs.getInt(4);
                        if (rs.getString(3) != null) v.put(rs.getString(3), rs.getInt(4));
                    }
                }
            }
            String only = metric == null ? "" : " AND x.name = ?";
            String agg = "SELECT s.name st, x.name mt, MIN(x.unit) unit, COUNT(x.metric_value) n, AVG(x.metric_value) mean, STDDEV_SAMP(x.metric_value) sd, "
                    + "MIN(x.metric_value) lo, MAX(x.metric_value) hi " + CURRENT + "JOIN metric x ON x.analysis_id = a.id WHERE ce.lot_id = ?" + only
                    + " GROUP BY s.name, x.name";
            Map<String, List<MetricStats>> byState = new LinkedHashMap<>();
            Map<String, List<String>> outside = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT s.name, x.name, ce.id, m.file_name " + CURRENT + "JOIN metric x ON x.analysis_id = a.id "
                    + "JOIN (" + agg + ") g ON g.st = s.name AND g.mt = x.name WHERE ce.lot_id = ?" + only
                    + " AND g.sd IS NOT NULL AND (x.metric_value < g.mean - 3 * g.sd OR x.metric_value > g.mean + 3 * g.sd) ORDER BY ce.id, m.id")) {
                int i = 1;
                ps.setString(i++, lot);
                if (metric != null) ps.setString(i++, metric);
                ps.setString(i++, lot);
                if (metric != null) ps.setString(i, metric);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) outside.computeIfAbsent(rs.getString(1) + "\n" + rs.getString(2), k -> new ArrayList<>())
                            .add(rs.getString(3) + " (" + rs.getString(4) + ")");
                }
            }
            try (PreparedStatement ps = c.prepareStatement(agg + " ORDER BY s.name, x.name")) {
                ps.setString(1, lot);
                if (metric != null) ps.setString(2, metric);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int n = rs.getInt(4);
                        double mean = n == 0 ? Double.NaN : rs.getDouble(5);
                        Double sd = CatalogQueries.dbl(rs, 6);
                        double std = sd == null ? 0 : sd;
                        double lo = n == 0 ? Double.NaN : rs.getDouble(7), hi = n == 0 ? Double.NaN : rs.getDouble(8);
                        byState.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new MetricStats(rs.getString(2), rs.getString(3), n, mean, std,
                                lo, hi, mean - 3 * std, mean + 3 * std, outside.getOrDefault(rs.getString(1) + "\n" + rs.getString(2), List.of())));
                    }
                }
            }
            List<StateStats> out = new ArrayList<>();
            for (var e : counts.entrySet()) {
                Map<String, Integer> v = verdicts.get(e.getKey());
                int judged = v.values().stream().mapToInt(Integer::intValue).sum();
                List<MetricStats> ms = byState.getOrDefault(e.getKey(), List.of());
                if (metric != null && ms.isEmpty()) continue;
                out.add(new StateStats(e.getKey(), e.getValue()[0], v, judged == 0 ? Double.NaN : (double) v.get("PASS") / judged, ms));
            }
            return out;
        });
    }
}
