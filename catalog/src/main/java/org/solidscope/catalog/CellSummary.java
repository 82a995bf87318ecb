package org.solidscope.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.solidscope.core.Json;
import org.solidscope.core.record.Verdict;

/**
 * Each cell's current verdict per state, per modality and overall, kept on the cell row ({@code cell.verdict},
 * {@code cell.state_verdicts}, {@code cell.modality_verdicts}) so that listing a lot of 10,000 cells reads 10,000 rows and joins
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
        Summary sum = of(c, cellId);
        try (PreparedStatement ps = c.prepareStatement("UPDATE cell SET verdict = ?, state_verdicts = ?, modality_verdicts = ? WHERE id = ?")) {
            ps.setString(1, sum.overall() == null ? null : sum.overall().name());
            ps.setString(2, encode(sum.states()));
            ps.setString(3, encode(sum.modalities()));
            ps.setString(4, cellId);
            ps.executeUpdate();
        }
    }

    /** How a cell's state or modality reads when none of its current analyses there was judged. */
    public static final String NOT_JUDGED = "not judged";

    /**
     * A cell's verdict: per state and per modality the worst of its judged current analyses ({@link #NOT_JUDGED} where
     * none was judged), overall the worst of all (null when nothing was judged), and every reason of a REVIEW or FAIL
     * naming modality, state (null for an analysis of the cell, such as a stage comparison) and what crossed which limit.
     */
    public record Summary(Map<String, String> states, Map<String, String> modalities, Verdict.Status overall, List<Reason> reasons) {}

    public record Reason(String modality, String state, String verdict, String text) {}

    /** The current analysis of every measurement and the newest of each pipeline of the cell's own analyses. */
    public static Summary of(Connection c, String cellId) throws SQLException {
        Map<String, String> states = new TreeMap<>(), modalities = new TreeMap<>();
        Verdict.Status overall = null;
        List<Reason> reasons = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT s.name, m.modality, a.verdict, a.reasons FROM cell_state s JOIN measurement m ON m.state_id = s.id "
                + "JOIN analysis a ON a.id = m.current_analysis_id WHERE s.cell_id = ? "
                + "UNION ALL SELECT NULL, a.modality, a.verdict, a.reasons FROM analysis a WHERE a.cell_id = ? AND a.measurement_id IS NULL "
                + "AND a.id = (SELECT MAX(b.id) FROM analysis b WHERE b.cell_id = a.cell_id AND b.pipeline = a.pipeline AND b.measurement_id IS NULL) "
                + "ORDER BY 2, 1")) {
            ps.setString(1, cellId);
            ps.setString(2, cellId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String state = rs.getString(1), modality = rs.getString(2);
                    Verdict.Status v = Verdict.Status.parse(rs.getString(3));
                    if (state != null) states.merge(state, label(v), CellSummary::worseLabel);
                    modalities.merge(modality, label(v), CellSummary::worseLabel);
                    overall = Verdict.Status.worse(overall, v);
                    if (v != null && v != Verdict.Status.PASS) {
                        for (String text : texts(rs.getString(4))) reasons.add(new Reason(modality, state, v.name(), text));
                    }
                }
            }
        }
        return new Summary(states, modalities, overall, reasons);
    }

    private static String label(Verdict.Status v) {
        return v == null ? NOT_JUDGED : v.name();
    }

    /** The worse of two labels; a judged one wins over {@link #NOT_JUDGED}. */
    private static String worseLabel(String a, String b) {
        if (a.equals(NOT_JUDGED)) return b;
        if (b.equals(NOT_JUDGED)) return a;
        return Verdict.Status.worse(Verdict.Status.parse(a), Verdict.Status.parse(b)).name();
    }

    private static List<String> texts(String json) {
        List<String> out = new ArrayList<>();
        if (json == null || json.isBlank()) return out;
        try {
            for (JsonNode n : Json.mapper().readTree(json)) out.add(n.asText());
        } catch (IOException e) {
            out.add(json); // reasons written as plain text by an earlier release
        }
        return out;
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
