package org.solidscope.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.MemoryBudget;
import org.solidscope.core.InputException;

/**
 * NumPy {@code .npy} files (format versions 1–3), C order. Reads headers and 2D arrays of
 * {@code u1, i2, u2, i4, f4, f8} into floats; writes 2D float32 and streams 3D int16.
 */
public final class Npy {
    private Npy() {}

    /** A parsed header: element type ({@code descr} without byte-order mark), byte order, shape, data offset. */
    public record Header(String type, ByteOrder order, int elementBytes, long[] shape, long dataOffset) {
        public long elements() {
            long n = 1;
            for (long s : shape) n *= s;
            return n;
        }
    }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** NumPy writes headers of a few hundred bytes; a bound keeps a crafted length from allocating gigabytes. */
    static final int MAX_HEADER_BYTES = 1 << 16;

    /** Header text for a message: printable characters only, at most 120 of them. */
    static String printable(String h) {
        String t = h.replaceAll("[^\\x20-\\x7e]", "").strip();
        return t.isEmpty() ? "no readable text" : t.length() > 120 ? t.substring(0, 120) + "…" : t;
    }

    /** The NumPy name of an element type ("f8" → float64), for messages. */
    public static String typeName(String type) {
        return switch (type) {
            case "u1" -> "uint8"; case "i1" -> "int8"; case "u2" -> "uint16"; case "i2" -> "int16"; case "u4" -> "uint32";
            case "i4" -> "int32"; case "u8" -> "uint64"; case "i8" -> "int64"; case "f2" -> "float16"; case "f4" -> "float32";
            case "f8" -> "float64"; case "b1" -> "bool"; default -> type;
        };
    }

    public static Header readHeader(Path file) {
        AtomicOutput.noteInput(file);
        String src = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(pre, 0);
            pre.flip();
            if (pre.remaining() < 10 || (pre.get(0) & 0xff) != 0x93 || pre.get(1) != 'N' || pre.get(2) != 'U') {
                throw new InputException(src, "magic", "a NumPy .npy file (\\x93NUMPY)", "other bytes");
            }
            int major = pre.get(6);
            if (major < 1 || major > 3) throw new InputException(src, "version", "1, 2 or 3", String.valueOf(major & 0xff));
            if (major >= 2 && pre.remaining() < 12) throw new InputException(src, "header length", "a version " + major + " header", "the file ends first");
            long headerLen;
            int headerStart;
            if (major == 1) {
                headerLen = pre.getShort(8) & 0xffff;
                headerStart = 10;
            } else {
                headerLen = pre.getInt(8) & 0xffffffffL;
                headerStart = 12;
            }
            if (headerLen > MAX_HEADER_BYTES || headerStart + headerLen > ch.size()) {
                throw new InputException(src, "header length", "a header of at most " + MAX_HEADER_BYTES + " bytes inside the file",
                        headerLen + " bytes in a file of " + ch.size());
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            while (hb.hasRemaining() && ch.read(hb, headerStart + hb.position()) >= 0) { }
            String h = new String(hb.array(), 0, hb.position(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Matcher d = DESCR.matcher(h);
            if (!d.find()) throw new InputException(src, "descr", "a numeric dtype such as '<i2' or '<f4'", printable(h));
            Matcher f = FORTRAN.matcher(h);
            if (f.find() && f.group(1).equals("True")) {
                throw new InputException(src, "fortran_order", "False (C order)", "True");
            }
            Matcher s = SHAPE.matcher(h);
            if (!s.find()) throw new InputException(src, "shape", "a shape tuple", printable(h));
            long[] shape;
            try {
                // a loop, not a stream: every call of a cold CLI reads a header, and a stream's lambdas cost it milliseconds
                String[] parts = s.group(1).split(",");
                long[] dims = new long[parts.length];
                int k = 0;
                for (String part : parts) if (!part.isBlank()) dims[k++] = Long.parseLong(part.strip());
                shape = Arrays.copyOf(dims, k);
            } catch (NumberFormatException e) {
                throw new InputException(src, "shape", "a tuple of whole numbers", printable("(" + s.group(1) + ")"));
            }
            for (long dim : shape) if (dim < 0) throw new InputException(src, "shape", "sizes ≥ 0", Arrays.toString(shape));
            ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            int bytes;
            try {
                bytes = Integer.parseInt(d.group(3));
            } catch (NumberFormatException e) {
                throw new InputException(src, "descr", "an element size in bytes", printable(d.group(3)));
            }
            Header header = new Header(d.group(2) + bytes, order, bytes, shape, headerStart + headerLen);
            long data = MemoryBudget.product(MemoryBudget.product(shape), bytes);
            if (data < 0 || MemoryBudget.product(shape) < 0) throw new InputException(src, "shape", "a size below 2^63 bytes", Arrays.toString(shape));
            long expected = header.dataOffset() + data;
            long size = ch.size();
            if (size != expected) {
                throw new InputException(src, "size", expected + " bytes for shape " + Arrays.toString(shape)
                        + " of " + d.group(2) + bytes, size + " bytes" + (size < expected ? " (truncated)" : ""));
            }
            return header;
        } catch (NoSuchFileException e) {
            throw new InputException(src, "file", "an existing .npy file", "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Reads a 2D array as floats; returns {@code [height][width]} flattened with the shape. */
    public record Array2D(int height, int width, float[] values) {}

    public static Array2D read2D(Path file) {
        AtomicOutput.noteInput(file);
        Header h = readHeader(file);
        String src = file.toString();
        if (h.shape().length != 2) {
            throw new InputException(src, "shape", "2 dimensions [rows, columns]", Arrays.toString(h.shape()));
        }
        long n = h.elements();
        if (n > Integer.MAX_VALUE - 8) throw new InputException(src, "shape", "fewer than 2^31 elements", String.valueOf(n));
        MemoryBudget.require(src, "shape", "an array of " + n + " elements", 4 * n);
        float[] out = new float[(int) n];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            readInto(ch, chunkBuffer(n * h.elementBytes(), h.order()), h.dataOffset(), h, out, (int) n, src);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new Array2D((int) h.shape()[0], (int) h.shape()[1], out);
    }

    /** Converts {@code out.length} elements of an .npy type from {@code b} (positioned at 0) to floats. */
    public static void toFloats(ByteBuffer b, String type, float[] out, String src) {
        toFloats(b, type, out, 0, out.length, src);
    }

    /** Converts {@code count} elements of an .npy type from {@code b} (positioned at 0) to {@code out[from …]}. */
    static void toFloats(ByteBuffer b, String type, float[] out, int from, int count, String src) {
        switch (type) {
            case "u1" -> { for (int i = 0; i < count; i++) out[from + i] = b.get(i) & 0xff; }
            case "i2" -> { for (int i = 0; i < count; i++) out[from + i] = b.getShort(2 * i); }
            case "u2" -> { for (int i = 0; i < count; i++) out[from + i] = b.getShort(2 * i) & 0xffff; }
            case "i4" -> { for (int i = 0; i < count; i++) out[from + i] = b.getInt(4 * i); }
            case "f4" -> b.asFloatBuffer().get(out, from, count);
            case "f8" -> { for (int i = 0; i < count; i++) out[from + i] = (float) b.getDouble(8 * i); }
            default -> throw new InputException(src, "descr", "one of u1, i2, u2, i4, f4, f8", type);
        }
    }

    /** The first {@code out.length} elements of the array body of {@code h}, as floats (see {@link #readInto}). */
    public static void readFloats(FileChannel ch, Header h, float[] out, String src) throws IOException {
        readInto(ch, chunkBuffer((long) out.length * h.elementBytes(), h.order()), h.dataOffset(), h, out, out.length, src);
    }

    /** Largest read of the array readers. */
    private static final int CHUNK_BYTES = 4 << 20;

    /** The one buffer an array reader reads through: direct (the channel reads into it without a copy), at most {@link #CHUNK_BYTES}. */
    static ByteBuffer chunkBuffer(long bytes, ByteOrder order) {
        return ByteBuffer.allocateDirect((int) Math.max(8, Math.min(bytes, CHUNK_BYTES))).order(order);
    }

    /**
     * Reads {@code count} elements from byte {@code position} into {@code out} — a float[] (converted from the file's
     * type), or a short[] or byte[] of the file's own type — by positional reads through {@code b}. Not a mapping: a
     * JVM's first mapping builds its buffer reflectively (about 60 ms of method-handle set-up in a cold call), and each
     * of its 4 KiB pages then faults on first touch.
     */
    static void readInto(FileChannel ch, ByteBuffer b, long position, Header h, Object out, int count, String src) throws IOException {
        int eb = h.elementBytes(), per = b.capacity() / eb;
        for (int done = 0; done < count; done += per) {
            int m = Math.min(per, count - done);
            long at = position + (long) done * eb;
            b.clear().limit(m * eb);
            while (b.hasRemaining()) {
                if (ch.read(b, at + b.position()) < 0) throw new InputException(src, "data", count + " elements", "end of file");
            }
            b.flip();
            if (out instanceof float[] f) toFloats(b, h.type(), f, done, m, src);
            else if (out instanceof short[] sh) b.asShortBuffer().get(sh, done, m);
            else b.get((byte[]) out, done, m);
        }
    }

    /** A 3D uint16 volume [nz, ny, nx] as one short array per z-slice (read slice by slice). */
    public static short[][] readVolumeU16(Path file, int[] shapeOut) {
        Header h = readHeader(file);
        String src = file.toString();
        if (h.shape().length != 3) throw new InputException(src, "shape", "3 dimensions [nz, ny, nx]", Arrays.toString(h.shape()));
        if (!h.type().equals("u2")) throw new InputException(src, "descr", "uint16 ('<u2')", h.type());
        int nz = (int) h.shape()[0], ny = (int) h.shape()[1], nx = (int) h.shape()[2];
        if ((long) nx * ny > Integer.MAX_VALUE - 8) throw new InputException(src, "shape", "slices below 2^31 voxels", Arrays.toString(h.shape()));
        shapeOut[0] = nz; shapeOut[1] = ny; shapeOut[2] = nx;
        MemoryBudget.require(src, "shape", "a volume " + Arrays.toString(h.shape()), MemoryBudget.product(h.elements(), 2));
        short[][] out = new short[nz][nx * ny];
        long sliceBytes = 2L * nx * ny;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = chunkBuffer(sliceBytes, h.order());
            for (int z = 0; z < nz; z++) readInto(ch, b, h.dataOffset() + z * sliceBytes, h, out[z], nx * ny, src);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }

    /** A 3D uint8 mask [nz, ny, nx] as one byte array per z-slice. */
    public static byte[][] readVolumeU8(Path file, int[] shapeOut) {
        Header h = readHeader(file);
        String src = file.toString();
        if (h.shape().length != 3) throw new InputException(src, "shape", "3 dimensions [nz, ny, nx]", Arrays.toString(h.shape()));
        if (!h.type().equals("u1")) throw new InputException(src, "descr", "uint8 ('|u1')", h.type());
        int nz = (int) h.shape()[0], ny = (int) h.shape()[1], nx = (int) h.shape()[2];
        if ((long) nx * ny > Integer.MAX_VALUE - 8) throw new InputException(src, "shape", "slices below 2^31 voxels", Arrays.toString(h.shape()));
        shapeOut[0] = nz; shapeOut[1] = ny; shapeOut[2] = nx;
        MemoryBudget.require(src, "shape", "a volume " + Arrays.toString(h.shape()), h.elements());
        byte[][] out = new byte[nz][nx * ny];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = chunkBuffer((long) nx * ny, h.order());
            for (int z = 0; z < nz; z++) readInto(ch, b, h.dataOffset() + (long) z * nx * ny, h, out[z], nx * ny, src);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }

    /**
     * A 3D array [n0, n1, n2] of any numeric type read as floats, one array per index of the first
     * axis (a CT slice, or a projection). Integer types convert exactly up to 2²⁴.
     */
    public static float[][] readVolumeF32(Path file, int[] shapeOut) {
        Header h = readHeader(file);
        String src = file.toString();
        if (h.shape().length != 3) throw new InputException(src, "shape", "3 dimensions", Arrays.toString(h.shape()));
        int n0 = (int) h.shape()[0], n1 = (int) h.shape()[1], n2 = (int) h.shape()[2];
        if ((long) n1 * n2 > Integer.MAX_VALUE - 8) throw new InputException(src, "shape", "slices below 2^31 elements", Arrays.toString(h.shape()));
        shapeOut[0] = n0; shapeOut[1] = n1; shapeOut[2] = n2;
        int n = n1 * n2, eb = h.elementBytes();
        MemoryBudget.require(src, "shape", "an array " + Arrays.toString(h.shape()) + " as float32", MemoryBudget.product(h.elements(), 4));
        float[][] out = new float[n0][n];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = chunkBuffer((long) n * eb, h.order());
            for (int z = 0; z < n0; z++) readInto(ch, b, h.dataOffset() + (long) z * n * eb, h, out[z], n, src);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }

    /** Writes slices [nz][ny·nx] of uint16 ({@code short[][]}), uint8 ({@code byte[][]}), int32 ({@code int[][]}) or float32 ({@code float[][]}) as a 3D .npy. */
    public static void writeVolume(Path file, int nz, int ny, int nx, Object slices) {
        AtomicOutput.write(file, tmp -> {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
                if (slices instanceof short[][] s) {
                    out.write(header("<u2", nz, ny, nx));
                    ByteBuffer b = ByteBuffer.allocate(2 * nx * ny).order(ByteOrder.LITTLE_ENDIAN);
                    for (short[] sl : s) { b.clear(); b.asShortBuffer().put(sl); out.write(b.array()); }
                } else if (slices instanceof byte[][] s) {
                    out.write(header("|u1", nz, ny, nx));
                    for (byte[] sl : s) out.write(sl);
                } else if (slices instanceof float[][] s) {
                    out.write(header("<f4", nz, ny, nx));
                    ByteBuffer b = ByteBuffer.allocate(4 * nx * ny).order(ByteOrder.LITTLE_ENDIAN);
                    for (float[] sl : s) { b.clear(); b.asFloatBuffer().put(sl); out.write(b.array()); }
                } else if (slices instanceof int[][] s) {
                    out.write(header("<i4", nz, ny, nx));
                    ByteBuffer b = ByteBuffer.allocate(4 * nx * ny).order(ByteOrder.LITTLE_ENDIAN);
                    for (int[] sl : s) { b.clear(); b.asIntBuffer().put(sl); out.write(b.array()); }
                } else {
                    throw new IllegalArgumentException("slices of short, byte, int or float");
                }
            }
        });
    }

    /** Header bytes for a little-endian C-order array, padded to a multiple of 64 (format 1.0). */
    public static byte[] header(String descr, long... shape) {
        StringBuilder s = new StringBuilder("{'descr': '").append(descr).append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            s.append(shape[i]);
            if (shape.length == 1 || i < shape.length - 1) s.append(", ");
        }
        s.append("), }");
        int total = 10 + s.length() + 1;
        int pad = (64 - total % 64) % 64;
        s.append(" ".repeat(pad)).append('\n');
        byte[] dict = s.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + dict.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        b.putShort((short) dict.length).put(dict);
        return b.array();
    }

    /** A 2D float32 array as the bytes of an .npy file. */
    public static byte[] encode2D(int height, int width, float[] values) {
        byte[] h = header("<f4", height, width);
        ByteBuffer b = ByteBuffer.allocate(h.length + values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(h);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    /** A 2D uint16 array as the bytes of an .npy file. */
    public static byte[] encode2D(int height, int width, short[] values) {
        byte[] h = header("<u2", height, width);
        ByteBuffer b = ByteBuffer.allocate(h.length + values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put(h);
        b.asShortBuffer().put(values);
        return b.array();
    }

    /** A 2D uint8 array as the bytes of an .npy file. */
    public static byte[] encode2D(int height, int width, byte[] values) {
        byte[] h = header("|u1", height, width);
        byte[] out = java.util.Arrays.copyOf(h, h.length + values.length);
        System.arraycopy(values, 0, out, h.length, values.length);
        return out;
    }

    public static void write2D(Path file, int height, int width, float[] values) {
        AtomicOutput.write(file, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(header("<f4", height, width));
                ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(values);
                out.write(b.array());
            }
        });
    }

    public static void write2D(Path file, int height, int width, byte[] values) {
        AtomicOutput.write(file, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(header("|u1", height, width));
                out.write(values);
            }
        });
    }
}
