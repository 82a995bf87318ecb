package org.solidscope.catalog;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import org.solidscope.io.ParquetTable;

/**
 * Writes a lot's measurements with their current analyses as CSV (one header row), JSON (an array of
 * objects) or Parquet (typed columns: strings, int64 ids and counts, double metrics; nulls kept).
 */
public final class Exporter {
    private Exporter() {}

    public static final List<String> COLUMNS = List.of("lot", "cell", "stage", "file", "raw_sha256", "analysis_id", "pipeline", "software_version",
            "verdict", "transmitting_fraction", "mean_db", "median_db", "uniformity_cv", "defect_count", "width_mm", "height_mm");

    public static List<Map<String, Object>> rows(List<CatalogQueries.MeasurementRow> rs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (var r : rs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lot", r.lot());
            m.put("cell", r.cellId());
            m.put("stage", r.stage());
            m.put("file", r.file());
            m.put("raw_sha256", r.rawSha256());
            m.put("analysis_id", r.analysisId());
            m.put("pipeline", r.pipeline());
            m.put("software_version", r.softwareVersion());
            m.put("verdict", r.verdict());
            m.put("transmitting_fraction", r.transmittingFraction());
            m.put("mean_db", r.meanDb());
            m.put("median_db", r.medianDb());
            m.put("uniformity_cv", r.uniformityCv());
            m.put("defect_count", r.defectCount());
            m.put("width_mm", r.widthMm());
            m.put("height_mm", r.heightMm());
            out.add(m);
        }
        return out;
    }

    public static void write(Path file, String format, List<CatalogQueries.MeasurementRow> rs) {
        List<Map<String, Object>> rows = rows(rs);
        switch (format) {
            case "json" -> AtomicOutput.writeString(file, Json.write(rows));
            case "csv" -> AtomicOutput.write(file, tmp -> {
                try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
                    w.write(String.join(",", COLUMNS));
                    w.write('\n');
                    for (Map<String, Object> r : rows) {
                        List<String> cells = new ArrayList<>();
                        for (String c : COLUMNS) cells.add(csv(r.get(c)));
                        w.write(String.join(",", cells));
                        w.write('\n');
                    }
                }
            });
            case "parquet" -> {
                List<ParquetTable.Column> cols = new ArrayList<>();
                for (String c : COLUMNS) cols.add(new ParquetTable.Column(c, parquetType(c)));
                List<List<Object>> table = new ArrayList<>();
                for (Map<String, Object> r : rows) {
                    List<Object> row = new ArrayList<>();
                    for (String c : COLUMNS) {
                        Object v = r.get(c);
                        row.add(v instanceof Integer i ? Long.valueOf(i) : v);
                    }
                    table.add(row);
                }
                ParquetTable.write(file, cols, table);
            }
            default -> throw new InputException("--format", "format", "csv, json or parquet", "'" + format + "'");
        }
    }

    static ParquetTable.Type parquetType(String column) {
        return switch (column) {
            case "analysis_id", "defect_count" -> ParquetTable.Type.INT64;
            case "transmitting_fraction", "mean_db", "median_db", "uniformity_cv", "width_mm", "height_mm" -> ParquetTable.Type.DOUBLE;
            default -> ParquetTable.Type.STRING;
        };
    }

    static String csv(Object v) {
        if (v == null) return "";
        String s = String.valueOf(v);
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
