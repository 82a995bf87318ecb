package org.solidscope.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import org.solidscope.core.ScalarMap;
import org.solidscope.io.CscanCsv;
import org.solidscope.io.CscanGrid;
import org.solidscope.io.MapImages;
import org.solidscope.io.Npy;

/** Writes maps in the format named by the file extension: .csv, .npy (+ sidecar), .tif/.tiff/.png (16-bit + sidecar). */
final class MapOutputs {
    private MapOutputs() {}

    static final String FORMATS = ".csv, .npy, .tif, .tiff, .png";

    /** Checks the extension before any work is done, so that a bad name fails fast. */
    static void checkExtension(String option, Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(n.endsWith(".csv") || n.endsWith(".npy") || n.endsWith(".tif") || n.endsWith(".tiff") || n.endsWith(".png"))) {
            throw new InputException(option, "extension", FORMATS, "'" + file.getFileName() + "'");
        }
    }

    /** A C-scan (displayed amplitude with its gain), readable again by every C-scan reader. */
    static void writeCscan(Path file, ScalarMap amplitude, double gainDb) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Map<String, Object> side = new LinkedHashMap<>();
        side.put("pitch_mm", amplitude.geometry().pitchMm());
        side.put("gain_db", gainDb);
        side.put("amplitude_unit", CscanGrid.PERCENT_FSH);
        side.put("full_scale", 100);
        if (n.endsWith(".csv")) {
            CscanCsv.write(file, amplitude, gainDb, CscanGrid.PERCENT_FSH, 100);
        } else if (n.endsWith(".npy")) {
            Npy.write2D(file, amplitude.height(), amplitude.width(), amplitude.values());
            AtomicOutput.writeString(file.resolveSibling(file.getFileName() + ".json"), Json.write(side));
        } else {
            MapImages.write16(file, amplitude, side);
        }
    }

    /** Any map (levels, ratios, times of flight) with its unit. */
    static void writeMap(Path file, ScalarMap map) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv")) {
            CscanCsv.writeMap(file, map);
        } else if (n.endsWith(".npy")) {
            Npy.write2D(file, map.height(), map.width(), map.values());
            Map<String, Object> side = new LinkedHashMap<>();
            side.put("pitch_mm", map.geometry().pitchMm());
            side.put("origin_x_mm", map.geometry().originXMm());
            side.put("origin_y_mm", map.geometry().originYMm());
            side.put("unit", map.unit());
            AtomicOutput.writeString(file.resolveSibling(file.getFileName() + ".json"), Json.write(side));
        } else {
            MapImages.write16(file, map);
        }
    }
}
