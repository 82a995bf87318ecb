package org.solidscope.catalog.migration;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.solidscope.core.Json;
import org.solidscope.core.record.Units;

/**
 * From the ultrasonic record of release 0.1.0 to the modality-neutral one: process stages become
 * cell states (with a kind and a life order), measurements say where they lie in the cell,
 * analyses keep their metrics as rows (name, value, unit, uncertainty) and their arrays as rows
 * (name, kind, shape, checksum) instead of ultrasonic columns, and defects become features. Every
 * row and every blob of the earlier record is kept: ultrasonic metrics are renamed {@code ut.<name>},
 * the level map becomes the array {@code levels}.
 *
 * <p>Written in Java rather than SQL because the metrics move out of a JSON column, which H2 and
 * PostgreSQL parse differently.
 */
public final class V3__modality_neutral_record extends BaseJavaMigration {
    static final String[] SCHEMA = {
        "ALTER TABLE process_stage RENAME TO cell_state",
        "ALTER TABLE cell_state RENAME COLUMN stage TO name",
        "ALTER TABLE cell_state ADD COLUMN kind VARCHAR(20) DEFAULT 'process' NOT NULL",
        "ALTER TABLE cell_state ADD COLUMN sort_order DOUBLE PRECISION DEFAULT 0 NOT NULL",
        "ALTER TABLE cell_state ADD COLUMN observed_utc TIMESTAMP WITH TIME ZONE",
        "UPDATE cell_state SET sort_order = CASE name WHEN 'infiltration' THEN 100 WHEN 'solidification' THEN 200 WHEN 'formation' THEN 400 ELSE 0 END",
        "ALTER TABLE measurement RENAME COLUMN stage_id TO state_id",
        "ALTER TABLE measurement ADD COLUMN instrument VARCHAR(200)",
        "ALTER TABLE measurement ADD COLUMN frame VARCHAR(1000)",
        "ALTER TABLE analysis ADD COLUMN modality VARCHAR(40) DEFAULT 'ultrasound' NOT NULL",
        "ALTER TABLE analysis ADD COLUMN notes VARCHAR(8000)",
        "ALTER TABLE analysis ALTER COLUMN verdict DROP NOT NULL",
        "ALTER TABLE analysis ALTER COLUMN spec_name DROP NOT NULL",
        "CREATE TABLE metric (analysis_id BIGINT NOT NULL REFERENCES analysis (id), name VARCHAR(100) NOT NULL, "
                + "metric_value DOUBLE PRECISION, unit VARCHAR(20) NOT NULL, uncertainty DOUBLE PRECISION, PRIMARY KEY (analysis_id, name))",
        "CREATE INDEX metric_by_name ON metric (name, analysis_id)",
        "CREATE TABLE analysis_array (analysis_id BIGINT NOT NULL REFERENCES analysis (id), name VARCHAR(60) NOT NULL, "
                + "kind VARCHAR(20) NOT NULL, dtype VARCHAR(20) NOT NULL, shape VARCHAR(100) NOT NULL, unit VARCHAR(20) NOT NULL, "
                + "pitch_mm DOUBLE PRECISION, frame VARCHAR(1000), sha256 CHAR(64) NOT NULL, PRIMARY KEY (analysis_id, name))",
        "CREATE INDEX array_by_sha ON analysis_array (sha256)",
        "ALTER TABLE defect RENAME TO feature",
        "ALTER TABLE feature RENAME COLUMN diameter_mm TO size_mm",
        "ALTER TABLE feature ADD COLUMN z_mm DOUBLE PRECISION",
        "ALTER TABLE feature ADD COLUMN properties VARCHAR(4000)",
        "ALTER TABLE feature ALTER COLUMN x_mm DROP NOT NULL",
        "ALTER TABLE feature ALTER COLUMN y_mm DROP NOT NULL",
        "ALTER TABLE feature ALTER COLUMN area_mm2 DROP NOT NULL",
        "CREATE INDEX measurement_by_current ON measurement (current_analysis_id)",
    };

    static final String[] DROP = {
        "ALTER TABLE analysis DROP COLUMN metrics",
        "ALTER TABLE analysis DROP COLUMN transmitting_fraction",
        "ALTER TABLE analysis DROP COLUMN mean_db",
        "ALTER TABLE analysis DROP COLUMN median_db",
        "ALTER TABLE analysis DROP COLUMN uniformity_cv",
        "ALTER TABLE analysis DROP COLUMN defect_count",
        "ALTER TABLE analysis DROP COLUMN width_mm",
        "ALTER TABLE analysis DROP COLUMN height_mm",
        "ALTER TABLE analysis DROP COLUMN level_map_sha256",
        "ALTER TABLE feature DROP COLUMN circularity",
        "DROP TABLE IF EXISTS schema_version",
    };

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            for (String sql : SCHEMA) s.execute(sql);
        }
        moveMetricsAndMaps(c);
        moveCircularity(c);
        try (Statement s = c.createStatement()) {
            for (String sql : DROP) s.execute(sql);
        }
    }

    private static void moveMetricsAndMaps(Connection c) throws SQLException, java.io.IOException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT a.id, a.metrics, a.defect_count, a.width_mm, a.height_mm, a.level_map_sha256, m.settings "
                     + "FROM analysis a JOIN measurement m ON m.id = a.measurement_id ORDER BY a.id");
             PreparedStatement metric = c.prepareStatement("INSERT INTO metric (analysis_id, name, metric_value, unit, uncertainty) VALUES (?, ?, ?, ?, NULL)");
             PreparedStatement array = c.prepareStatement("INSERT INTO analysis_array (analysis_id, name, kind, dtype, shape, unit, pitch_mm, frame, sha256) "
                     + "VALUES (?, 'levels', 'map', 'float32', ?, 'dB', ?, NULL, ?)")) {
            while (rs.next()) {
                long id = rs.getLong(1);
                JsonNode metrics = Json.mapper().readTree(rs.getString(2));
                for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    add(metric, id, "ut." + e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN);
                }
                add(metric, id, "ut.defect_count", rs.getInt(3));
                add(metric, id, "ut.cell_width_mm", number(rs, 4));
                add(metric, id, "ut.cell_height_mm", number(rs, 5));
                String sha = rs.getString(6);
                if (sha != null) {
                    JsonNode settings = Json.mapper().readTree(rs.getString(7));
                    array.setLong(1, id);
                    array.setString(2, "[" + settings.path("height").asInt() + ", " + settings.path("width").asInt() + "]");
                    if (settings.hasNonNull("pitch_mm")) array.setDouble(3, settings.get("pitch_mm").asDouble());
                    else array.setNull(3, java.sql.Types.DOUBLE);
                    array.setString(4, sha.strip());
                    array.addBatch();
                }
            }
            metric.executeBatch();
            array.executeBatch();
        }
    }

    private static double number(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? Double.NaN : v;
    }

    private static void add(PreparedStatement ps, long analysisId, String name, double value) throws SQLException {
        ps.setLong(1, analysisId);
        ps.setString(2, name);
        if (Double.isFinite(value)) ps.setDouble(3, value); else ps.setNull(3, java.sql.Types.DOUBLE);
        ps.setString(4, Units.ofName(name));
        ps.addBatch();
    }

    private static void moveCircularity(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, circularity FROM feature WHERE circularity IS NOT NULL");
             PreparedStatement up = c.prepareStatement("UPDATE feature SET properties = ? WHERE id = ?")) {
            while (rs.next()) {
                up.setString(1, Json.write(Map.of("circularity", rs.getDouble(2))));
                up.setLong(2, rs.getLong(1));
                up.addBatch();
            }
            up.executeBatch();
        }
    }
}
