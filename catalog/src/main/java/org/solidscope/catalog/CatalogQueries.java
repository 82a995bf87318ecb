package org.solidscope.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import org.solidscope.core.record.Metric;
import org.solidscope.core.record.Verdict;

/**
 * Read-only questions to the record, the same for every modality. "Current" is each measurement's
 * current analysis; verdicts of a state are the worst over its measurements that have one.
 */
public final class CatalogQueries {
    private final Catalog catalog;

    public CatalogQueries(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * One cell with the current verdict per state (worst over that state's measurements), per modality (its measurements
     * and comparisons) and overall; {@link CellSummary#NOT_JUDGED} where nothing there was judged.
     */
    public record CellRow(String cellId, String lot, Map<String, String> stateVerdicts, Map<String, String> modalityVerdicts, String verdict) {}

    /** A condition on a stored metric of a current analysis: {@code ct.ra_um>1.5}. */
    public record MetricFilter(String metric, String op, double value) {
        static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile("\\s*([a-z][a-z0-9_.]*)\\s*(<=|>=|<|>|=)\\s*(\\S+)\\s*");

        public MetricFilter {
            if (!Metric.isName(metric)) throw new InputException("--where", "metric", "a metric name such as ct.ra_um", "'" + metric + "'");
            if (!List.of("<", ">", "<=", ">=", "=").contains(op)) throw new InputException("--where", "operator", "<, >, <=, >= or =", op);
        }

        /** Parses {@code name<op>value}. */
        public static MetricFilter parse(String text) {
            var m = FORM.matcher(text == null ? "" : text);
            if (!m.matches()) throw new InputException("--where", "condition", "METRIC<op>VALUE with op one of < > <= >= =, e.g. ct.ra_um>1.5", "'" + text + "'");
            try {
                return new MetricFilter(m.group(1), m.group(2), Double.parseDouble(m.group(3)));
            } catch (NumberFormatException e) {
                throw new InputException("--where", "value", "a number", "'" + m.group(3) + "'");
            }
        }
    }

    /**
     * Cells, optionally of one lot, with a given overall verdict, and meeting every metric condition;
     * ordered by id. Reads the summary each cell row keeps ({@link CellSummary}): no join for a plain list.
     */
    public List<CellRow> listCells(String lot, String verdict, List<MetricFilter> where) {
        return listCells(lot, verdict, where, 0, Integer.MAX_VALUE).rows();
    }

    /** One page of cells and how many there are in all. */
    public record CellPage(long total, List<CellRow> rows) {}

    /** As {@link #listCells(String, String, List)}, the rows from {@code offset} on, at most {@code limit}; paged by the database. */
    public CellPage listCells(String lot, String verdict, List<MetricFilter> where, long offset, int limit) {
        return catalog.inTransaction(c -> {
            StringBuilder sql = new StringBuilder(" FROM cell ce WHERE 1 = 1");
            List<Object> args = new ArrayList<>();
            if (lot != null) {
                sql.append(" AND ce.lot_id = ?");
                args.add(lot);
            }
            if (verdict != null) {
                sql.append(" AND ce.verdict = ?");
                args.add(verdict.toUpperCase(java.util.Locale.ROOT));
            }
            for (MetricFilter f : where) {
                sql.append(" AND EXISTS (SELECT 1 FROM cell_state s2 JOIN measurement m2 ON m2.state_id = s2.id "
                        + "JOIN metric x ON x.analysis_id = m2.current_analysis_id WHERE s2.cell_id = ce.id AND x.name = ? AND x.metric_value ")
                        .append(f.op()).append(" ?)");
                args.add(f.metric());
                args.add(f.value());
            }
            List<CellRow> out = new ArrayList<>();
            boolean all = offset == 0 && limit == Integer.MAX_VALUE;
            try (PreparedStatement ps = c.prepareStatement("SELECT ce.id, ce.lot_id, ce.verdict, ce.state_verdicts, ce.modality_verdicts" + sql + " ORDER BY ce.id"
                    + (all ? "" : " LIMIT " + limit + " OFFSET " + offset))) {
                for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new CellRow(rs.getString(1), rs.getString(2), CellSummary.decode(rs.getString(4)),
                            CellSummary.decode(rs.getString(5)), rs.getString(3)));
                }
            }
            long total = out.size();
            if (!all) {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + sql)) {
                    for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        total = rs.getLong(1);
                    }
                }
            }
            return new CellPage(total, out);
        });
    }

    /** The named array of the current analysis of every measurement of a cell that has one (e.g. each CT section's height map). */
    public List<ArrayRef> cellArrays(String cellId, String name) {
        return catalog.inTransaction(c -> {
            List<ArrayRef> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT m.id, a.id, s.cell_id, s.name, m.modality, x.name, x.kind, x.dtype, x.shape, x.unit, "
                    + "x.pitch_mm, x.frame, x.sha256 FROM cell_state s JOIN measurement m ON m.state_id = s.id "
                    + "JOIN analysis a ON a.id = m.current_analysis_id JOIN analysis_array x ON x.analysis_id = a.id WHERE s.cell_id = ? AND x.name = ? "
                    + "ORDER BY s.sort_order, m.id")) {
                ps.setString(1, cellId);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(arrayRef(rs));
                }
            }
            return out;
        });
    }

    private static ArrayRef arrayRef(ResultSet rs) throws SQLException {
        Object frame = json(rs.getString(12));
        return new ArrayRef(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getString(10), dbl(rs, 11), frame instanceof JsonNode j ? j : null, rs.getString(13).strip());
    }

    public List<CellRow> listCells(String lot, String verdict) {
        return listCells(lot, verdict, List.of());
    }

    static String worse(String a, String b) {
        Verdict.Status w = Verdict.Status.worse(Verdict.Status.parse(a), Verdict.Status.parse(b));
        return w == null ? null : w.name();
    }

    /**
     * The cell's timeline: its states in life order and, under each, every measurement of every
     * modality with its current analysis (verdict, metrics, arrays, feature count) and how many
     * analyses it has had. Null when the cell is not in the record.
     */
    public Map<String, Object> timeline(String cellId) {
        return catalog.inTransaction(c -> {
            Map<String, Object> cell = cellHead(c, cellId);
            if (cell == null) return null;
            Map<Long, Map<String, Object>> byAnalysis = new LinkedHashMap<>();
            Map<String, Map<String, Object>> states = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT s.name, s.kind, s.sort_order, m.id, m.modality, m.file_name, m.raw_sha256, m.raw_bytes, "
                    + "m.frame, m.created_utc, a.id, a.pipeline, a.software_version, a.verdict, a.reasons, a.spec_name, "
                    + "(SELECT COUNT(*) FROM analysis h WHERE h.measurement_id = m.id), "
                    + "(SELECT COUNT(*) FROM feature f WHERE f.analysis_id = a.id AND f.counts_against_cell = TRUE) "
                    + "FROM cell_state s LEFT JOIN measurement m ON m.state_id = s.id LEFT JOIN analysis a ON a.id = m.current_analysis_id "
                    + "WHERE s.cell_id = ? ORDER BY s.sort_order, s.name, m.id")) {
                ps.setString(1, cellId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> st = states.computeIfAbsent(str(rs, 1), k -> new LinkedHashMap<>());
                        if (st.isEmpty()) {
                            st.put("state", rs.getString(1));
                            st.put("kind", rs.getString(2));
                            st.put("measurements", new ArrayList<Map<String, Object>>());
                        }
                        if (rs.getObject(4) == null) continue;
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("measurement_id", rs.getLong(4));
                        m.put("modality", rs.getString(5));
                        m.put("file", rs.getString(6));
                        m.put("raw_sha256", rs.getString(7).strip());
                        m.put("raw_bytes", rs.getLong(8));
                        m.put("frame", json(rs.getString(9)));
                        m.put("created_utc", rs.getTimestamp(10).toInstant().toString());
                        m.put("analysis_id", rs.getLong(11));
                        m.put("pipeline", rs.getString(12));
                        m.put("software_version", rs.getString(13));
                        m.put("verdict", rs.getString(14));
                        m.put("reasons", json(rs.getString(15)));
                        m.put("spec", rs.getString(16));
                        m.put("analyses", rs.getLong(17));
                        m.put("features_against_cell", rs.getLong(18));
                        m.put("metrics", new LinkedHashMap<String, Object>());
                        m.put("arrays", new ArrayList<Map<String, Object>>());
                        byAnalysis.put(rs.getLong(11), m);
                        @SuppressWarnings("unchecked")
                        List<Map<String, Object>> ms = (List<Map<String, Object>>) st.get("measurements");
                        ms.add(m);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT x.analysis_id, x.name, x.metric_value, x.unit, x.uncertainty FROM metric x "
                    + "JOIN measurement m ON m.current_analysis_id = x.analysis_id JOIN cell_state s ON s.id = m.state_id WHERE s.cell_id = ? ORDER BY x.name")) {
                ps.setString(1, cellId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> m = byAnalysis.get(rs.getLong(1));
                        @SuppressWarnings("unchecked")
                        Map<String, Object> metrics = (Map<String, Object>) m.get("metrics");
                        metrics.put(rs.getString(2), metricJson(dbl(rs, 3), rs.getString(4), dbl(rs, 5)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT x.analysis_id, x.name, x.kind, x.dtype, x.shape, x.unit, x.pitch_mm, x.frame, x.sha256 "
                    + "FROM analysis_array x JOIN measurement m ON m.current_analysis_id = x.analysis_id JOIN cell_state s ON s.id = m.state_id "
                    + "WHERE s.cell_id = ? ORDER BY x.name")) {
                ps.setString(1, cellId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> m = byAnalysis.get(rs.getLong(1));
                        @SuppressWarnings("unchecked")
                        List<Map<String, Object>> arrays = (List<Map<String, Object>>) m.get("arrays");
                        arrays.add(arrayJson(rs, 2));
                    }
                }
            }
            cell.put("states", new ArrayList<>(states.values()));
            cell.put("cell_analyses", cellAnalyses(c, cellId));
            return cell;
        });
    }

    /**
     * An analysis a specification judges: a measurement's current one (with its state) or the newest of a cell-level
     * pipeline (state null), with its metrics and the verdict it has.
     */
    public record Judgeable(long analysisId, String cellId, String modality, String state, String pipeline, String specName, String verdict,
                            String reasonsJson, Map<String, Double> metrics) {}

    /** Every analysis of a lot (null: every lot) that a re-judge reads: metrics only, no arrays, nothing recomputed. */
    public List<Judgeable> judgeable(String lot) {
        Map<Long, Judgeable> heads = catalog.inTransaction(c -> {
            Map<Long, Judgeable> out = new LinkedHashMap<>();
            String lotCond = lot == null ? "" : " AND ce.lot_id = ?";
            String sql = "SELECT a.id, ce.id, a.modality, s.name, a.pipeline, a.spec_name, a.verdict, a.reasons FROM cell ce "
                    + "JOIN cell_state s ON s.cell_id = ce.id JOIN measurement m ON m.state_id = s.id JOIN analysis a ON a.id = m.current_analysis_id "
                    + "WHERE 1 = 1" + lotCond + " UNION ALL SELECT a.id, ce.id, a.modality, NULL, a.pipeline, a.spec_name, a.verdict, a.reasons FROM cell ce "
                    + "JOIN analysis a ON a.cell_id = ce.id WHERE a.measurement_id IS NULL AND a.id = (SELECT MAX(b.id) FROM analysis b "
                    + "WHERE b.cell_id = a.cell_id AND b.pipeline = a.pipeline AND b.measurement_id IS NULL)" + lotCond + " ORDER BY 1";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (lot != null) {
                    ps.setString(1, lot);
                    ps.setString(2, lot);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), new Judgeable(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                rs.getString(7), rs.getString(8), new LinkedHashMap<>()));
                    }
                }
            }
            return out;
        });
        for (MetricRow r : metricRows(heads.keySet(), null)) heads.get(r.analysisId()).metrics().put(r.name(), r.value());
        return new ArrayList<>(heads.values());
    }

    /**
     * One value of a lot's metric: of a measurement's current analysis (with its state) or of a cell's newest analysis of
     * a cell-level pipeline (state {@code cell}); {@code order} is the measurement's id (0 for the cell's own analyses).
     */
    public record MetricValue(String cellId, String state, String metric, double value, long order) {}

    /**
     * Every finite value of a lot's metrics ({@code metric} null: of all). The lot's current analyses are listed first (a
     * few rows per cell); their metric rows are then read by ranges of analysis id, in parallel on the pool's
     * connections, and kept when they belong to the lot: a million values read as plain rows rather than through a
     * four-table join per value. The cells' own newest analyses follow in one query.
     */
    public List<MetricValue> lotMetricValues(String lot, String metric) {
        record Owner(String cell, String state, long measurement) {}
        Map<Long, Owner> owners = new java.util.HashMap<>();
        catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT m.current_analysis_id, ce.id, s.name, m.id FROM cell ce JOIN cell_state s ON s.cell_id = ce.id "
                    + "JOIN measurement m ON m.state_id = s.id WHERE ce.lot_id = ? AND m.current_analysis_id IS NOT NULL")) {
                ps.setString(1, lot);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) owners.put(rs.getLong(1), new Owner(rs.getString(2), rs.getString(3), rs.getLong(4)));
                }
            }
            return null;
        });
        List<MetricValue> out = new ArrayList<>();
        for (MetricRow r : metricRows(owners.keySet(), metric)) {
            if (!Double.isFinite(r.value())) continue;
            Owner o = owners.get(r.analysisId());
            out.add(new MetricValue(o.cell(), o.state(), r.name(), r.value(), o.measurement()));
        }
        catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT ce.id, x.name, x.metric_value FROM cell ce JOIN analysis a ON a.cell_id = ce.id "
                    + "JOIN metric x ON x.analysis_id = a.id WHERE ce.lot_id = ? AND a.measurement_id IS NULL AND x.metric_value IS NOT NULL"
                    + (metric == null ? "" : " AND x.name = ?")
                    + " AND a.id = (SELECT MAX(b.id) FROM analysis b WHERE b.cell_id = a.cell_id AND b.pipeline = a.pipeline AND b.measurement_id IS NULL)")) {
                ps.setString(1, lot);
                if (metric != null) ps.setString(2, metric);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double v = rs.getDouble(3);
                        if (Double.isFinite(v)) out.add(new MetricValue(rs.getString(1), "cell", rs.getString(2), v, 0));
                    }
                }
            }
            return null;
        });
        return out;
    }

    /** A cell's stored registrations, newest first, as rows of their columns. */
    public List<Map<String, Object>> registrations(String cellId) {
        return catalog.inTransaction(c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, fixed_measurement_id, moving_measurement_id, fixed_array, moving_array, tx_mm, ty_mm, "
                    + "rotation_deg, scale, pivot_x_mm, pivot_y_mm, ncc, overlap_fraction, software_version, created_utc FROM registration WHERE cell_id = ? "
                    + "ORDER BY id DESC")) {
                ps.setString(1, cellId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("registration_id", rs.getLong(1));
                        m.put("fixed_measurement_id", rs.getLong(2));
                        m.put("moving_measurement_id", rs.getLong(3));
                        m.put("fixed_array", rs.getString(4));
                        m.put("moving_array", rs.getString(5));
                        String[] k = {"tx_mm", "ty_mm", "rotation_deg", "scale", "pivot_x_mm", "pivot_y_mm", "ncc", "overlap_fraction"};
                        for (int i = 0; i < k.length; i++) m.put(k[i], rs.getDouble(6 + i));
                        m.put("residual", 1 - Math.abs(rs.getDouble(12)));
                        m.put("software_version", rs.getString(14));
                        m.put("created_utc", rs.getTimestamp(15).toInstant().toString());
                        out.add(m);
                    }
                }
            }
            return out;
        });
    }

    /** One stored metric value of an analysis (NaN for none). */
    record MetricRow(long analysisId, String name, double value) {}

    /**
     * The metric rows of these analyses ({@code metric} null: every metric), read as plain rows by ranges of analysis id,
     * in parallel on the pool's connections, and kept when their analysis is one of {@code ids}: a million values without
     * a join per value.
     */
    private List<MetricRow> metricRows(java.util.Set<Long> ids, String metric) {
        long[] sorted = ids.stream().mapToLong(Long::longValue).sorted().toArray();
        int parts = sorted.length == 0 ? 0 : (int) Math.min(4, Math.max(1, sorted.length / 2_000));
        String only = metric == null ? "" : " AND name = ?";
        List<List<MetricRow>> chunks = java.util.stream.IntStream.range(0, parts).parallel().mapToObj(k -> catalog.inTransaction(c -> {
            List<MetricRow> out = new ArrayList<>();
            long lo = sorted[(int) ((long) sorted.length * k / parts)], hi = sorted[(int) ((long) sorted.length * (k + 1) / parts) - 1];
            Map<String, String> names = new java.util.HashMap<>(); // one string per metric name, not one per row
            try (PreparedStatement ps = c.prepareStatement("SELECT analysis_id, name, metric_value FROM metric WHERE analysis_id BETWEEN ? AND ?" + only)) {
                ps.setLong(1, lo);
                ps.setLong(2, hi);
                if (metric != null) ps.setString(3, metric);
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long a = rs.getLong(1);
                        if (!ids.contains(a)) continue; // another lot's analysis, or one no longer current
                        double v = rs.getDouble(3);
                        out.add(new MetricRow(a, names.computeIfAbsent(rs.getString(2), n -> n), rs.wasNull() ? Double.NaN : v));
                    }
                }
            }
            return out;
        })).toList();
        List<MetricRow> all = new ArrayList<>();
        for (List<MetricRow> c : chunks) all.addAll(c);
        return all;
    }

    /** The modality of a measurement, or null when there is no such measurement. */
    public String measurementModality(long measurementId) {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT modality FROM measurement WHERE id = ?")) {
                ps.setLong(1, measurementId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    /**
     * One state of a cell across its instruments: the cell's head (verdict from every modality and its reasons), the
     * state's measurements of every modality as the timeline gives them (metrics, arrays with their place in the cell's
     * frame, verdicts), the state's verdict, and {@code missing}: the modalities that measured the cell in other states
     * but not in this one. Null when the cell or the state is not in the record.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> stateView(String cellId, String state) {
        Map<String, Object> t = timeline(cellId);
        if (t == null) return null;
        List<Map<String, Object>> states = (List<Map<String, Object>>) t.get("states");
        Map<String, Object> st = states.stream().filter(s -> state.equals(s.get("state"))).findFirst().orElse(null);
        if (st == null) return null;
        java.util.Set<String> all = new java.util.TreeSet<>(), here = new java.util.TreeSet<>();
        String verdict = null;
        boolean judged = false;
        for (Map<String, Object> s : states) {
            for (Map<String, Object> m : (List<Map<String, Object>>) s.get("measurements")) {
                all.add((String) m.get("modality"));
                if (s != st) continue;
                here.add((String) m.get("modality"));
                if (m.get("verdict") != null) {
                    verdict = worse(verdict, (String) m.get("verdict"));
                    judged = true;
                }
            }
        }
        all.removeAll(here);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : List.of("cell", "lot", "format", "width_mm", "height_mm", "verdict", "modality_verdicts")) out.put(k, t.get(k));
        out.put("state", state);
        out.put("kind", st.get("kind"));
        out.put("state_verdict", judged ? verdict : (here.isEmpty() ? null : CellSummary.NOT_JUDGED));
        out.put("modalities", new ArrayList<>(here));
        out.put("missing", new ArrayList<>(all));
        out.put("measurements", st.get("measurements"));
        out.put("verdict_reasons", ((List<Map<String, Object>>) t.get("verdict_reasons")).stream().filter(r -> state.equals(r.get("state"))).toList());
        out.put("states", states.stream().map(s -> s.get("state")).toList());
        return out;
    }

    /** The newest analysis of each cell-level pipeline (a stage comparison) with its metrics, arrays, inputs and history count. */
    private static List<Map<String, Object>> cellAnalyses(Connection c, String cellId) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.id, a.pipeline, a.modality, a.software_version, a.spec_name, a.verdict, a.reasons, a.created_utc, "
                + "(SELECT COUNT(*) FROM analysis h WHERE h.cell_id = a.cell_id AND h.pipeline = a.pipeline) FROM analysis a WHERE a.cell_id = ? "
                + "AND a.id = (SELECT MAX(b.id) FROM analysis b WHERE b.cell_id = a.cell_id AND b.pipeline = a.pipeline) ORDER BY a.pipeline")) {
            ps.setString(1, cellId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("analysis_id", rs.getLong(1));
                    a.put("pipeline", rs.getString(2));
                    a.put("modality", rs.getString(3));
                    a.put("software_version", rs.getString(4));
                    a.put("spec", rs.getString(5));
                    a.put("verdict", rs.getString(6));
                    a.put("reasons", json(rs.getString(7)));
                    a.put("created_utc", rs.getTimestamp(8).toInstant().toString());
                    a.put("analyses", rs.getLong(9));
                    out.add(a);
                }
            }
        }
        for (Map<String, Object> a : out) {
            long id = (Long) a.get("analysis_id");
            Map<String, Object> metrics = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, metric_value, unit, uncertainty FROM metric WHERE analysis_id = ? ORDER BY name")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) metrics.put(rs.getString(1), metricJson(dbl(rs, 2), rs.getString(3), dbl(rs, 4)));
                }
            }
            a.put("metrics", metrics);
            List<Map<String, Object>> arrays = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, kind, dtype, shape, unit, pitch_mm, frame, sha256 FROM analysis_array WHERE analysis_id = ? ORDER BY name")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) arrays.add(arrayJson(rs, 1));
                }
            }
            a.put("arrays", arrays);
            List<Long> inputs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT measurement_id FROM analysis_input WHERE analysis_id = ? ORDER BY measurement_id")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) inputs.add(rs.getLong(1));
                }
            }
            a.put("inputs", inputs);
        }
        return out;
    }

    /** The named array of a cell's newest analysis of a cell-level pipeline, or null. */
    public ArrayRef cellAnalysisArray(String cellId, String pipeline, String name) {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 0, a.id, a.cell_id, 'cell', a.modality, x.name, x.kind, x.dtype, x.shape, x.unit, "
                    + "x.pitch_mm, x.frame, x.sha256 FROM analysis a JOIN analysis_array x ON x.analysis_id = a.id WHERE a.cell_id = ? AND a.pipeline = ? "
                    + "AND x.name = ? ORDER BY a.id DESC")) {
                ps.setString(1, cellId);
                ps.setString(2, pipeline);
                ps.setString(3, name);
                ps.setMaxRows(1);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? arrayRef(rs) : null;
                }
            }
        });
    }

    /** The measurements the newest analysis of a cell-level pipeline read, and its specification; null when there is none. */
    public record CellAnalysisInputs(long analysisId, String spec, List<Long> measurementIds) {}

    public CellAnalysisInputs latestCellAnalysis(String cellId, String pipeline) {
        return catalog.inTransaction(c -> {
            long id;
            String spec;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, spec_name FROM analysis WHERE cell_id = ? AND pipeline = ? ORDER BY id DESC")) {
                ps.setString(1, cellId);
                ps.setString(2, pipeline);
                ps.setMaxRows(1);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return null;
                    id = rs.getLong(1);
                    spec = rs.getString(2);
                }
            }
            List<Long> in = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT measurement_id FROM analysis_input WHERE analysis_id = ? ORDER BY measurement_id")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) in.add(rs.getLong(1));
                }
            }
            return new CellAnalysisInputs(id, spec, in);
        });
    }

    private static Map<String, Object> metricJson(Double value, String unit, Double uncertainty) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("value", value);
        x.put("unit", unit);
        if (uncertainty != null) x.put("uncertainty", uncertainty);
        return x;
    }

    private static Map<String, Object> arrayJson(ResultSet rs, int from) throws SQLException {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", rs.getString(from));
        a.put("kind", rs.getString(from + 1));
        a.put("dtype", rs.getString(from + 2));
        a.put("shape", json(rs.getString(from + 3)));
        a.put("unit", rs.getString(from + 4));
        a.put("pitch_mm", dbl(rs, from + 5));
        a.put("frame", json(rs.getString(from + 6)));
        a.put("sha256", rs.getString(from + 7).strip());
        return a;
    }

    private static Map<String, Object> cellHead(Connection c, String cellId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, lot_id, format, width_mm, height_mm, created_utc FROM cell WHERE id = ?")) {
            ps.setString(1, cellId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                Map<String, Object> cell = new LinkedHashMap<>();
                cell.put("cell", rs.getString(1));
                cell.put("lot", rs.getString(2));
                cell.put("format", rs.getString(3));
                cell.put("width_mm", dbl(rs, 4));
                cell.put("height_mm", dbl(rs, 5));
                cell.put("created_utc", rs.getTimestamp(6).toInstant().toString());
                CellSummary.Summary sum = CellSummary.of(c, cellId);
                cell.put("verdict", sum.overall() == null ? null : sum.overall().name());
                cell.put("modality_verdicts", sum.modalities());
                List<Map<String, Object>> reasons = new ArrayList<>();
                for (CellSummary.Reason r : sum.reasons()) {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("modality", r.modality());
                    x.put("state", r.state());
                    x.put("verdict", r.verdict());
                    x.put("reason", r.text());
                    reasons.add(x);
                }
                cell.put("verdict_reasons", reasons);
                return cell;
            }
        }
    }

    private static String str(ResultSet rs, int i) {
        try {
            return rs.getString(i);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Object json(String text) {
        if (text == null) return null;
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            return text;
        }
    }

    /** Everything about one cell: the timeline plus, per measurement, every analysis (history) and the current features. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> showCell(String cellId) {
        Map<String, Object> cell = timeline(cellId);
        if (cell == null) return null;
        return catalog.inTransaction(c -> {
            for (Object so : (List<Object>) cell.get("states")) {
                for (Map<String, Object> m : (List<Map<String, Object>>) ((Map<String, Object>) so).get("measurements")) {
                    List<Map<String, Object>> history = new ArrayList<>();
                    try (PreparedStatement ps = c.prepareStatement("SELECT id, modality, pipeline, software_version, spec_name, parameters, verdict, reasons, "
                            + "notes, created_utc FROM analysis WHERE measurement_id = ? ORDER BY id")) {
                        ps.setLong(1, (Long) m.get("measurement_id"));
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                Map<String, Object> a = new LinkedHashMap<>();
                                a.put("analysis_id", rs.getLong(1));
                                a.put("modality", rs.getString(2));
                                a.put("pipeline", rs.getString(3));
                                a.put("software_version", rs.getString(4));
                                a.put("spec", rs.getString(5));
                                a.put("parameters", json(rs.getString(6)));
                                a.put("verdict", rs.getString(7));
                                a.put("reasons", json(rs.getString(8)));
                                a.put("notes", json(rs.getString(9)));
                                a.put("created_utc", rs.getTimestamp(10).toInstant().toString());
                                history.add(a);
                            }
                        }
                    }
                    m.put("history", history);
                    m.put("current_features", features(c, (Long) m.get("analysis_id")));
                }
            }
            return cell;
        });
    }

    private static List<Map<String, Object>> features(Connection c, long analysisId) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, x_mm, y_mm, z_mm, area_mm2, size_mm, counts_against_cell, properties FROM feature "
                + "WHERE analysis_id = ? ORDER BY id")) {
            ps.setLong(1, analysisId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("kind", rs.getString(1));
                    d.put("x_mm", dbl(rs, 2));
                    d.put("y_mm", dbl(rs, 3));
                    d.put("z_mm", dbl(rs, 4));
                    d.put("area_mm2", dbl(rs, 5));
                    d.put("equivalent_diameter_mm", dbl(rs, 6));
                    d.put("counts_against_cell", rs.getBoolean(7));
                    d.put("properties", json(rs.getString(8)));
                    out.add(d);
                }
            }
        }
        return out;
    }

    /** One measurement of a lot with its current analysis and every metric of it. */
    public record MeasurementRow(String lot, String cellId, String state, double stateOrder, String modality, String file, String rawSha256,
                                 long measurementId, long analysisId, String pipeline, String softwareVersion, String verdict,
                                 String modalityVerdict, String cellVerdict, Map<String, Metric> metrics) {}

    /** The measurements of a lot (optionally of one modality), cell by cell in life order, with their current analyses. */
    public List<MeasurementRow> measurements(String lot, String modality) {
        return catalog.inTransaction(c -> {
            List<MeasurementRow> out = new ArrayList<>();
            Map<Long, Map<String, Metric>> metrics = new java.util.HashMap<>();
            String mod = modality == null ? "" : " AND m.modality = ?";
            try (PreparedStatement ps = c.prepareStatement("SELECT ce.lot_id, ce.id, s.name, s.sort_order, m.modality, m.file_name, m.raw_sha256, m.id, "
                    + "a.id, a.pipeline, a.software_version, a.verdict, ce.modality_verdicts, ce.verdict FROM cell ce JOIN cell_state s ON s.cell_id = ce.id "
                    + "JOIN measurement m ON m.state_id = s.id JOIN analysis a ON a.id = m.current_analysis_id WHERE ce.lot_id = ?" + mod
                    + " ORDER BY ce.id, s.sort_order, s.name, m.id")) {
                ps.setString(1, lot);
                if (modality != null) ps.setString(2, modality);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Metric> ms = new LinkedHashMap<>();
                        metrics.put(rs.getLong(9), ms);
                        out.add(new MeasurementRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getString(5), rs.getString(6),
                                rs.getString(7).strip(), rs.getLong(8), rs.getLong(9), rs.getString(10), rs.getString(11), rs.getString(12),
                                CellSummary.decode(rs.getString(13)).get(rs.getString(5)), rs.getString(14), ms));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT x.analysis_id, x.name, x.metric_value, x.unit, x.uncertainty FROM metric x "
                    + "JOIN measurement m ON m.current_analysis_id = x.analysis_id JOIN cell_state s ON s.id = m.state_id JOIN cell ce ON ce.id = s.cell_id "
                    + "WHERE ce.lot_id = ?" + mod + " ORDER BY x.name")) {
                ps.setString(1, lot);
                if (modality != null) ps.setString(2, modality);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Metric> ms = metrics.get(rs.getLong(1));
                        if (ms == null) continue;
                        Double v = dbl(rs, 3), u = dbl(rs, 5);
                        ms.put(rs.getString(2), new Metric(rs.getString(2), v == null ? Double.NaN : v, rs.getString(4), u == null ? Double.NaN : u));
                    }
                }
            }
            return out;
        });
    }

    static Double dbl(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }

    /** Lots with their number of cells, newest first. */
    public List<Map<String, Object>> lots() {
        return catalog.inTransaction(c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT l.id, l.created_utc, COUNT(c.id) FROM lot l LEFT JOIN cell c ON c.lot_id = l.id "
                    + "GROUP BY l.id, l.created_utc ORDER BY l.created_utc DESC, l.id"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("lot", rs.getString(1));
                    m.put("created_utc", rs.getTimestamp(2).toInstant().toString());
                    m.put("cells", rs.getLong(3));
                    out.add(m);
                }
            }
            return out;
        });
    }

    public boolean lotExists(String lot) {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM lot WHERE id = ?")) {
                ps.setString(1, lot);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** An array of a measurement's current analysis, with where it lies and whose it is. */
    public record ArrayRef(long measurementId, long analysisId, String cellId, String state, String modality, String name, String kind, String dtype,
                           String shape, String unit, Double pitchMm, JsonNode frame, String sha256) {}

    /** The named array of a measurement's current analysis, or null. */
    public ArrayRef array(long measurementId, String name) {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT m.id, a.id, s.cell_id, s.name, m.modality, x.name, x.kind, x.dtype, x.shape, x.unit, "
                    + "x.pitch_mm, x.frame, x.sha256 FROM measurement m JOIN cell_state s ON s.id = m.state_id "
                    + "JOIN analysis a ON a.id = m.current_analysis_id JOIN analysis_array x ON x.analysis_id = a.id WHERE m.id = ? AND x.name = ?")) {
                ps.setLong(1, measurementId);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? arrayRef(rs) : null;
                }
            }
        });
    }

    /** Current features of a measurement that count against the cell: kind, x, y (mm), equivalent radius (mm). */
    public List<double[]> featureCircles(long measurementId, List<String> kinds) {
        return catalog.inTransaction(c -> {
            List<double[]> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT f.kind, f.x_mm, f.y_mm, f.size_mm FROM feature f JOIN measurement m "
                    + "ON m.current_analysis_id = f.analysis_id WHERE m.id = ? AND f.counts_against_cell = TRUE AND f.x_mm IS NOT NULL ORDER BY f.id")) {
                ps.setLong(1, measurementId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        kinds.add(rs.getString(1));
                        out.add(new double[] {rs.getDouble(2), rs.getDouble(3), rs.getDouble(4) / 2});
                    }
                }
            }
            return out;
        });
    }

    /** Stored measurements to analyse again: of a lot, optionally of one modality, oldest first. */
    public record StoredMeasurement(long measurementId, String cellId, String state, String modality, String fileName, String rawSha256, String settings) {
        /** The sidecar's text the record kept with the settings (a raw file needs it to be read again), or null. */
        public String sidecar() {
            try {
                JsonNode n = Json.mapper().readTree(settings == null ? "{}" : settings);
                return n.hasNonNull("sidecar") ? n.get("sidecar").asText() : null;
            } catch (IOException e) {
                throw new IllegalStateException("measurement " + measurementId + ": stored settings are not JSON", e);
            }
        }
    }

    public List<StoredMeasurement> storedMeasurements(String lot, String modality) {
        return stored("ce.lot_id = ?", lot, modality);
    }

    /** The stored measurements of one cell (optionally of one modality), oldest first: one indexed lookup, not a lot scan. */
    public List<StoredMeasurement> storedMeasurementsOfCell(String cellId, String modality) {
        return stored("s.cell_id = ?", cellId, modality);
    }

    private List<StoredMeasurement> stored(String where, String key, String modality) {
        return catalog.inTransaction(c -> {
            List<StoredMeasurement> l = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT m.id, s.cell_id, s.name, m.modality, m.file_name, m.raw_sha256, m.settings FROM measurement m "
                    + "JOIN cell_state s ON s.id = m.state_id JOIN cell ce ON ce.id = s.cell_id WHERE " + where
                    + (modality == null ? "" : " AND m.modality = ?") + " ORDER BY m.id")) {
                ps.setString(1, key);
                if (modality != null) ps.setString(2, modality);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) l.add(new StoredMeasurement(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6).strip(), rs.getString(7)));
                }
            }
            return l;
        });
    }

    /** Count of analyses in the record (all history). */
    public long analysisCount() {
        return count("analysis");
    }

    /** Rows of a table of the record (for checks and tests). */
    public long count(String table) {
        if (!table.matches("[a-z_]+")) throw new IllegalArgumentException(table);
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
