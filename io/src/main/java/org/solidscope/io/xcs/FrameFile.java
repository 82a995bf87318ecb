package org.solidscope.io.xcs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import org.solidscope.io.Sidecar;

/**
 * A file of raw detector frames: little-endian uint16, one value per pixel, row-major, frames back to back (the
 * HEXITEC layout: 80 × 80 per sensor, 160 × 480 for a 2 × 6 module), with a JSON sidecar giving {@code rows},
 * {@code cols} and {@code frame_rate_hz}; {@code frames} and {@code header_bytes} (bytes before the first frame) are
 * optional. The file is never read here, only measured: readers stream it (see the xcs module's frame processor).
 */
public record FrameFile(Path path, int rows, int cols, double frameRateHz, long frames, long headerBytes) {
    public long frameBytes() { return 2L * rows * cols; }

    public long dataBytes() { return frames * frameBytes(); }

    /** Measures {@code file} against its sidecar; refuses a size that is not a whole number of frames or a sidecar that disagrees. */
    public static FrameFile open(Path file) {
        AtomicOutput.noteInput(file);
        Sidecar side = Sidecar.of(file);
        String sc = side.path().toString();
        int rows = whole(side, "rows"), cols = whole(side, "cols");
        double rate = side.has("frame_rate_hz") ? side.number("frame_rate_hz") : Double.NaN;
        if (side.has("frame_rate_hz") && !(rate > 0)) throw new InputException(sc, "frame_rate_hz", "a rate > 0", String.valueOf(rate));
        long header = side.has("header_bytes") ? (long) side.number("header_bytes") : 0;
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file.toString(), "file", "an existing frame file", "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        long frameBytes = 2L * rows * cols, data = size - header;
        if (data < 0 || data % frameBytes != 0)
            throw new InputException(file.toString(), "size", String.format(Locale.ROOT, "a whole number of %d × %d uint16 frames (%d bytes each) after %d header bytes", rows, cols, frameBytes, header),
                    String.format(Locale.ROOT, "%d bytes = %d frames and %d bytes", size, Math.max(0, data) / frameBytes, Math.max(0, data) % frameBytes));
        long frames = data / frameBytes;
        if (side.has("frames") && (long) side.number("frames") != frames)
            throw new InputException(sc, "frames", frames + " (what " + file.getFileName() + " holds: " + size + " bytes)", String.valueOf((long) side.number("frames")));
        if (frames == 0) throw new InputException(file.toString(), "frames", "at least one frame", "none");
        return new FrameFile(file, rows, cols, rate, frames, header);
    }

    private static int whole(Sidecar side, String field) {
        double v = side.number(field);
        if (!(v >= 1 && v <= 1 << 14 && v == Math.rint(v))) throw new InputException(side.path().toString(), field, "a whole number from 1 to 16384", String.valueOf(v));
        return (int) v;
    }

    /** The sidecar of a frame file as JSON text. */
    public static String sidecarJson(int rows, int cols, double frameRateHz, long frames, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("modality", "xcs");
        m.put("kind", "frames");
        m.put("rows", rows);
        m.put("cols", cols);
        m.put("frame_rate_hz", frameRateHz);
        m.put("frames", frames);
        m.put("dtype", "<u2");
        if (extra != null) m.putAll(extra);
        return Json.write(m);
    }
}
