package org.solidscope.catalog;

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
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import org.solidscope.core.record.AnalysisRecord;
import org.solidscope.core.record.CellFrame;
import org.solidscope.core.record.CellState;
import org.solidscope.core.record.Feature;
import org.solidscope.core.record.Metric;
import org.solidscope.core.record.Modality;
import org.solidscope.core.record.RecordArray;
import org.solidscope.core.record.Verdict;

/**
 * Writes measurements and analyses of any modality into the record. Blobs go first (a row never
 * points at a missing blob; a crash in between leaves an orphan that {@link Catalog#recover()}
 * removes), then lot, cell, state, measurement, analysis, metrics, arrays and features in one
 * transaction. A measurement is identified by its raw bytes: bytes already stored answer with the
 * cell, state and lot that hold them, and nothing is stored twice. Analyses are only ever added.
 */
public final class RecordWriter {
    private final Catalog catalog;

    public RecordWriter(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Where stored bytes belong. */
    public record Holder(long measurementId, String lot, String cellId, String state, String modality) {}

    /** The measurement holding these raw bytes, or null. */
    public Holder holder(String rawSha256) {
        return catalog.inTransaction(c -> holder(c, rawSha256));
    }

    private static Holder holder(Connection c, String sha) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT m.id, ce.lot_id, ce.id, s.name, m.modality FROM measurement m "
                + "JOIN cell_state s ON s.id = m.state_id JOIN cell ce ON ce.id = s.cell_id WHERE m.raw_sha256 = ?")) {
            ps.setString(1, sha);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Holder(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)) : null;
            }
        }
    }

    /** The lot a cell is recorded in, or null for a new cell. */
    public String lotOf(String cellId) {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT lot_id FROM cell WHERE id = ?")) {
                ps.setString(1, cellId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    /** @param measurementId the new measurement, or the one that held the bytes already ({@code stored} false) */
    public record Stored(boolean stored, Holder holder) {}

    /**
     * Stores a measurement with its first analysis. {@code raw} is streamed into the array store. A
     * cell recorded in another lot is refused ({@link InputException} naming the file and both lots).
     */
    public Stored store(String lot, Modality.Identity id, String modality, String fileName, Path raw, String rawSha256, long rawBytes,
                        Modality.Analysed a) {
        String src = fileName;
        String recorded = lotOf(id.cellId());
        if (recorded != null && !recorded.equals(lot)) {
            throw new InputException(src, "lot", "the lot cell " + id.cellId() + " is recorded in ('" + recorded + "')", "'" + lot + "'");
        }
        String sha = catalog.arrays().putFile(raw);
        if (!sha.equals(rawSha256)) throw new InputException(src, "file", "unchanged while it is stored", "bytes that changed meanwhile");
        Map<String, String> arrays = putArrays(a.analysis());
        return catalog.inTransaction(c -> {
            Holder before = holder(c, sha);
            if (before != null) return new Stored(false, before);
            ensure(c, "INSERT INTO lot (id, created_utc) VALUES (?, ?)", lot);
            ensure(c, "INSERT INTO cell (id, lot_id, format, width_mm, height_mm, layer_stack, created_utc) VALUES (?, ?, 'pouch', ?, ?, NULL, ?)",
                    id.cellId(), lot, a.cellWidthMm(), a.cellHeightMm());
            String cellLot = lotOf(c, id.cellId());
            if (!lot.equals(cellLot)) {
                throw new InputException(src, "lot", "the lot cell " + id.cellId() + " is recorded in ('" + cellLot + "')", "'" + lot + "'");
            }
            fillCellSize(c, id.cellId(), a.cellWidthMm(), a.cellHeightMm());
            CellState st = id.state();
            ensure(c, "INSERT INTO cell_state (cell_id, name, conditions, kind, sort_order) VALUES (?, ?, NULL, ?, ?)",
                    id.cellId(), st.name(), st.kind().name().toLowerCase(java.util.Locale.ROOT), st.order());
            long stateId = stateId(c, id.cellId(), st.name());
            Savepoint sp = c.setSavepoint();
            long mid;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO measurement (state_id, modality, file_name, raw_sha256, raw_bytes, settings, created_utc, instrument, frame) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, stateId);
                ps.setString(2, modality);
                ps.setString(3, fileName);
                ps.setString(4, sha);
                ps.setLong(5, rawBytes);
                ps.setString(6, Json.write(a.settings()));
                ps.setTimestamp(7, Timestamp.from(Instant.now()));
                ps.setString(8, a.instrument());
                ps.setString(9, frameJson(a.frame()));
                ps.executeUpdate();
                mid = key(ps);
            } catch (SQLException e) {
                if (!isUniqueViolation(e)) throw e;
                c.rollback(sp); // another ingester stored the same bytes first
                return new Stored(false, holder(c, sha));
            }
            insertAnalysis(c, mid, a.analysis(), arrays);
            return new Stored(true, new Holder(mid, lot, id.cellId(), st.name(), modality));
        });
    }

    /** Adds an analysis to a stored measurement and makes it current; earlier analyses stay. Returns its id. */
    public long addAnalysis(long measurementId, AnalysisRecord a) {
        Map<String, String> arrays = putArrays(a);
        return catalog.inTransaction(c -> insertAnalysis(c, measurementId, a, arrays));
    }

    /**
     * As {@link #addAnalysis}, at most once per {@code runKey}: when an analysis with this key is stored
     * already (a re-run, or a retried task that had written it before failing) nothing is added and -1 is
     * returned. The unique index on the key decides, so two writers racing cannot both add it.
     */
    public long addAnalysisOnce(long measurementId, String runKey, AnalysisRecord a) {
        Map<String, String> arrays = putArrays(a);
        return catalog.inTransaction(c -> {
            Savepoint sp = c.setSavepoint();
            try {
                long aid = insertRows(c, measurementId, null, a, arrays, runKey);
                makeCurrent(c, measurementId, aid);
                return aid;
            } catch (SQLException e) {
                if (!isUniqueViolation(e)) throw e;
                c.rollback(sp);
                return -1L;
            }
        });
    }

    /** Whether an analysis with this run key is stored. */
    public boolean hasRunKey(String runKey) {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM analysis WHERE run_key = ?")) {
                ps.setString(1, runKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Adds an analysis of a cell drawn from several of its measurements (a stage comparison), with the
     * measurements it read; earlier ones stay, the newest of a pipeline is the cell's current one.
     */
    public long addCellAnalysis(String cellId, List<Long> inputMeasurementIds, AnalysisRecord a) {
        return addCellAnalysis(cellId, inputMeasurementIds, null, a);
    }

    /** As {@link #addCellAnalysis(String, List, AnalysisRecord)}, at most once per {@code runKey} (null: always); -1 when it was there. */
    public long addCellAnalysis(String cellId, List<Long> inputMeasurementIds, String runKey, AnalysisRecord a) {
        Map<String, String> arrays = putArrays(a);
        return catalog.inTransaction(c -> {
            Savepoint sp = c.setSavepoint();
            long aid;
            try {
                aid = insertRows(c, null, cellId, a, arrays, runKey);
            } catch (SQLException e) {
                if (runKey == null || !isUniqueViolation(e)) throw e;
                c.rollback(sp);
                return -1L;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO analysis_input (analysis_id, measurement_id) VALUES (?, ?)")) {
                for (long m : inputMeasurementIds) {
                    ps.setLong(1, aid);
                    ps.setLong(2, m);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            CellSummary.refresh(c, cellId); // a comparison's verdict counts in the cell's
            return aid;
        });
    }

    /** A registration of one measurement's map onto another's of the same cell (fixed mm to moving mm). */
    public record Registration(String cellId, long fixedMeasurementId, long movingMeasurementId, String fixedArray, String movingArray, double txMm,
                               double tyMm, double rotationDeg, double scale, double pivotXMm, double pivotYMm, double ncc, double overlapFraction) {}

    /** Stores a registration; returns its id. */
    public long addRegistration(Registration r) {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO registration (cell_id, fixed_measurement_id, moving_measurement_id, fixed_array, "
                    + "moving_array, tx_mm, ty_mm, rotation_deg, scale, pivot_x_mm, pivot_y_mm, ncc, overlap_fraction, software_version, created_utc) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, r.cellId());
                ps.setLong(2, r.fixedMeasurementId());
                ps.setLong(3, r.movingMeasurementId());
                ps.setString(4, r.fixedArray());
                ps.setString(5, r.movingArray());
                double[] v = {r.txMm(), r.tyMm(), r.rotationDeg(), r.scale(), r.pivotXMm(), r.pivotYMm(), r.ncc(), r.overlapFraction()};
                for (int i = 0; i < v.length; i++) ps.setDouble(6 + i, v[i]);
                ps.setString(14, org.solidscope.core.SoftwareVersion.get());
                ps.setTimestamp(15, Timestamp.from(Instant.now()));
                ps.executeUpdate();
                try (ResultSet k = ps.getGeneratedKeys()) {
                    k.next();
                    return k.getLong(1);
                }
            }
        });
    }

    /** A new verdict of a stored analysis under a specification ({@code verdict} null: the specification does not judge it). */
    public record Judgement(long analysisId, String cellId, String specName, String specSha256, Verdict verdict) {}

    /**
     * Gives stored analyses the verdicts a specification gives their metrics, without computing any analysis again: each
     * analysis' verdict, reasons and specification become the new ones, and a {@code judgement} row keeps what they were.
     * An analysis whose verdict and specification are unchanged is left alone. Returns how many changed.
     */
    public int rejudge(List<Judgement> judgements) {
        return catalog.inTransaction(c -> {
            int changed = 0;
            java.util.Set<String> cells = new java.util.TreeSet<>();
            try (PreparedStatement read = c.prepareStatement("SELECT spec_name, verdict, reasons FROM analysis WHERE id = ?");
                 PreparedStatement keep = c.prepareStatement("INSERT INTO judgement (analysis_id, spec_name, spec_sha256, verdict, reasons, previous_spec_name, "
                         + "previous_verdict, previous_reasons, judged_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement set = c.prepareStatement("UPDATE analysis SET spec_name = ?, verdict = ?, reasons = ? WHERE id = ?")) {
                Timestamp now = Timestamp.from(Instant.now());
                for (Judgement j : judgements) {
                    String spec, verdict, reasons;
                    read.setLong(1, j.analysisId());
                    try (ResultSet rs = read.executeQuery()) {
                        if (!rs.next()) throw new SQLException("no analysis " + j.analysisId());
                        spec = rs.getString(1);
                        verdict = rs.getString(2);
                        reasons = rs.getString(3);
                    }
                    String newVerdict = j.verdict() == null ? null : j.verdict().status().name();
                    String newSpec = j.verdict() == null ? null : j.specName();
                    List<String> texts = new ArrayList<>();
                    if (j.verdict() != null) j.verdict().reasons().forEach(r -> texts.add(r.text()));
                    String newReasons = Json.write(texts);
                    if (java.util.Objects.equals(verdict, newVerdict) && java.util.Objects.equals(spec, newSpec) && newReasons.equals(reasons)) continue;
                    keep.setLong(1, j.analysisId());
                    keep.setString(2, newSpec);
                    keep.setString(3, j.specSha256());
                    keep.setString(4, newVerdict);
                    keep.setString(5, newReasons);
                    keep.setString(6, spec);
                    keep.setString(7, verdict);
                    keep.setString(8, reasons);
                    keep.setTimestamp(9, now);
                    keep.addBatch();
                    set.setString(1, newSpec);
                    set.setString(2, newVerdict);
                    set.setString(3, newReasons);
                    set.setLong(4, j.analysisId());
                    set.addBatch();
                    cells.add(j.cellId());
                    changed++;
                }
                keep.executeBatch();
                set.executeBatch();
            }
            for (String cell : cells) CellSummary.refresh(c, cell);
            return changed;
        });
    }

    private Map<String, String> putArrays(AnalysisRecord a) {
        Map<String, String> sha = new LinkedHashMap<>();
        for (RecordArray r : a.arrays()) sha.put(r.name(), catalog.arrays().put(r.npy()));
        return sha;
    }

    static String frameJson(CellFrame f) {
        if (f == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("origin_x_mm", f.originXMm());
        m.put("origin_y_mm", f.originYMm());
        m.put("pitch_mm", f.pitchMm());
        m.put("rotation_deg", f.rotationDeg());
        if (Double.isFinite(f.zMm())) m.put("z_mm", f.zMm());
        return Json.write(m);
    }

    private static long insertAnalysis(Connection c, long measurementId, AnalysisRecord a, Map<String, String> arraySha) throws SQLException {
        long aid = insertRows(c, measurementId, null, a, arraySha, null);
        makeCurrent(c, measurementId, aid);
        return aid;
    }

    private static void makeCurrent(Connection c, long measurementId, long aid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE measurement SET current_analysis_id = ? WHERE id = ?")) {
            ps.setLong(1, aid);
            ps.setLong(2, measurementId);
            if (ps.executeUpdate() != 1) throw new SQLException("no measurement " + measurementId);
        }
        CellSummary.refreshForMeasurement(c, measurementId);
    }

    /** The analysis row (of a measurement, or of a cell) with its metrics, arrays and features. */
    private static long insertRows(Connection c, Long measurementId, String cellId, AnalysisRecord a, Map<String, String> arraySha,
                                   String runKey) throws SQLException {
        long aid;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO analysis (measurement_id, modality, pipeline, software_version, spec_name, parameters, "
                + "verdict, reasons, notes, created_utc, cell_id, run_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(12, runKey);
            if (measurementId == null) ps.setNull(1, java.sql.Types.BIGINT); else ps.setLong(1, measurementId);
            ps.setString(11, cellId);
            ps.setString(2, a.modality());
            ps.setString(3, a.provenance().pipeline());
            ps.setString(4, a.provenance().version());
            ps.setString(5, a.spec());
            Map<String, Object> params = new LinkedHashMap<>(a.provenance().parameters());
            params.put("input_sha256", a.provenance().inputSha256());
            ps.setString(6, Json.write(params));
            ps.setString(7, a.verdict() == null ? null : a.verdict().status().name());
            List<String> reasons = new ArrayList<>();
            if (a.verdict() != null) a.verdict().reasons().forEach(r -> reasons.add(r.text()));
            ps.setString(8, Json.write(reasons));
            ps.setString(9, a.notes().isEmpty() ? null : Json.write(a.notes()));
            ps.setTimestamp(10, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            aid = key(ps);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO metric (analysis_id, name, metric_value, unit, uncertainty) VALUES (?, ?, ?, ?, ?)")) {
            for (Metric m : a.metrics()) {
                ps.setLong(1, aid);
                ps.setString(2, m.name());
                setDouble(ps, 3, m.value());
                ps.setString(4, m.unit());
                setDouble(ps, 5, m.uncertainty());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO analysis_array (analysis_id, name, kind, dtype, shape, unit, pitch_mm, frame, sha256) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (RecordArray r : a.arrays()) {
                ps.setLong(1, aid);
                ps.setString(2, r.name());
                ps.setString(3, r.kind());
                ps.setString(4, r.dtype());
                ps.setString(5, java.util.Arrays.toString(r.shape()));
                ps.setString(6, r.unit());
                setDouble(ps, 7, r.pitchMm());
                ps.setString(8, frameJson(r.frame()));
                ps.setString(9, arraySha.get(r.name()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO feature (analysis_id, kind, x_mm, y_mm, z_mm, area_mm2, size_mm, counts_against_cell, "
                + "properties) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Feature f : a.features()) {
                ps.setLong(1, aid);
                ps.setString(2, f.kind());
                setDouble(ps, 3, f.xMm());
                setDouble(ps, 4, f.yMm());
                setDouble(ps, 5, f.zMm());
                setDouble(ps, 6, f.areaMm2());
                setDouble(ps, 7, f.sizeMm());
                ps.setBoolean(8, f.countsAgainstCell());
                ps.setString(9, f.properties().isEmpty() ? null : Json.write(f.properties()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return aid;
    }

    private static void fillCellSize(Connection c, String cellId, double w, double h) throws SQLException {
        if (!Double.isFinite(w) || !Double.isFinite(h)) return;
        try (PreparedStatement ps = c.prepareStatement("UPDATE cell SET width_mm = ?, height_mm = ? WHERE id = ? AND width_mm IS NULL")) {
            ps.setDouble(1, w);
            ps.setDouble(2, h);
            ps.setString(3, cellId);
            ps.executeUpdate();
        }
    }

    private static String lotOf(Connection c, String cellId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT lot_id FROM cell WHERE id = ?")) {
            ps.setString(1, cellId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
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

    private static long stateId(Connection c, String cell, String state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM cell_state WHERE cell_id = ? AND name = ?")) {
            ps.setString(1, cell);
            ps.setString(2, state);
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
