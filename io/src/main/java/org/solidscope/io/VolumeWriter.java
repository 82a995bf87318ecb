package org.solidscope.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;

/**
 * Writes a volume slice by slice, so a result larger than the heap can be written as it is made:
 * .npy, .tif/.tiff (BigTIFF past 4 GiB) or .raw with its JSON sidecar, little-endian. The data go to a
 * temporary file beside the target, renamed into place by {@link #commit}; closing without a commit
 * removes it, so a failed run leaves nothing behind.
 */
public final class VolumeWriter implements AutoCloseable {
    private enum Format { NPY, TIFF, RAW }

    private final Path target, tmp;
    private final Format format;
    private final OutputStream out;
    private final int nz, ny, nx, bytes;
    private final boolean big;
    private final double voxelUm;
    private final String dtype;
    private final ByteBuffer buffer;
    private int written;
    private boolean committed;

    /** @param dtype "uint8", "uint16" or "float32" */
    public static VolumeWriter open(Path target, int nz, int ny, int nx, String dtype, double voxelUm) {
        return new VolumeWriter(target, nz, ny, nx, dtype, voxelUm, false);
    }

    /** A whole volume in memory, written the same way; {@code forceBig}: BigTIFF even below 4 GiB. */
    static void writeAll(Path target, VolumeData v, boolean forceBig) {
        try (VolumeWriter w = new VolumeWriter(target, v.nz(), v.ny(), v.nx(), v.dtype(), v.voxelUm(), forceBig)) {
            for (int z = 0; z < v.nz(); z++) {
                switch (v.slices()) {
                    case byte[][] s -> w.write(s[z]);
                    case short[][] s -> w.write(s[z]);
                    case float[][] s -> w.write(s[z]);
                    default -> throw new IllegalStateException();
                }
            }
            w.commit();
        }
    }

    private VolumeWriter(Path target, int nz, int ny, int nx, String dtype, double voxelUm, boolean forceBig) {
        String n = target.getFileName().toString().toLowerCase(Locale.ROOT);
        format = n.endsWith(".npy") ? Format.NPY : n.endsWith(".tif") || n.endsWith(".tiff") ? Format.TIFF : n.endsWith(".raw") ? Format.RAW : null;
        if (format == null) throw new InputException("--out", "extension", ".npy, .tif, .tiff or .raw", "'" + target.getFileName() + "'");
        bytes = switch (dtype) {
            case "uint8" -> 1;
            case "uint16" -> 2;
            case "float32" -> 4;
            default -> throw new IllegalArgumentException("dtype uint8, uint16 or float32, got " + dtype);
        };
        this.target = target.toAbsolutePath();
        this.nz = nz; this.ny = ny; this.nx = nx;
        this.dtype = dtype;
        this.voxelUm = voxelUm;
        this.big = forceBig || TiffStack.needsBig(nz, ny, nx, bytes);
        this.buffer = ByteBuffer.allocate(ny * nx * bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            tmp = AtomicOutput.temporaryFor(this.target);
            out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20);
            switch (format) {
                case NPY -> out.write(Npy.header(switch (bytes) { case 1 -> "|u1"; case 2 -> "<u2"; default -> "<f4"; }, nz, ny, nx));
                case TIFF -> out.write(TiffStack.header(big, (long) ny * nx * bytes));
                case RAW -> { }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + AtomicOutput.reason(e), e);
        }
    }

    /** The next slice (byte[], short[] or float[] of ny·nx voxels, as the dtype). */
    public void write(Object slice) {
        if (written >= nz) throw new IllegalStateException("all " + nz + " slices are written");
        buffer.clear();
        switch (slice) {
            case byte[] s when bytes == 1 && s.length == ny * nx -> buffer.put(s);
            case short[] s when bytes == 2 && s.length == ny * nx -> buffer.asShortBuffer().put(s);
            case float[] s when bytes == 4 && s.length == ny * nx -> buffer.asFloatBuffer().put(s);
            default -> throw new IllegalArgumentException("a " + dtype + " slice of " + ny * nx + " voxels expected");
        }
        try {
            out.write(buffer.array());
            if (format == Format.TIFF) out.write(TiffStack.ifd(big, written, nz, ny, nx, 8 * bytes, bytes == 4 ? 3 : 1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + AtomicOutput.reason(e), e);
        }
        written++;
    }

    /** Moves the finished file into place (and writes the raw sidecar); every slice must have been written. */
    public void commit() {
        if (written != nz) throw new IllegalStateException(written + " of " + nz + " slices written");
        try {
            out.close();
            AtomicOutput.publish(tmp, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + AtomicOutput.reason(e), e);
        }
        committed = true;
        if (format == Format.RAW) RawVolume.writeSidecar(target, nz, ny, nx, dtype, voxelUm);
    }

    @Override
    public void close() {
        if (committed) return;
        try {
            out.close();
        } catch (IOException ignored) {
            // the failure that stopped the writing matters more
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // nothing more can be done
        }
    }
}
