package org.solidscope.io;

import org.solidscope.core.AtomicOutput;
import org.solidscope.core.MemoryBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import org.solidscope.core.InputException;

/**
 * An A-scan volume on disk: one waveform of {@code nt} samples per scan point, shape
 * {@code [ny, nx, nt]} in C order (t fastest). Read by memory-mapping blocks of scan lines, so
 * memory stays bounded whatever the file size.
 *
 * <p>{@code fullScale} is the raw sample value that corresponds to 100 % full-screen height
 * (32767 for int16 by default; 1.0 for float32 by default).
 */
public final class AscanVolume implements AutoCloseable {
    public enum SampleType {
        INT16(2), FLOAT32(4);
        public final int bytes;
        SampleType(int bytes) { this.bytes = bytes; }
    }

    private final Path file;
    private final FileChannel channel;
    private final long dataOffset;
    private final SampleType type;
    private final ByteOrder order;
    private final int ny, nx, nt;
    private final double sampleRateMHz, pitchMm, gainDb, fullScale;

    private AscanVolume(Path file, FileChannel channel, long dataOffset, SampleType type, ByteOrder order,
                        int ny, int nx, int nt, double sampleRateMHz, double pitchMm, double gainDb, double fullScale) {
        this.file = file;
        this.channel = channel;
        this.dataOffset = dataOffset;
        this.type = type;
        this.order = order;
        this.ny = ny;
        this.nx = nx;
        this.nt = nt;
        this.sampleRateMHz = sampleRateMHz;
        this.pitchMm = pitchMm;
        this.gainDb = gainDb;
        this.fullScale = fullScale;
    }

    /**
     * Opens {@code .npy} (sidecar optional: sample_rate_mhz, pitch_mm, gain_db, full_scale) or raw
     * with a required sidecar: {@code shape [ny, nx, nt]}, {@code dtype} (int16 | float32),
     * {@code byte_order} (little | big, default little), {@code sample_rate_mhz}, {@code pitch_mm},
     * {@code gain_db}, {@code full_scale}. A sample rate given here overrides the file's.
     */
    public static AscanVolume open(Path file, Double sampleRateMHzOverride) {
        AtomicOutput.noteInput(file);
        String src = file.toString();
        boolean npy = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
        SampleType type;
        ByteOrder order;
        long[] shape;
        long offset;
        Sidecar side;
        if (npy) {
            Npy.Header h = Npy.readHeader(file);
            type = switch (h.type()) {
                case "i2" -> SampleType.INT16;
                case "f4" -> SampleType.FLOAT32;
                default -> throw new InputException(src, "descr", "int16 (<i2) or float32 (<f4) samples", h.type());
            };
            if (h.shape().length != 3) throw new InputException(src, "shape", "3 dimensions [ny, nx, nt]", Arrays.toString(h.shape()));
            shape = h.shape();
            order = h.order();
            offset = h.dataOffset();
            side = Sidecar.find(file);
        } else {
            side = Sidecar.of(file);
            shape = side.longs("shape", 3);
            String dtype = side.text("dtype", null).toLowerCase(Locale.ROOT);
            type = switch (dtype) {
                case "int16", "<i2", "i2" -> SampleType.INT16;
                case "float32", "<f4", "f4" -> SampleType.FLOAT32;
                default -> throw new InputException(side.path().toString(), "dtype", "int16 or float32", dtype);
            };
            String bo = side.text("byte_order", "little").toLowerCase(Locale.ROOT);
            if (!bo.equals("little") && !bo.equals("big")) {
                throw new InputException(side.path().toString(), "byte_order", "little or big", bo);
            }
            order = bo.equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            offset = (long) side.number("header_bytes", 0);
        }
        for (long s : shape) {
            if (s <= 0 || s > Integer.MAX_VALUE) throw new InputException(src, "shape", "positive sizes below 2^31", Arrays.toString(shape));
        }
        String sideName = side == null ? src + ".json" : side.path().toString();
        String shapeSrc = npy || side == null ? src : sideName;
        if (shape[0] * shape[1] > Integer.MAX_VALUE - 8) {
            throw new InputException(shapeSrc, "shape", "fewer than 2^31 scan points (ny × nx)", Arrays.toString(shape));
        }
        if (shape[1] * shape[2] * type.bytes > CHUNK_BYTES) {
            throw new InputException(shapeSrc, "shape", "a scan line (nx × nt samples) of at most " + MemoryBudget.human(CHUNK_BYTES),
                    MemoryBudget.human(shape[1] * shape[2] * type.bytes) + " for " + Arrays.toString(shape));
        }
        double rate = sampleRateMHzOverride != null ? sampleRateMHzOverride
                : side != null && side.has("sample_rate_mhz") ? side.number("sample_rate_mhz") : Double.NaN;
        if (Double.isNaN(rate)) {
            throw new InputException(sideName, "sample_rate_mhz", "a sample rate (in the sidecar or --sample-rate-mhz)", "none");
        }
        InputException.requirePositive(sampleRateMHzOverride != null ? "--sample-rate-mhz" : sideName, "sample_rate_mhz", rate);
        double pitch = side != null ? side.number("pitch_mm", 0.5) : 0.5;
        InputException.requirePositive(sideName, "pitch_mm", pitch);
        double gain = side != null ? side.number("gain_db", 0) : 0;
        InputException.requireFinite(sideName, "gain_db", gain);
        double fs = side != null ? side.number("full_scale", type == SampleType.INT16 ? 32767 : 1.0)
                : (type == SampleType.INT16 ? 32767 : 1.0);
        InputException.requirePositive(sideName, "full_scale", fs);
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
            long expected = offset + shape[0] * shape[1] * shape[2] * type.bytes;
            long size = ch.size();
            if (size != expected) {
                ch.close();
                throw new InputException(npy ? src : sideName, npy ? "size" : "shape",
                        expected + " bytes for shape " + Arrays.toString(shape) + " of " + type.name().toLowerCase(Locale.ROOT)
                                + (npy ? "" : " in " + file.getFileName()),
                        size + " bytes" + (size < expected ? " (file truncated or shape too large)" : " (shape too small)"));
            }
            return new AscanVolume(file, ch, offset, type, order, (int) shape[0], (int) shape[1], (int) shape[2], rate, pitch, gain, fs);
        } catch (NoSuchFileException e) {
            throw new InputException(src, "file", "an existing A-scan file", "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    public Path file() { return file; }
    public SampleType type() { return type; }
    public int ny() { return ny; }
    public int nx() { return nx; }
    public int nt() { return nt; }
    public double sampleRateMHz() { return sampleRateMHz; }
    public double pitchMm() { return pitchMm; }
    public double gainDb() { return gainDb; }
    public double fullScale() { return fullScale; }
    public long sizeBytes() { return (long) ny * nx * nt * type.bytes; }

    /** Largest mapped chunk: whole scan lines up to 1 GiB. */
    static final long CHUNK_BYTES = 1L << 30;

    private java.util.concurrent.atomic.AtomicReferenceArray<ByteBuffer> chunks;

    private long lineBytes() { return (long) nx * nt * type.bytes; }

    private int linesPerChunk() { return (int) Math.max(1, CHUNK_BYTES / lineBytes()); }

    /**
     * Scan lines [y0, y0+lines) as a read-only buffer in the file's byte order; one line = nx·nt
     * samples. The file is memory-mapped once, in chunks of whole lines (≤ 1 GiB each, as Lucene's
     * MMapDirectory does), kept until {@link #close()}: repeated passes cost no new page faults, and
     * the pages belong to the operating system's cache, not to the Java heap. Lines must not straddle
     * a chunk: callers take blocks of at most {@link #maxLinesPerBlock()} lines aligned to it.
     */
    public ByteBuffer mapLines(int y0, int lines) {
        int per = linesPerChunk();
        int c = y0 / per;
        if ((y0 + lines - 1) / per != c) {
            throw new IllegalArgumentException("lines " + y0 + ".." + (y0 + lines - 1) + " straddle a mapped chunk");
        }
        ByteBuffer chunk = chunk(c, per);
        int from = (int) ((y0 - (long) c * per) * lineBytes());
        return chunk.slice(from, (int) (lines * lineBytes())).order(order);
    }

    /** Blocks of lines passed to {@link #mapLines} must stay within one chunk; aligned blocks of this size do. */
    public int maxLinesPerBlock() { return linesPerChunk(); }

    private synchronized ByteBuffer chunk(int c, int per) {
        if (chunks == null) chunks = new java.util.concurrent.atomic.AtomicReferenceArray<>((ny + per - 1) / per);
        ByteBuffer b = chunks.get(c);
        if (b == null) {
            long first = (long) c * per;
            long n = Math.min(per, ny - first);
            try {
                b = channel.map(FileChannel.MapMode.READ_ONLY, dataOffset + first * lineBytes(), n * lineBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot map " + file, e);
            }
            chunks.set(c, b);
        }
        return b;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
