package org.solidscope.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Read-only questions to the record. Verdicts are those of each measurement's current analysis. */
public final class CatalogQueries {
    private final Catalog catalog;

    public CatalogQueries(Catalog catalog) {
        this.catalog = catalog;
    }

    /** One cell with the current verdict per stage (worst over that stage's measurements) and overall. */
    public record CellRow(String cellId, String lot, Map<String, String> stageVerdicts, String verdict) {}

    static final List<String> ORDER = List.of("PASS", "REVIEW", "FAIL");

    static String worse(String a, String b) {
        if (a == null) return b;
        if (b == null) return a;
        return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
    }

    /** Cells, optionally of one lot and with a given overall verdict, ordered by id. */
    public List<CellRow> listCells(String lot, String verdict) {
        return catalog.inTransaction(c -> {
            String sql = "SELECT c.id, c.lot_id, s.stage, a.verdict FROM cell c "
                    + "LEFT JOIN process_stage s ON s.cell_id = c.id LEFT JOIN measurement m ON m.stage_id = s.id "
                    + "LEFT JOIN analysis a ON a.id = m.current_analysis_id "
                    + (lot != null ? "WHERE c.lot_id = ? " : "") + "ORDER BY c.id";
            Map<String, CellRow> rows = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (lot != null) ps.setString(1, lot);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        CellRow r = rows.computeIfAbsent(id, k -> {
                            try {
                                return new CellRow(k, rs.getString(2), new TreeMap<>(), null);
                            } catch (SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        });
                        String st = rs.getString(3), v = rs.getString(4);
                        if (st != null && v != null) r.stageVerdicts().merge(st, v, CatalogQueries::worse);
                    }
                }
            }
            List<CellRow> out = new ArrayList<>();
            for (CellRow r : rows.values()) {
                String overall = null;
                for (String v : r.stageVerdicts().values()) overall = worse(overall, v);
                if (verdict == null || verdict.equalsIgnoreCase(String.valueOf(overall))) out.add(new CellRow(r.cellId(), r.lot(), r.stageVerdicts(), overall));
            }
            return out;
        });
    }

    /** Everything about one cell: its stages, measurements, every analysis (history) and the current defects. */
    public Map<String, Object> showCell(String cellId) {
        return catalog.inTransaction(c -> {
            Map<String, Object> cell = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, lot_id, format, width_mm, height_mm, created_utc FROM cell WHERE id = ?")) {
                ps.setString(1, cellId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return null;
                    cell.put("cell", rs.getString(1));
                    cell.put("lot", rs.getString(2));
                    cell.put("format", rs.getString(3));
                    cell.put("width_mm", rs.getObject(4));
                    cell.put("height_mm", rs.getObject(5));
                    cell.put("created_utc", rs.getTimestamp(6).toInstant().toString());
                }
            }
            List<Map<String, Object>> measurements = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT m.id, s.stage, m.file_name, m.raw_sha256, m.raw_bytes, m.settings, m.current_analysis_id, "
                    + "m.created_utc FROM measurement m JOIN process_stage s ON s.id = m.stage_id WHERE s.cell_id = ? ORDER BY m.id")) {
                ps.setString(1, cellId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("measurement_id", rs.getLong(1));
                        m.put("stage", rs.getString(2));
                        m.put("file", rs.getString(3));
                        m.put("raw_sha256", rs.getString(4).strip());
                        m.put("raw_bytes", rs.getLong(5));
                        m.put("settings", rs.getString(6));
                        m.put("current_analysis_id", rs.getLong(7));
                        m.put("created_utc", rs.getTimestamp(8).toInstant().toString());
                        measurements.add(m);
                    }
                }
            }
            for (Map<String, Object> m : measurements) {
                List<Map<String, Object>> analyses = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT id, pipeline, software_version, spec_name, parameters, verdict, reasons, metrics, "
                        + "level_map_sha256, created_utc FROM analysis WHERE measurement_id = ? ORDER BY id")) {
                    ps.setLong(1, (Long) m.get("measurement_id"));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Map<String, Object> a = new LinkedHashMap<>();
                            a.put("analysis_id", rs.getLong(1));
                            a.put("pipeline", rs.getString(2));
                            a.put("software_version", rs.getString(3));
                            a.put("spec", rs.getString(4));
                            a.put("parameters", rs.getString(5));
                            a.put("verdict", rs.getString(6));
                            a.put("reasons", rs.getString(7));
                            a.put("metrics", rs.getString(8));
                            a.put("level_map_sha256", rs.getString(9) == null ? null : rs.getString(9).strip());
                            a.put("created_utc", rs.getTimestamp(10).toInstant().toString());
                            analyses.add(a);
                        }
                    }
                }
                m.put("analyses", analyses);
                List<Map<String, Object>> defects = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT kind, x_mm, y_mm, area_mm2, diameter_mm, circularity, counts_against_cell FROM defect "
                        + "WHERE analysis_id = ? ORDER BY id")) {
                    ps.setLong(1, (Long) m.get("current_analysis_id"));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Map<String, Object> d = new LinkedHashMap<>();
                            d.put("kind", rs.getString(1));
                            d.put("x_mm", rs.getDouble(2));
                            d.put("y_mm", rs.getDouble(3));
                            d.put("area_mm2", rs.getDouble(4));
                            d.put("diameter_mm", rs.getObject(5));
                            d.put("circularity", rs.getObject(6));
                            d.put("counts_against_cell", rs.getBoolean(7));
                            defects.add(d);
                        }
                    }
                }
                m.put("current_defects", defects);
            }
            cell.put("measurements", measurements);
            return cell;
        });
    }

    /** One row per measurement of a lot with its current analysis: what export and lot statistics read. */
    public record MeasurementRow(String lot, String cellId, String stage, String file, String rawSha256, long analysisId, String pipeline,
                                 String softwareVersion, String verdict, Double transmittingFraction, Double meanDb, Double medianDb,
                                 Double uniformityCv, int defectCount, Double widthMm, Double heightMm) {}

    public List<MeasurementRow> measurements(String lot) {
        return catalog.inTransaction(c -> {
            List<MeasurementRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT c.lot_id, c.id, s.stage, m.file_name, m.raw_sha256, a.id, a.pipeline, a.software_version, "
                    + "a.verdict, a.transmitting_fraction, a.mean_db, a.median_db, a.uniformity_cv, a.defect_count, a.width_mm, a.height_mm "
                    + "FROM cell c JOIN process_stage s ON s.cell_id = c.id JOIN measurement m ON m.stage_id = s.id "
                    + "JOIN analysis a ON a.id = m.current_analysis_id WHERE c.lot_id = ? ORDER BY c.id, s.stage, m.id")) {
                ps.setString(1, lot);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new MeasurementRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5).strip(),
                                rs.getLong(6), rs.getString(7), rs.getString(8), rs.getString(9), dbl(rs, 10), dbl(rs, 11), dbl(rs, 12),
                                dbl(rs, 13), rs.getInt(14), dbl(rs, 15), dbl(rs, 16)));
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

    /** A measurement's level-map checksum, its grid (from the stored settings) and its cell, or null. */
    public record MapRef(long measurementId, String cellId, String stage, String levelMapSha256, String settings) {}

    public MapRef map(long measurementId) {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT m.id, s.cell_id, s.stage, a.level_map_sha256, m.settings FROM measurement m "
                    + "JOIN process_stage s ON s.id = m.stage_id JOIN analysis a ON a.id = m.current_analysis_id WHERE m.id = ?")) {
                ps.setLong(1, measurementId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getString(4) == null) return null;
                    return new MapRef(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).strip(), rs.getString(5));
                }
            }
        });
    }

    /** Current defects of a measurement: kind, x, y (mm), equivalent diameter (mm). */
    public List<double[]> defectCircles(long measurementId, List<String> kinds) {
        return catalog.inTransaction(c -> {
            List<double[]> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT d.kind, d.x_mm, d.y_mm, d.area_mm2 FROM defect d JOIN measurement m "
                    + "ON m.current_analysis_id = d.analysis_id WHERE m.id = ? AND d.counts_against_cell = TRUE ORDER BY d.id")) {
                ps.setLong(1, measurementId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        kinds.add(rs.getString(1));
                        out.add(new double[] {rs.getDouble(2), rs.getDouble(3), Math.sqrt(rs.getDouble(4) / Math.PI)});
                    }
                }
            }
            return out;
        });
    }

    /** Count of analyses in the record (all history). */
    public long analysisCount() {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM analysis"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
