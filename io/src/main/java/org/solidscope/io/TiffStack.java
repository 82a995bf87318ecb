package org.solidscope.io;

import org.solidscope.core.AtomicOutput;
import org.solidscope.core.MemoryBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.solidscope.core.InputException;

/**
 * TIFF volumes: a multi-page file (one page per z-slice; classic TIFF or BigTIFF, either byte
 * order), or a folder of single-page slices taken in name order. Pages must be uncompressed,
 * greyscale (one sample per pixel), in strips, of 8- or 16-bit unsigned integers or 32-bit floats,
 * all of one size. The writer chooses BigTIFF when the file would pass 4 GiB.
 */
public final class TiffStack {
    private TiffStack() {}

    private static final int WIDTH = 256, LENGTH = 257, BITS = 258, COMPRESSION = 259, OFFSETS = 273, SAMPLES = 277,
            ROWS_PER_STRIP = 278, COUNTS = 279, PLANAR = 284, TILE_WIDTH = 322, SAMPLE_FORMAT = 339;

    /** More pages than any CT stack has: a bound on a crafted directory chain. */
    static final int MAX_PAGES = 1 << 20;

    /** A TIFF file, or a folder of TIFF slices. */
    public static VolumeData read(Path path) {
        AtomicOutput.noteInput(path);
        return assemble(path, pagesOf(path));
    }

    /** The pages of a TIFF file, or of a folder of single-page slices in name order. */
    static List<Page> pagesOf(Path path) {
        return Files.isDirectory(path) ? folderPages(path) : pages(path);
    }

    private static List<Page> folderPages(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".tif") || n.endsWith(".tiff");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        if (files.isEmpty()) throw new InputException(dir.toString(), "files", "TIFF slices (*.tif, *.tiff)", "none");
        List<Page> pages = new ArrayList<>();
        for (Path f : files) {
            List<Page> p = pages(f);
            if (p.size() != 1) throw new InputException(f.toString(), "pages", "one page per slice file", String.valueOf(p.size()));
            pages.add(p.get(0));
        }
        return pages;
    }

    /** What one page holds and where its strips are. */
    record Page(Path file, ByteOrder order, int width, int height, int bits, int format, long[] offsets, long[] counts) {}

    private static List<Page> pages(Path file) {
        String src = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer h = read(ch, 0, 16, ByteOrder.LITTLE_ENDIAN);
            ByteOrder order;
            if (h.get(0) == 'I' && h.get(1) == 'I') order = ByteOrder.LITTLE_ENDIAN;
            else if (h.get(0) == 'M' && h.get(1) == 'M') order = ByteOrder.BIG_ENDIAN;
            else throw new InputException(src, "byte order", "'II' or 'MM' (a TIFF file)", "other bytes");
            h.order(order);
            int magic = h.getShort(2) & 0xffff;
            boolean big = magic == 43;
            if (magic != 42 && !big) throw new InputException(src, "magic", "42 (TIFF) or 43 (BigTIFF)", String.valueOf(magic));
            long ifd = big ? h.getLong(8) : h.getInt(4) & 0xffffffffL;
            List<Page> pages = new ArrayList<>();
            java.util.Set<Long> seen = new java.util.HashSet<>();
            while (ifd != 0) {
                if (ifd < 0 || ifd >= ch.size()) throw new InputException(src, "IFD offset", "inside the file", ifd + " (truncated file?)");
                // a crafted chain that points back on itself would otherwise be read for ever
                if (!seen.add(ifd)) {
                    throw new InputException(src, "IFD chain", "a chain of image directories that ends", "page " + (pages.size() + 1)
                            + " points back to the directory at offset " + ifd + " (a loop)");
                }
                if (pages.size() >= MAX_PAGES) throw new InputException(src, "pages", "at most " + MAX_PAGES + " pages", "more");
                pages.add(page(ch, file, order, big, ifd, pages.size()));
                ByteBuffer c = read(ch, ifd, big ? 8 : 2, order);
                long n = big ? c.getLong(0) : c.getShort(0) & 0xffff;
                long next = ifd + (big ? 8 : 2) + n * (big ? 20 : 12);
                ByteBuffer nb = read(ch, next, big ? 8 : 4, order);
                ifd = big ? nb.getLong(0) : nb.getInt(0) & 0xffffffffL;
            }
            if (pages.isEmpty()) throw new InputException(src, "pages", "at least one image", "none");
            return pages;
        } catch (NoSuchFileException e) {
            throw new InputException(src, "file", "an existing TIFF file", "no such file");
        } catch (java.io.EOFException e) {
            throw new InputException(src, "structure", "a complete TIFF file", "it ends early (truncated?)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Page page(FileChannel ch, Path file, ByteOrder order, boolean big, long ifd, int index) throws IOException {
        String src = file + " (page " + (index + 1) + ")";
        ByteBuffer c = read(ch, ifd, big ? 8 : 2, order);
        long entries = big ? c.getLong(0) : c.getShort(0) & 0xffff;
        int entry = big ? 20 : 12;
        if (entries < 0 || ifd + entries * entry > ch.size()) {
            throw new InputException(src, "IFD entry count", "directory entries inside the file", String.valueOf(entries));
        }
        int n = (int) entries;
        ByteBuffer e = read(ch, ifd + (big ? 8 : 2), n * entry, order);
        int width = -1, height = -1, bits = 1, format = 1, compression = 1, samples = 1;
        long[] offsets = null, counts = null;
        for (int i = 0; i < n; i++) {
            int base = i * entry;
            int tag = e.getShort(base) & 0xffff, type = e.getShort(base + 2) & 0xffff;
            long count = big ? e.getLong(base + 4) : e.getInt(base + 4) & 0xffffffffL;
            int valuePos = base + (big ? 12 : 8);
            switch (tag) {
                case WIDTH -> width = (int) values(ch, e, valuePos, type, count, order, big, src)[0];
                case LENGTH -> height = (int) values(ch, e, valuePos, type, count, order, big, src)[0];
                case BITS -> bits = (int) values(ch, e, valuePos, type, count, order, big, src)[0];
                case COMPRESSION -> compression = (int) values(ch, e, valuePos, type, count, order, big, src)[0];
                case SAMPLES -> samples = (int) values(ch, e, valuePos, type, count, order, big, src)[0];
                case SAMPLE_FORMAT -> format = (int) values(ch, e, valuePos, type, count, order, big, src)[0];
                case OFFSETS -> offsets = values(ch, e, valuePos, type, count, order, big, src);
                case COUNTS -> counts = values(ch, e, valuePos, type, count, order, big, src);
                case TILE_WIDTH -> throw new InputException(src, "TileWidth", "strips", "tiles (not supported)");
                default -> { }
            }
        }
        if (compression != 1) throw new InputException(src, "Compression", "1 (uncompressed)", String.valueOf(compression));
        if (samples != 1) throw new InputException(src, "SamplesPerPixel", "1 (greyscale)", String.valueOf(samples));
        boolean ok = (format == 1 && (bits == 8 || bits == 16)) || (format == 3 && bits == 32);
        if (!ok) {
            throw new InputException(src, "sample format", "8- or 16-bit unsigned integer, or 32-bit float",
                    bits + "-bit " + switch (format) { case 1 -> "unsigned integer"; case 2 -> "signed integer"; case 3 -> "float"; default -> "format " + format; });
        }
        if (width <= 0 || height <= 0 || offsets == null || counts == null || offsets.length != counts.length) {
            throw new InputException(src, "tags", "ImageWidth, ImageLength, StripOffsets and StripByteCounts", "missing or inconsistent");
        }
        if ((long) width * height > Integer.MAX_VALUE - 8) {
            throw new InputException(src, "ImageWidth × ImageLength", "a page below 2^31 pixels", width + " × " + height);
        }
        long need = (long) width * height * (bits / 8), have = 0;
        for (int i = 0; i < counts.length; i++) {
            have += counts[i];
            if (offsets[i] + counts[i] > ch.size()) throw new InputException(src, "StripOffsets", "strips inside the file", "a strip past its end (truncated file?)");
        }
        if (have < need) throw new InputException(src, "StripByteCounts", need + " bytes of image", have + " bytes");
        return new Page(file, order, width, height, bits, format, offsets, counts);
    }

    /** The values of one IFD entry (inline when they fit in the value field). */
    private static long[] values(FileChannel ch, ByteBuffer e, int pos, int type, long count, ByteOrder order, boolean big, String src) throws IOException {
        int size = switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9 -> 4;
            case 16, 17 -> 8;
            default -> throw new InputException(src, "IFD entry type", "an integer type", String.valueOf(type));
        };
        if (count > Integer.MAX_VALUE / 8) throw new InputException(src, "IFD entry count", "a sane count", String.valueOf(count));
        if (count < 1) throw new InputException(src, "IFD entry count", "at least one value", "0");
        long bytes = count * size;
        ByteBuffer b;
        if (bytes <= (big ? 8 : 4)) {
            b = e.duplicate().order(order).position(pos).slice().order(order);
        } else {
            long off = big ? e.getLong(pos) : e.getInt(pos) & 0xffffffffL;
            if (off < 0 || off + bytes > ch.size()) throw new InputException(src, "IFD entry", "values inside the file", count + " values at offset " + off);
            b = read(ch, off, (int) bytes, order);
        }
        long[] v = new long[(int) count];
        for (int i = 0; i < count; i++) {
            v[i] = switch (size) {
                case 1 -> b.get(i) & 0xff;
                case 2 -> b.getShort(2 * i) & 0xffff;
                case 4 -> b.getInt(4 * i) & 0xffffffffL;
                default -> b.getLong(8 * i);
            };
        }
        return v;
    }

    /** Every page must have the first one's size and sample type. */
    static void requireUniform(List<Page> pages) {
        Page first = pages.get(0);
        for (int z = 0; z < pages.size(); z++) {
            Page p = pages.get(z);
            if (p.width != first.width || p.height != first.height || p.bits != first.bits || p.format != first.format) {
                throw new InputException(p.file + " (page " + (z + 1) + ")", "image", first.width + " × " + first.height + ", " + first.bits + "-bit like the first",
                        p.width + " × " + p.height + ", " + p.bits + "-bit");
            }
        }
    }

    private static VolumeData assemble(Path src, List<Page> pages) {
        requireUniform(pages);
        Page first = pages.get(0);
        int nx = first.width, ny = first.height, nz = pages.size(), n = nx * ny, bytes = first.bits / 8;
        MemoryBudget.require(src.toString(), "size", "a volume of " + nz + " × " + ny + " × " + nx + " voxels of " + first.bits + " bits",
                MemoryBudget.product(nz, ny, nx, bytes));
        Object slices = bytes == 1 ? new byte[nz][] : bytes == 2 ? new short[nz][] : new float[nz][];
        FileChannel ch = null;
        Path open = null;
        try {
            for (int z = 0; z < nz; z++) {
                Page p = pages.get(z);
                if (!p.file.equals(open)) {
                    if (ch != null) ch.close();
                    ch = FileChannel.open(p.file, StandardOpenOption.READ);
                    open = p.file;
                }
                ByteBuffer all = ByteBuffer.allocate(n * bytes).order(p.order);
                for (int s = 0; s < p.offsets.length && all.hasRemaining(); s++) {
                    ByteBuffer strip = all.slice(all.position(), (int) Math.min(p.counts[s], all.remaining()));
                    while (strip.hasRemaining()) {
                        if (ch.read(strip, p.offsets[s] + strip.position()) < 0) throw new InputException(p.file.toString(), "strip", "data", "end of file");
                    }
                    all.position(all.position() + strip.capacity());
                }
                all.flip();
                switch (bytes) {
                    case 1 -> ((byte[][]) slices)[z] = all.array();
                    case 2 -> { short[] s = new short[n]; all.asShortBuffer().get(s); ((short[][]) slices)[z] = s; }
                    default -> { float[] s = new float[n]; all.asFloatBuffer().get(s); ((float[][]) slices)[z] = s; }
                }
            }
            return new VolumeData(nz, ny, nx, slices, Double.NaN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + src, e);
        } finally {
            if (ch != null) try { ch.close(); } catch (IOException ignored) { }
        }
    }

    private static ByteBuffer read(FileChannel ch, long pos, int len, ByteOrder order) throws IOException {
        if (pos < 0 || len < 0) throw new java.io.EOFException("TIFF structure outside the file"); // an offset read as a negative number
        ByteBuffer b = ByteBuffer.allocate(len);
        while (b.hasRemaining()) if (ch.read(b, pos + b.position()) < 0) break;
        if (b.hasRemaining()) throw new java.io.EOFException("TIFF structure past the end of the file");
        b.flip();
        return b.order(order);
    }

    /** Writes one page per slice, little-endian; BigTIFF when the file would pass 4 GiB, or when asked. */
    public static void write(Path file, VolumeData v, boolean forceBig) {
        VolumeWriter.writeAll(file, v, forceBig);
    }

    /** Bytes of one IFD as written here (9 entries). */
    private static int ifdBytes(boolean big) {
        return (big ? 8 : 2) + 9 * (big ? 20 : 12) + (big ? 8 : 4);
    }

    /** The file header; layout per page: image data, then its IFD, so the first IFD follows the first slice. */
    static byte[] header(boolean big, long sliceBytes) {
        ByteBuffer head = ByteBuffer.allocate(big ? 16 : 8).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 'I').put((byte) 'I');
        long first = (big ? 16 : 8) + sliceBytes;
        if (big) head.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(first);
        else head.putShort((short) 42).putInt((int) first);
        return head.array();
    }

    /** The IFD that follows slice z's data; every page has the same size, so all offsets are known in advance. */
    static byte[] ifd(boolean big, int z, int nz, int ny, int nx, int bits, int format) {
        long sliceBytes = (long) ny * nx * bits / 8, pageBytes = sliceBytes + ifdBytes(big);
        long dataAt = (big ? 16 : 8) + z * pageBytes;
        long next = z + 1 < nz ? dataAt + pageBytes + sliceBytes : 0;
        ByteBuffer b = ByteBuffer.allocate(ifdBytes(big)).order(ByteOrder.LITTLE_ENDIAN);
        if (big) b.putLong(9); else b.putShort((short) 9);
        entry(b, big, WIDTH, 4, nx);
        entry(b, big, LENGTH, 4, ny);
        entry(b, big, BITS, 3, bits);
        entry(b, big, COMPRESSION, 3, 1);
        entry(b, big, 262, 3, 1); // BlackIsZero
        entry(b, big, OFFSETS, big ? 16 : 4, dataAt);
        entry(b, big, ROWS_PER_STRIP, 4, ny);
        entry(b, big, COUNTS, big ? 16 : 4, sliceBytes);
        entry(b, big, SAMPLE_FORMAT, 3, format);
        if (big) b.putLong(next); else b.putInt((int) next);
        return b.array();
    }

    /** Whether a stack of this size needs BigTIFF (past 4 GiB). */
    static boolean needsBig(int nz, int ny, int nx, int bytesPerVoxel) {
        return (long) nz * ny * nx * bytesPerVoxel + (long) nz * 256 + 16 > 0xffffffffL;
    }

    private static void entry(ByteBuffer b, boolean big, int tag, int type, long value) {
        b.putShort((short) tag).putShort((short) type);
        if (big) {
            b.putLong(1);
            int at = b.position();
            if (type == 3) b.putShort((short) value); else if (type == 4) b.putInt((int) value); else b.putLong(value);
            b.position(at + 8);
        } else {
            b.putInt(1);
            int at = b.position();
            if (type == 3) b.putShort((short) value); else b.putInt((int) value);
            b.position(at + 4);
        }
    }
}
