package org.solidscope.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.MemoryBudget;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;

/**
 * A raw binary volume with a JSON sidecar ({@code FILE.json} or {@code STEM.json}):
 * {@code shape} [nz, ny, nx] (x fastest), {@code dtype} uint8 | uint16 | float32, optional
 * {@code byte_order} little | big (default little), {@code header_bytes} to skip (default 0) and
 * {@code voxel_um}.
 */
public final class RawVolume {
    private RawVolume() {}

    /** Where and how a raw volume's voxels lie, from its sidecar, checked against the file's size. */
    record Layout(int nz, int ny, int nx, int bytes, ByteOrder order, long offset, double voxelUm, String type) {}

    static Layout layout(Path file) {
        return layout(file, Sidecar.of(file));
    }

    static Layout layout(Path file, Sidecar side) {
        String sn = side.path().toString();
        long[] shape = side.longs("shape", 3);
        for (long s : shape) if (s <= 0 || s > Integer.MAX_VALUE) throw new InputException(sn, "shape", "positive sizes", Arrays.toString(shape));
        if (shape[1] * shape[2] > Integer.MAX_VALUE - 8) throw new InputException(sn, "shape", "slices below 2^31 voxels", Arrays.toString(shape));
        String dtype = side.text("dtype", null).toLowerCase(Locale.ROOT);
        int bytes = switch (dtype) {
            case "uint8", "u1", "|u1" -> 1;
            case "uint16", "u2", "<u2", ">u2" -> 2;
            case "float32", "f4", "<f4", ">f4" -> 4;
            default -> throw new InputException(sn, "dtype", "uint8, uint16 or float32", dtype);
        };
        String bo = side.text("byte_order", "little").toLowerCase(Locale.ROOT);
        if (!bo.equals("little") && !bo.equals("big")) throw new InputException(sn, "byte_order", "little or big", bo);
        ByteOrder order = bo.equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        long offset = (long) side.number("header_bytes", 0);
        int nz = (int) shape[0], ny = (int) shape[1], nx = (int) shape[2];
        long expected = offset + (long) nz * ny * nx * bytes;
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file.toString(), "file", "an existing raw volume", "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (size != expected) {
            throw new InputException(sn, "shape", expected + " bytes for " + Arrays.toString(shape) + " of " + dtype + " in " + file.getFileName(),
                    size + " bytes" + (size < expected ? " (file truncated or shape too large)" : " (shape too small)"));
        }
        return new Layout(nz, ny, nx, bytes, order, offset, side.number("voxel_um", Double.NaN), bytes == 1 ? "u1" : bytes == 2 ? "u2" : "f4");
    }

    public static VolumeData read(Path file) {
        return read(file, Sidecar.of(file));
    }

    /** The raw volume at {@code file} described by {@code side}. */
    public static VolumeData read(Path file, Sidecar side) {
        AtomicOutput.noteInput(file);
        Layout l = layout(file, side);
        int nz = l.nz(), n = l.ny() * l.nx(), bytes = l.bytes();
        MemoryBudget.require(file.toString(), "shape", "a volume of " + nz + " × " + l.ny() + " × " + l.nx() + " voxels",
                MemoryBudget.product(nz, n, bytes));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Object slices = bytes == 1 ? new byte[nz][n] : bytes == 2 ? new short[nz][n] : new float[nz][n];
            // positional reads through one buffer, as the .npy readers (a mapping costs a cold call its reflective set-up)
            Npy.Header h = new Npy.Header(l.type(), l.order(), bytes, new long[] {nz, l.ny(), l.nx()}, l.offset());
            ByteBuffer b = Npy.chunkBuffer((long) n * bytes, l.order());
            for (int z = 0; z < nz; z++) {
                Object slice = bytes == 1 ? ((byte[][]) slices)[z] : bytes == 2 ? ((short[][]) slices)[z] : ((float[][]) slices)[z];
                Npy.readInto(ch, b, l.offset() + (long) z * n * bytes, h, slice, n, file.toString());
            }
            return new VolumeData(nz, l.ny(), l.nx(), slices, l.voxelUm());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Writes the data (little-endian) and its sidecar, each temp-then-rename. */
    public static void write(Path file, VolumeData v) {
        VolumeWriter.writeAll(file, v, false);
    }

    /** The JSON sidecar of a little-endian raw volume written here. */
    static void writeSidecar(Path file, int nz, int ny, int nx, String dtype, double voxelUm) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("shape", new int[] {nz, ny, nx});
        s.put("dtype", dtype);
        s.put("byte_order", "little");
        if (!Double.isNaN(voxelUm)) s.put("voxel_um", voxelUm);
        AtomicOutput.writeString(file.resolveSibling(file.getFileName() + ".json"), Json.write(s));
    }
}
