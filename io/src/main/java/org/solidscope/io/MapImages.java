package org.solidscope.io;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import org.solidscope.core.ScalarMap;

/**
 * Writes maps as 16-bit greyscale TIFF or PNG with a JSON sidecar that makes them quantitative:
 * value = {@code value_offset} + count · {@code value_per_count}; count 0 marks missing values (NaN).
 * The value range found in the map is spread over counts 1…65535.
 */
public final class MapImages {
    private MapImages() {}

    public static void write16(Path file, ScalarMap map) {
        write16(file, map, Map.of());
    }

    /**
     * As {@link #write16(Path, ScalarMap)}, with extra sidecar fields. The scale is also written as
     * {@code amplitude_offset} / {@code amplitude_per_count}, so a C-scan written this way reads back
     * through {@link CscanImage}.
     */
    public static void write16(Path file, ScalarMap map, Map<String, Object> extra) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String format = n.endsWith(".png") ? "png" : n.endsWith(".tif") || n.endsWith(".tiff") ? "tiff" : null;
        if (format == null) throw new InputException(file.toString(), "extension", ".png, .tif or .tiff", file.getFileName().toString());
        float[] v = map.values();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (float f : v) {
            if (Float.isFinite(f)) {
                lo = Math.min(lo, f);
                hi = Math.max(hi, f);
            }
        }
        if (lo > hi) { lo = 0; hi = 1; }
        double per = hi > lo ? (hi - lo) / 65534.0 : 1.0;
        double offset = lo - per; // count 1 ↔ lo
        int w = map.width(), h = map.height();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float f = v[y * w + x];
                row[x] = Float.isFinite(f) ? (int) Math.max(1, Math.min(65535, Math.round((f - offset) / per))) : 0;
            }
            r.setSamples(0, y, w, 1, 0, row);
        }
        AtomicOutput.write(file, tmp -> {
            if (!ImageIO.write(img, format, tmp.toFile())) throw new IOException("no ImageIO writer for " + format);
        });
        Map<String, Object> side = new LinkedHashMap<>();
        side.put("pitch_mm", map.geometry().pitchMm());
        side.put("origin_x_mm", map.geometry().originXMm());
        side.put("origin_y_mm", map.geometry().originYMm());
        side.put("unit", map.unit());
        side.put("value_offset", offset);
        side.put("value_per_count", per);
        side.put("nodata_count", 0);
        side.put("amplitude_offset", offset);
        side.put("amplitude_per_count", per);
        side.putAll(extra);
        AtomicOutput.writeString(file.resolveSibling(file.getFileName() + ".json"), Json.write(side));
    }
}
