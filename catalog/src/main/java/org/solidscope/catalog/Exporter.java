package org.solidscope.catalog;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import org.solidscope.core.record.Metric;
import org.solidscope.io.ParquetTable;

/**
 * Writes a lot's measurements of every modality with their current analyses, one row per
 * measurement: the fixed columns, then one column per metric name found in the lot (empty where a
 * measurement has no such metric). CSV (one header row, values printed with all the digits a double
 * needs), JSON (an array of objects; metrics with unit and uncertainty), Parquet (typed columns).
 */
public final class Exporter {
    private Exporter() {}

    public static final List<String> FIXED = List.of("lot", "cell", "state", "modality", "file", "raw_sha256", "measurement_id", "analysis_id",
            "pipeline", "software_version", "verdict", "modality_verdict", "cell_verdict");

    /** The fixed columns and the sorted metric names of these rows. */
    public static List<String> columns(List<CatalogQueries.MeasurementRow> rows) {
        TreeSet<String> metrics = new TreeSet<>();
        for (var r : rows) metrics.addAll(r.metrics().keySet());
        List<String> cols = new ArrayList<>(FIXED);
        cols.addAll(metrics);
        return cols;
    }

    static List<Object> values(CatalogQueries.MeasurementRow r, List<String> cols) {
        List<Object> v = new ArrayList<>(List.of(r.lot(), r.cellId(), r.state(), r.modality(), r.file(), r.rawSha256(), r.measurementId(),
                r.analysisId(), r.pipeline(), r.softwareVersion()));
        v.add(r.verdict());
        v.add(r.modalityVerdict());
        v.add(r.cellVerdict());
        for (int i = FIXED.size(); i < cols.size(); i++) {
            Metric m = r.metrics().get(cols.get(i));
            v.add(m == null || Double.isNaN(m.value()) ? null : m.value());
        }
        return v;
    }

    /** JSON-ready rows: fixed fields, then {@code metrics} by name with value, unit and uncertainty. */
    public static List<Map<String, Object>> rows(List<CatalogQueries.MeasurementRow> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (var r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            List<Object> v = values(r, FIXED);
            for (int i = 0; i < FIXED.size(); i++) m.put(FIXED.get(i), v.get(i));
            Map<String, Object> metrics = new LinkedHashMap<>();
            for (Metric x : r.metrics().values()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("value", Double.isNaN(x.value()) ? null : x.value());
                e.put("unit", x.unit());
                if (!Double.isNaN(x.uncertainty())) e.put("uncertainty", x.uncertainty());
                metrics.put(x.name(), e);
            }
            m.put("metrics", metrics);
            out.add(m);
        }
        return out;
    }

    public static void write(Path file, String format, List<CatalogQueries.MeasurementRow> rows) {
        List<String> cols = columns(rows);
        switch (format) {
            case "json" -> AtomicOutput.writeString(file, Json.write(rows(rows)));
            case "csv" -> AtomicOutput.write(file, tmp -> {
                try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
                    w.write(String.join(",", cols));
                    w.write('\n');
                    for (var r : rows) {
                        List<String> cells = new ArrayList<>();
                        for (Object v : values(r, cols)) cells.add(csv(v));
                        w.write(String.join(",", cells));
                        w.write('\n');
                    }
                }
            });
            case "parquet" -> {
                List<ParquetTable.Column> pc = new ArrayList<>();
                for (String c : cols) pc.add(new ParquetTable.Column(c, parquetType(c)));
                List<List<Object>> table = new ArrayList<>();
                for (var r : rows) table.add(values(r, cols));
                ParquetTable.write(file, pc, table);
            }
            default -> throw new InputException("--format", "format", "csv, json or parquet", "'" + format + "'");
        }
    }

    static ParquetTable.Type parquetType(String column) {
        if (column.equals("measurement_id") || column.equals("analysis_id")) return ParquetTable.Type.INT64;
        return FIXED.contains(column) ? ParquetTable.Type.STRING : ParquetTable.Type.DOUBLE;
    }

    static String csv(Object v) {
        if (v == null) return "";
        String s = String.valueOf(v);
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
