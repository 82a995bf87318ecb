package org.solidscope.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;

/**
 * Detector frames in HDF5 as STFC's odin frame processor writes them for HEXITEC: a dataset {@code raw_frames} of shape
 * (frames, rows, cols), unsigned 16-bit ADU, no attributes needed (a 2 × 2 module of 80 × 80 sensors is 160 × 160).
 * odin's {@code processed_frames} hold energies (keV, floating point), not ADU, and are refused by name. The frames are
 * copied one at a time (never the whole dataset in memory, chunked and compressed layouts included) into a raw frame
 * file with its sidecar, which the frame processor then streams like any other.
 */
public final class Hdf5Frames {
    private Hdf5Frames() {}

    /** Whether the file is HDF5 (its signature) with a {@code raw_frames} or {@code processed_frames} dataset. */
    public static boolean recognises(Path file) {
        byte[] sig = new byte[8];
        try (var in = Files.newInputStream(file)) {
            if (in.readNBytes(sig, 0, 8) != 8) return false;
        } catch (IOException e) {
            return false;
        }
        if (!Arrays.equals(sig, new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'})) return false;
        try (HdfFile h = Hdf5Volume.open(file)) {
            return h.getChildren().containsKey("raw_frames") || h.getChildren().containsKey("processed_frames");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Copies {@code /raw_frames} into {@code dir}/NAME.raw_frames.bin (NAME the HDF5 file's) with a sidecar (rows, cols, frames,
     * dtype &lt;u2); returns the frame file.
     */
    public static Path rawCopy(Path file, Path dir) {
        AtomicOutput.noteInput(file);
        String src = file.toString();
        try (HdfFile h = Hdf5Volume.open(file)) {
            if (!h.getChildren().containsKey("raw_frames")) {
                if (h.getChildren().containsKey("processed_frames")) {
                    throw new InputException(src, "processed_frames", "raw_frames in ADU (odin's processed frames are energies in keV, not counts)",
                            "processed_frames only");
                }
                throw new InputException(src, "datasets", "raw_frames (frames, rows, cols) as odin writes it", h.getChildren().keySet().toString());
            }
            Node node = h.getByPath("raw_frames");
            if (!(node instanceof Dataset d)) throw new InputException(src, "raw_frames", "a dataset", "a " + node.getType());
            int[] dims = d.getDimensions();
            if (dims.length != 3 || dims[0] < 1 || dims[1] < 1 || dims[2] < 1 || dims[1] > 1 << 14 || dims[2] > 1 << 14) {
                throw new InputException(src, "raw_frames", "3 dimensions (frames, rows, cols), rows and cols 1 … 16384", Arrays.toString(dims));
            }
            DataType t = d.getDataType();
            if (!(t instanceof FixedPoint f) || f.getSize() != 2) {
                throw new InputException(src, "raw_frames", "16-bit integers (ADU)", t.getClass().getSimpleName() + " of " + t.getSize() + " bytes");
            }
            int frames = dims[0], rows = dims[1], cols = dims[2];
            Path out = dir.resolve(file.getFileName() + ".raw_frames.bin");
            ByteBuffer b = ByteBuffer.allocate(2 * rows * cols).order(ByteOrder.LITTLE_ENDIAN);
            try (OutputStream o = Files.newOutputStream(out)) {
                for (int k = 0; k < frames; k++) {
                    Object plane = Array.get(d.getData(new long[] {k, 0, 0}, new int[] {1, rows, cols}), 0);
                    b.clear();
                    Hdf5Volume.fill(plane, rows, cols, (i, v) -> b.putShort(2 * i, (short) v));
                    o.write(b.array());
                }
            }
            Map<String, Object> side = new LinkedHashMap<>();
            side.put("rows", rows);
            side.put("cols", cols);
            side.put("frames", frames);
            side.put("dtype", "<u2");
            side.put("source", file.getFileName().toString() + ":/raw_frames");
            Files.writeString(dir.resolve(out.getFileName() + ".json"), Json.write(side));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the frames of " + file, e);
        } catch (InputException | UncheckedIOException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError e) {
            throw Hdf5Volume.unreadable(src, e);
        }
    }
}
