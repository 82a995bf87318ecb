package org.solidscope.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.solidscope.core.Checksums;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import org.solidscope.core.Progress;
import org.solidscope.io.CscanFiles;
import org.solidscope.io.CscanGrid;
import org.solidscope.io.Npy;
import org.solidscope.ultrasound.Defect;
import org.solidscope.ultrasound.StageAnalysis;
import org.solidscope.ultrasound.StageAnalyzer;

/**
 * Puts scans into the record: identifies cell and stage, checks the file, analyses it, stores the raw
 * bytes and the level map in the array store, then lot, cell, stage, measurement, analysis and defects
 * in one transaction. Idempotent by the raw file's SHA-256: a scan already stored is skipped. A scan
 * that fails leaves nothing; the others of the batch go in.
 */
public final class Ingester {
    private final Catalog catalog;
    private final StageAnalyzer analyzer;

    public Ingester(Catalog catalog, StageAnalyzer analyzer) {
        this.catalog = catalog;
        this.analyzer = analyzer;
    }

    public enum Outcome { STORED, ALREADY_PRESENT, FAILED }

    public record Result(Path file, Outcome outcome, String cellId, String stage, String verdict, String reason) {}

    public record Report(List<Result> results) {
        public long count(Outcome o) { return results.stream().filter(r -> r.outcome() == o).count(); }
    }

    public Report ingest(List<Path> files, String lot, Progress progress) {
        List<Result> out = new ArrayList<>();
        int k = 0;
        for (Path f : files) {
            out.add(ingestOne(f, lot));
            progress.update(++k, files.size());
        }
        return new Report(List.copyOf(out));
    }

    public Result ingestOne(Path file, String lot) {
        try {
            ScanIdentity id = ScanIdentity.of(file);
            byte[] raw;
            try {
                raw = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new InputException(file.toString(), "file", "a readable scan", e.getMessage());
            }
            String sha = Checksums.sha256(raw);
            if (exists(sha)) return new Result(file, Outcome.ALREADY_PRESENT, id.cellId(), id.stage().id(), null, "same bytes stored before");
            CscanGrid scan = CscanFiles.read(file);
            StageAnalysis a = analyzer.analyze(scan, id.stage(), Map.of(file.getFileName().toString(), sha));
            // blobs first: a row never points at a missing blob; a crash here leaves an orphan that recovery removes
            catalog.arrays().put(raw);
            String levels = catalog.arrays().put(Npy.encode2D(a.levels().db().height(), a.levels().db().width(), a.levels().db().values()));
            boolean stored = catalog.inTransaction(c -> {
                ensure(c, "INSERT INTO lot (id, created_utc) VALUES (?, ?)", lot);
                ensure(c, "INSERT INTO cell (id, lot_id, format, width_mm, height_mm, layer_stack, created_utc) VALUES (?, ?, 'pouch', ?, ?, NULL, ?)",
                        id.cellId(), lot, a.cell().widthMm(), a.cell().heightMm());
                ensure(c, "INSERT INTO process_stage (cell_id, stage, conditions) VALUES (?, ?, NULL)", id.cellId(), id.stage().id());
                long stageId = stageId(c, id.cellId(), id.stage().id());
                Savepoint sp = c.setSavepoint();
                long mid;
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO measurement (stage_id, modality, file_name, raw_sha256, raw_bytes, settings, created_utc) VALUES (?, 'ultrasound', ?, ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.setLong(1, stageId);
                    ps.setString(2, file.getFileName().toString());
                    ps.setString(3, sha);
                    ps.setLong(4, raw.length);
                    ps.setString(5, settings(scan, id));
                    ps.setTimestamp(6, Timestamp.from(Instant.now()));
                    ps.executeUpdate();
                    mid = key(ps);
                } catch (SQLException e) {
                    if (!isUniqueViolation(e)) throw e;
                    c.rollback(sp); // another ingester stored the same scan first
                    return false;
                }
                insertAnalysis(c, mid, a, levels);
                return true;
            });
            return new Result(file, stored ? Outcome.STORED : Outcome.ALREADY_PRESENT, id.cellId(), id.stage().id(), a.verdict().status().name(),
                    stored ? "" : "stored concurrently by another ingester");
        } catch (InputException e) {
            return new Result(file, Outcome.FAILED, null, null, null, e.getMessage());
        }
    }

    static String settings(CscanGrid scan, ScanIdentity id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gain_db", scan.gainDb());
        m.put("pitch_mm", scan.amplitude().geometry().pitchMm());
        m.put("amplitude_unit", scan.amplitudeUnit());
        m.put("full_scale", scan.fullScale());
        m.put("width", scan.amplitude().width());
        m.put("height", scan.amplitude().height());
        if (id.sidecarJson() != null) m.put("sidecar", id.sidecarJson());
        return Json.write(m);
    }

    /** Inserts an analysis with its defects and makes it the measurement's current one. */
    static long insertAnalysis(Connection c, long measurementId, StageAnalysis a, String levelMapSha) throws SQLException {
        long aid;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO analysis (measurement_id, pipeline, software_version, spec_name, parameters, verdict, "
                + "reasons, metrics, transmitting_fraction, mean_db, median_db, uniformity_cv, defect_count, width_mm, height_mm, level_map_sha256, created_utc) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, measurementId);
            ps.setString(2, a.provenance().pipeline());
            ps.setString(3, a.provenance().version());
            ps.setString(4, String.valueOf(a.provenance().parameters().get("spec")));
            ps.setString(5, Json.write(a.provenance().parameters()));
            ps.setString(6, a.verdict().status().name());
            ps.setString(7, Json.write(a.verdict().reasons().stream().map(r -> r.text()).toList()));
            Map<String, Object> metrics = new LinkedHashMap<>();
            a.metrics().byName().forEach((k, v) -> metrics.put(k, Double.isFinite(v) ? v : null));
            ps.setString(8, Json.write(metrics));
            setDouble(ps, 9, a.metrics().transmittingFraction());
            setDouble(ps, 10, a.metrics().meanDb());
            setDouble(ps, 11, a.metrics().medianDb());
            setDouble(ps, 12, a.metrics().uniformityCv());
            ps.setInt(13, (int) a.defects().stream().filter(Defect::countsAgainstCell).count());
            setDouble(ps, 14, a.cell().widthMm());
            setDouble(ps, 15, a.cell().heightMm());
            ps.setString(16, levelMapSha);
            ps.setTimestamp(17, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            aid = key(ps);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO defect (analysis_id, kind, x_mm, y_mm, area_mm2, diameter_mm, circularity, "
                + "counts_against_cell) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Defect d : a.defects()) {
                ps.setLong(1, aid);
                ps.setString(2, d.kind().id());
                ps.setDouble(3, d.xMm());
                ps.setDouble(4, d.yMm());
                ps.setDouble(5, d.areaMm2());
                setDouble(ps, 6, d.diameterMm());
                setDouble(ps, 7, d.circularity());
                ps.setBoolean(8, d.countsAgainstCell());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE measurement SET current_analysis_id = ? WHERE id = ?")) {
            ps.setLong(1, aid);
            ps.setLong(2, measurementId);
            ps.executeUpdate();
        }
        return aid;
    }

    static void setDouble(PreparedStatement ps, int i, double v) throws SQLException {
        if (Double.isFinite(v)) ps.setDouble(i, v); else ps.setNull(i, java.sql.Types.DOUBLE);
    }

    static long key(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.getGeneratedKeys()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private boolean exists(String sha) {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM measurement WHERE raw_sha256 = ?")) {
                ps.setString(1, sha);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private static long stageId(Connection c, String cell, String stage) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM process_stage WHERE cell_id = ? AND stage = ?")) {
            ps.setString(1, cell);
            ps.setString(2, stage);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Inserts a row unless its key exists (a savepoint keeps a PostgreSQL transaction usable after the conflict). */
    private static void ensure(Connection c, String sql, Object... args) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Object a : args) {
                if (a instanceof Double d) setDouble(ps, i++, d);
                else ps.setObject(i++, a);
            }
            if (sql.contains("created_utc")) ps.setTimestamp(i, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            c.releaseSavepoint(sp);
        } catch (SQLException e) {
            if (!isUniqueViolation(e)) throw e;
            c.rollback(sp);
        }
    }

    static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) return true;
        }
        return false;
    }
}
