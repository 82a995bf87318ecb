package org.solidscope.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import org.solidscope.core.record.Verdict;

/**
 * Each cell's current verdict per state and overall, kept on the cell row ({@code cell.verdict},
 * {@code cell.state_verdicts}) so that listing a lot of 10,000 cells reads 10,000 rows and joins
 * nothing. Recomputed inside every transaction that adds an analysis, under a lock on the cell row,
 * so concurrent writers of one cell take turns and the last one sees the others' rows.
 */
public final class CellSummary {
    private CellSummary() {}

    /** Recomputes the summary of the cell a measurement belongs to. */
    public static void refreshForMeasurement(Connection c, long measurementId) throws SQLException {
        String cell;
        try (PreparedStatement ps = c.prepareStatement("SELECT s.cell_id FROM measurement m JOIN cell_state s ON s.id = m.state_id WHERE m.id = ?")) {
            ps.setLong(1, measurementId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new SQLException("no measurement " + measurementId);
                cell = rs.getString(1);
            }
        }
        refresh(c, cell);
    }

    public static void refresh(Connection c, String cellId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM cell WHERE id = ? FOR UPDATE")) {
            ps.setString(1, cellId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new SQLException("no cell " + cellId);
            }
        }
        Map<String, String> states = new TreeMap<>();
        Verdict.Status overall = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT s.name, a.verdict FROM cell_state s JOIN measurement m ON m.state_id = s.id "
                + "JOIN analysis a ON a.id = m.current_analysis_id WHERE s.cell_id = ? AND a.verdict IS NOT NULL")) {
            ps.setString(1, cellId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Verdict.Status v = Verdict.Status.parse(rs.getString(2));
                    states.merge(rs.getString(1), v.name(), (a, b) -> Verdict.Status.worse(Verdict.Status.parse(a), Verdict.Status.parse(b)).name());
                    overall = Verdict.Status.worse(overall, v);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE cell SET verdict = ?, state_verdicts = ? WHERE id = ?")) {
            ps.setString(1, overall == null ? null : overall.name());
            ps.setString(2, encode(states));
            ps.setString(3, cellId);
            ps.executeUpdate();
        }
    }

    /** Every cell's summary (after a migration or a bulk load). */
    public static void refreshAll(Connection c) throws SQLException {
        java.util.List<String> cells = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM cell"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) cells.add(rs.getString(1));
        }
        for (String id : cells) refresh(c, id);
    }

    /** {@code state=VERDICT;…} in state-name order: short, and parsed without a JSON library on the hot path. */
    static String encode(Map<String, String> states) {
        StringBuilder b = new StringBuilder();
        for (var e : states.entrySet()) {
            if (b.length() > 0) b.append(';');
            b.append(e.getKey()).append('=').append(e.getValue());
        }
        return b.toString();
    }

    static Map<String, String> decode(String text) {
        Map<String, String> m = new TreeMap<>();
        if (text == null || text.isEmpty()) return m;
        int i = 0;
        while (i < text.length()) {
            int eq = text.indexOf('=', i), end = text.indexOf(';', eq);
            if (end < 0) end = text.length();
            m.put(text.substring(i, eq), text.substring(eq + 1, end));
            i = end + 1;
        }
        return m;
    }
}
