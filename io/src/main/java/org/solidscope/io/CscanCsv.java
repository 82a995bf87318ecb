package org.solidscope.io;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.InputException;
import org.solidscope.core.ScalarMap;

/**
 * C-scan grids in CSV.
 *
 * <p>Format: optional leading lines {@code # key: value} (required: {@code pitch_mm}, {@code gain_db};
 * optional: {@code amplitude_unit} (default {@code percent_fsh}), {@code full_scale} (default 100),
 * {@code origin_x_mm}, {@code origin_y_mm}), then rows of comma-separated numbers, all of equal
 * length. Row index = y, column index = x; x_mm = origin_x_mm + column·pitch_mm. Empty cells and
 * {@code NaN} are rejected: a C-scan has a value at every point.
 */
public final class CscanCsv {
    private CscanCsv() {}

    public static CscanGrid read(Path file) {
        return read(file.toString(), file);
    }

    /** Reads the C-scan stored at {@code file}; messages name {@code src} (the file's own name). */
    public static CscanGrid read(String src, Path file) {
        AtomicOutput.noteInput(file);
        Map<String, String> header = new LinkedHashMap<>();
        List<float[]> rows = new ArrayList<>();
        int width = -1;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty()) continue;
                if (t.startsWith("#")) {
                    if (!rows.isEmpty()) {
                        throw new InputException(src, "line " + lineNo, "numbers (header lines come first)", "'" + abbreviate(t) + "'");
                    }
                    int colon = t.indexOf(':');
                    if (colon > 0) {
                        header.put(t.substring(1, colon).strip().toLowerCase(Locale.ROOT), t.substring(colon + 1).strip());
                    }
                    continue;
                }
                String[] parts = t.split(",", -1);
                if (width < 0) width = parts.length;
                if (parts.length != width) {
                    throw new InputException(src, "line " + lineNo, width + " values (as in the first data row)", parts.length + " values");
                }
                float[] row = new float[width];
                for (int i = 0; i < width; i++) {
                    String cell = parts[i].strip();
                    float v;
                    try {
                        v = Float.parseFloat(cell);
                    } catch (NumberFormatException e) {
                        throw new InputException(src, "line " + lineNo + ", column " + (i + 1), "a number", "'" + abbreviate(cell) + "'");
                    }
                    if (!Float.isFinite(v)) {
                        boolean tooLarge = Double.isFinite(Double.parseDouble(cell));
                        throw new InputException(src, "line " + lineNo + ", column " + (i + 1),
                                tooLarge ? "an amplitude within float32 range (|x| ≤ 3.4e38)" : "a finite number", "'" + abbreviate(cell) + "'");
                    }
                    row[i] = v;
                }
                rows.add(row);
            }
        } catch (NoSuchFileException e) {
            throw new InputException(src, "file", "an existing C-scan file", "no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InputException(src, "encoding", "UTF-8 text (a C-scan CSV)", "bytes that are not text after " + rows.size()
                    + " rows of data (a binary file?)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (rows.isEmpty()) throw new InputException(src, "data", "at least one row of numbers", "none");
        double pitch = headerNumber(src, header, "pitch_mm", null);
        InputException.requirePositive(src, "pitch_mm", pitch);
        double gain = headerNumber(src, header, "gain_db", null);
        double fullScale = headerNumber(src, header, "full_scale", 100.0);
        InputException.requirePositive(src, "full_scale", fullScale);
        double ox = headerNumber(src, header, "origin_x_mm", 0.0);
        double oy = headerNumber(src, header, "origin_y_mm", 0.0);
        String unit = header.getOrDefault("amplitude_unit", CscanGrid.PERCENT_FSH);
        int h = rows.size();
        float[] v = new float[width * h];
        for (int y = 0; y < h; y++) System.arraycopy(rows.get(y), 0, v, y * width, width);
        return new CscanGrid(new ScalarMap(new GridGeometry(width, h, pitch, ox, oy), unit, v), gain, unit, fullScale, file);
    }

    static double headerNumber(String src, Map<String, String> header, String key, Double dflt) {
        String s = header.get(key);
        if (s == null) {
            if (dflt == null) throw new InputException(src, key, "a header line '# " + key + ": <number>'", "none");
            return dflt;
        }
        try {
            double d = Double.parseDouble(s);
            return InputException.requireFinite(src, key, d);
        } catch (NumberFormatException e) {
            throw new InputException(src, key, "a number", "'" + abbreviate(s) + "'");
        }
    }

    /** At most 40 characters of what was found, control characters shown as '?', for a message. */
    private static String abbreviate(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return t.replaceAll("\\p{Cntrl}", "?");
    }

    /** Writes a grid (amplitudes or any map) as CSV with the header described above. */
    public static void write(Path file, ScalarMap map, double gainDb, String unit, double fullScale) {
        AtomicOutput.write(file, tmp -> {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                GridGeometry g = map.geometry();
                w.write("# pitch_mm: " + g.pitchMm() + "\n");
                w.write("# gain_db: " + gainDb + "\n");
                w.write("# amplitude_unit: " + unit + "\n");
                w.write("# full_scale: " + fullScale + "\n");
                if (g.originXMm() != 0 || g.originYMm() != 0) {
                    w.write("# origin_x_mm: " + g.originXMm() + "\n# origin_y_mm: " + g.originYMm() + "\n");
                }
                writeRows(w, map);
            }
        });
    }

    /** Writes any map as CSV with pitch and unit in the header. */
    public static void writeMap(Path file, ScalarMap map) {
        AtomicOutput.write(file, tmp -> {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write("# pitch_mm: " + map.geometry().pitchMm() + "\n");
                w.write("# origin_x_mm: " + map.geometry().originXMm() + "\n");
                w.write("# origin_y_mm: " + map.geometry().originYMm() + "\n");
                w.write("# unit: " + map.unit() + "\n");
                writeRows(w, map);
            }
        });
    }

    private static void writeRows(BufferedWriter w, ScalarMap map) throws IOException {
        int width = map.width();
        float[] v = map.values();
        StringBuilder sb = new StringBuilder(width * 8);
        for (int y = 0; y < map.height(); y++) {
            sb.setLength(0);
            for (int x = 0; x < width; x++) {
                if (x > 0) sb.append(',');
                float f = v[y * width + x];
                sb.append(Float.isNaN(f) ? "NaN" : Float.toString(f));
            }
            sb.append('\n');
            w.write(sb.toString());
        }
    }
}
