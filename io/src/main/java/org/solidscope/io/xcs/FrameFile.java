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
 * A file of raw detector frames: unsigned integers, one per pixel, row-major, frames back to back (the HEXITEC layout:
 * 80 × 80 per sensor, 160 × 480 for a 2 × 6 module), with a JSON sidecar giving {@code rows}, {@code cols} and
 * {@code frame_rate_hz}; {@code frames}, {@code header_bytes} (bytes before the first frame) and {@code dtype} are
 * optional. {@code dtype} is NumPy's notation: {@code <u2} (the default, as HEXITEC writes), {@code >u2}, {@code <u4},
 * {@code >u4}; {@code uint16}/{@code uint32} without a byte order are little-endian, the layout's own; any other type is
 * refused by name. 32-bit values above 65,535 are refused where they are met (the processor counts 16-bit ADC values).
 * The file is never read here, only measured: readers stream it (see the xcs module's frame processor), each chunk
 * decoded by {@link #decode}.
 */
public record FrameFile(Path path, int rows, int cols, double frameRateHz, long frames, long headerBytes, int valueBytes, boolean bigEndian) {
    public long frameBytes() { return (long) valueBytes * rows * cols; }

    /** The sidecar's {@code dtype} notation of this file's values. */
    public String dtype() {
        return (bigEndian ? ">" : "<") + "u" + valueBytes;
    }

    /**
     * The {@code values} pixel values at the start of {@code bytes} (frames from {@code firstFrame}) as unsigned 16-bit
     * numbers in {@code into[offset …]}; a 32-bit value above 65,535 is refused naming the frame and the pixel.
     */
    public void decode(java.nio.ByteBuffer bytes, short[] into, int offset, int values, long firstFrame) {
        bytes.order(bigEndian ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
        if (valueBytes == 2) {
            bytes.asShortBuffer().get(into, offset, values);
            return;
        }
        java.nio.IntBuffer ints = bytes.asIntBuffer();
        int px = rows * cols;
        for (int k = 0; k < values; k++) {
            int v = ints.get(k);
            if ((v & 0xFFFF0000) != 0) {
                throw new InputException(path.toString(), "frame " + (firstFrame + k / px) + " pixel " + (k % px) + " (row " + (k % px) / cols + ", column "
                        + (k % px) % cols + ")", "a value up to 65,535 ADU", Integer.toUnsignedString(v));
            }
            into[offset + k] = (short) v;
        }
    }

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
        if (header < 0) throw new InputException(sc, "header_bytes", "a number of bytes ≥ 0", String.valueOf(header));
        String dtype = side.text("dtype", "<u2").strip();
        int valueBytes;
        boolean big;
        switch (dtype) {
            case "<u2", "uint16", "u2", "=u2" -> { valueBytes = 2; big = false; }
            case ">u2" -> { valueBytes = 2; big = true; }
            case "<u4", "uint32", "u4", "=u4" -> { valueBytes = 4; big = false; }
            case ">u4" -> { valueBytes = 4; big = true; }
            default -> throw new InputException(sc, "dtype", "an unsigned integer type: <u2, >u2, <u4 or >u4 (NumPy's notation)",
                    "'" + dtype.replaceAll("[^\\x20-\\x7e]", "?") + "'");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file.toString(), "file", "an existing frame file", "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        long frameBytes = (long) valueBytes * rows * cols, data = size - header;
        if (data < 0 || data % frameBytes != 0)
            throw new InputException(file.toString(), "size", String.format(Locale.ROOT, "a whole number of %d × %d %s frames (%d bytes each) after %d header bytes", rows, cols,
                    valueBytes == 2 ? "uint16" : "uint32", frameBytes, header),
                    String.format(Locale.ROOT, "%d bytes = %d frames and %d bytes", size, Math.max(0, data) / frameBytes, Math.max(0, data) % frameBytes));
        long frames = data / frameBytes;
        if (side.has("frames") && (long) side.number("frames") != frames)
            throw new InputException(sc, "frames", frames + " (what " + file.getFileName() + " holds: " + size + " bytes)", String.valueOf((long) side.number("frames")));
        if (frames == 0) throw new InputException(file.toString(), "frames", "at least one frame", "none");
        return new FrameFile(file, rows, cols, rate, frames, header, valueBytes, big);
    }

    /**
     * A frame file whatever its form: HDF5 with odin's {@code raw_frames} (copied frame by frame to a raw file in a
     * temporary folder, removed when the process ends), or a raw file with its sidecar.
     */
    public static FrameFile openAny(Path file) {
        if (!org.solidscope.io.Hdf5Frames.recognises(file)) return open(file);
        try {
            Path dir = Files.createTempDirectory("solidscope-frames");
            dir.toFile().deleteOnExit();
            Path raw = org.solidscope.io.Hdf5Frames.rawCopy(file, dir);
            raw.toFile().deleteOnExit();
            raw.resolveSibling(raw.getFileName() + ".json").toFile().deleteOnExit();
            FrameFile f = open(raw);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary folder for the frames of " + file, e);
        }
    }

    /**
     * Whether a file holds frames rather than an event list or a cube: a raw file (.bin, .raw, .dat), any file whose sidecar
     * gives {@code rows} and {@code cols} and is not a spectra cube or an event list, or HDF5 with odin's frames.
     */
    public static boolean isFrameFile(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".bin") || n.endsWith(".raw") || n.endsWith(".dat")) return true;
        if (n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".hdf") || n.endsWith(".nxs")) return org.solidscope.io.Hdf5Frames.recognises(file);
        if (n.endsWith(".npy") || n.endsWith(".csv")) return false;
        try {
            Sidecar side = Sidecar.find(file);
            return side != null && side.has("rows") && side.has("cols") && !"spectra".equals(side.text("kind", "frames"));
        } catch (InputException e) {
            return false;
        }
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
