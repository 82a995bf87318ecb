package org.solidscope.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.solidscope.core.Json;
import org.solidscope.core.Progress;
import org.solidscope.io.CscanFiles;
import org.solidscope.io.Npy;
import org.solidscope.ultrasound.Stage;
import org.solidscope.ultrasound.StageAnalysis;
import org.solidscope.ultrasound.StageAnalyzer;

/**
 * Runs the pipeline again on the stored raw scans of a lot (for example with a new specification) and
 * adds the new analyses; earlier analyses stay, and the new one becomes current. History is never
 * overwritten.
 */
public final class Reanalyzer {
    private final Catalog catalog;
    private final StageAnalyzer analyzer;

    public Reanalyzer(Catalog catalog, StageAnalyzer analyzer) {
        this.catalog = catalog;
        this.analyzer = analyzer;
    }

    record Stored(long measurementId, String stage, String fileName, String sha, String settings) {}

    /** Returns the number of measurements re-analysed. */
    public int reanalyze(String lot, Progress progress) {
        List<Stored> todo = catalog.inTransaction(c -> {
            List<Stored> l = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT m.id, s.stage, m.file_name, m.raw_sha256, m.settings FROM measurement m "
                    + "JOIN process_stage s ON s.id = m.stage_id JOIN cell c ON c.id = s.cell_id WHERE c.lot_id = ? ORDER BY m.id")) {
                ps.setString(1, lot);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) l.add(new Stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).strip(), rs.getString(5)));
                }
            }
            return l;
        });
        int k = 0;
        for (Stored s : todo) {
            StageAnalysis a = analyze(s);
            String levels = catalog.arrays().put(Npy.encode2D(a.levels().db().height(), a.levels().db().width(), a.levels().db().values()));
            catalog.inTransaction(c -> Ingester.insertAnalysis(c, s.measurementId(), a, levels));
            progress.update(++k, todo.size());
        }
        return todo.size();
    }

    /** The analysis of one stored measurement, recomputed from its raw scan (not stored; e.g. for a comparison). */
    public StageAnalysis analyzeMeasurement(long measurementId) {
        Stored s = catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT m.id, s.stage, m.file_name, m.raw_sha256, m.settings FROM measurement m "
                    + "JOIN process_stage s ON s.id = m.stage_id WHERE m.id = ?")) {
                ps.setLong(1, measurementId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).strip(), rs.getString(5)) : null;
                }
            }
        });
        return s == null ? null : analyze(s);
    }

    /** Recreates the scan file (and its sidecar) from the store in a temporary directory and analyses it. */
    private StageAnalysis analyze(Stored s) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("solidscope-reanalyze");
            Path f = dir.resolve(s.fileName());
            Files.write(f, catalog.arrays().get(s.sha()));
            var settings = Json.mapper().readTree(s.settings());
            if (settings.hasNonNull("sidecar")) Files.writeString(dir.resolve(s.fileName() + ".json"), settings.get("sidecar").asText());
            return analyzer.analyze(CscanFiles.read(f), Stage.parse("catalog", s.stage()), Map.of(s.fileName(), s.sha()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                try (Stream<Path> w = Files.walk(dir)) {
                    w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary directory left behind is harmless
                }
            }
        }
    }
}
