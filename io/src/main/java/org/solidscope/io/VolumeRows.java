package org.solidscope.io;

import org.solidscope.core.AtomicOutput;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.solidscope.core.InputException;

/**
 * Reads any rows of any slice of a volume file as float32 without loading the volume: for projection
 * stacks [angles, rows, detectors] larger than the heap, a reconstruction takes a block of detector
 * rows from every projection, reconstructs those slices and moves on. Every format
 * {@link VolumeIO#read} takes is readable: .npy and raw (+ sidecar) by offset, TIFF pages through
 * their strips, HDF5 datasets by hyperslab.
 */
public abstract class VolumeRows implements AutoCloseable {
    public final int nz, ny, nx;
    public final String source;

    private VolumeRows(String source, int nz, int ny, int nx) {
        this.source = source;
        this.nz = nz;
        this.ny = ny;
        this.nx = nx;
    }

    /** Rows y0 … y0 + count − 1 of slice z into dest[0 … count·nx). */
    public abstract void read(int z, int y0, int count, float[] dest);

    @Override
    public abstract void close();

    public static VolumeRows open(String spec) {
        int colon = spec.indexOf(":/");
        if (colon > 0 && VolumeIO.isHdf5(spec.substring(0, colon))) return Hdf5.open(Path.of(spec.substring(0, colon)), spec.substring(colon + 1));
        Path p = Path.of(spec);
        AtomicOutput.noteInput(p);
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(p) || n.endsWith(".tif") || n.endsWith(".tiff")) return new Tiff(p, TiffStack.pagesOf(p));
        if (n.endsWith(".npy")) {
            Npy.Header h = Npy.readHeader(p);
            if (h.shape().length != 3) throw new InputException(spec, "shape", "3 dimensions [nz, ny, nx]", Arrays.toString(h.shape()));
            return new Contiguous(p, (int) h.shape()[0], (int) h.shape()[1], (int) h.shape()[2], h.elementBytes(), h.order(), h.dataOffset(), h.type());
        }
        if (n.endsWith(".raw")) {
            RawVolume.Layout l = RawVolume.layout(p);
            return new Contiguous(p, l.nz(), l.ny(), l.nx(), l.bytes(), l.order(), l.offset(), l.type());
        }
        throw new InputException(spec, "extension", VolumeIO.FORMATS, "'" + p.getFileName() + "'");
    }

    void check(int z, int y0, int count, float[] dest) {
        if (z < 0 || z >= nz || y0 < 0 || count < 0 || y0 + count > ny || dest.length < count * nx) {
            throw new IndexOutOfBoundsException("rows " + y0 + "+" + count + " of slice " + z + " in [" + nz + ", " + ny + ", " + nx + "]");
        }
    }

    /** .npy and raw: a slice's rows lie at a computable offset. */
    private static final class Contiguous extends VolumeRows {
        private final FileChannel ch;
        private final int bytes;
        private final ByteOrder order;
        private final long offset;
        private final String type;

        Contiguous(Path p, int nz, int ny, int nx, int bytes, ByteOrder order, long offset, String type) {
            super(p.toString(), nz, ny, nx);
            this.bytes = bytes;
            this.order = order;
            this.offset = offset;
            this.type = type;
            try {
                this.ch = FileChannel.open(p, StandardOpenOption.READ);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p, e);
            }
        }

        @Override
        public void read(int z, int y0, int count, float[] dest) {
            check(z, y0, count, dest);
            int n = count * nx;
            ByteBuffer b = ByteBuffer.allocate(n * bytes).order(order);
            long at = offset + ((long) z * ny + y0) * nx * bytes;
            try {
                while (b.hasRemaining()) if (ch.read(b, at + b.position()) < 0) throw new InputException(source, "data", "complete slices", "end of file");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source, e);
            }
            b.flip();
            float[] out = dest.length == n ? dest : new float[n];
            Npy.toFloats(b, type, out, source);
            if (out != dest) System.arraycopy(out, 0, dest, 0, n);
        }

        @Override
        public void close() {
            try { ch.close(); } catch (IOException ignored) { }
        }
    }

    /** TIFF pages: rows are found through the strips of their page. */
    private static final class Tiff extends VolumeRows {
        private final List<TiffStack.Page> pages;
        private FileChannel ch;
        private Path open;

        Tiff(Path p, List<TiffStack.Page> pages) {
            super(p.toString(), pages.size(), pages.get(0).height(), pages.get(0).width());
            this.pages = pages;
            TiffStack.requireUniform(pages);
        }

        @Override
        public void read(int z, int y0, int count, float[] dest) {
            check(z, y0, count, dest);
            TiffStack.Page p = pages.get(z);
            int bpv = p.bits() / 8;
            long from = (long) y0 * nx * bpv, to = (long) (y0 + count) * nx * bpv;
            ByteBuffer b = ByteBuffer.allocate((int) (to - from)).order(p.order());
            try {
                if (!p.file().equals(open)) {
                    if (ch != null) ch.close();
                    ch = FileChannel.open(p.file(), StandardOpenOption.READ);
                    open = p.file();
                }
                // strips hold the image bytes in order; copy the part of each that falls in [from, to)
                long stripStart = 0;
                for (int s = 0; s < p.offsets().length && stripStart < to; s++) {
                    long stripEnd = stripStart + p.counts()[s];
                    long a = Math.max(from, stripStart), e = Math.min(to, stripEnd);
                    if (a < e) {
                        ByteBuffer part = b.slice((int) (a - from), (int) (e - a));
                        while (part.hasRemaining()) {
                            if (ch.read(part, p.offsets()[s] + (a - stripStart) + part.position()) < 0) throw new InputException(source, "strip", "data", "end of file");
                        }
                    }
                    stripStart = stripEnd;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source, e);
            }
            int n = count * nx;
            switch (bpv) {
                case 1 -> { for (int i = 0; i < n; i++) dest[i] = b.get(i) & 0xff; }
                case 2 -> { for (int i = 0; i < n; i++) dest[i] = b.getShort(2 * i) & 0xffff; }
                default -> { for (int i = 0; i < n; i++) dest[i] = b.getFloat(4 * i); }
            }
        }

        @Override
        public void close() {
            try { if (ch != null) ch.close(); } catch (IOException ignored) { }
        }
    }

    /** HDF5: a hyperslab per request. */
    private static final class Hdf5 extends VolumeRows {
        private final HdfFile file;
        private final Dataset dataset;

        private Hdf5(HdfFile file, Dataset d, String src) {
            super(src, d.getDimensions()[0], d.getDimensions()[1], d.getDimensions()[2]);
            this.file = file;
            this.dataset = d;
        }

        static Hdf5 open(Path p, String path) {
            HdfFile f = openFile(p);
            return new Hdf5(f, dataset(f, p, path), p + ":" + path);
        }

        private static HdfFile openFile(Path p) {
            if (!Files.exists(p)) throw new InputException(p.toString(), "file", "an existing HDF5 file", "no such file");
            try {
                return Hdf5Volume.open(p);
            } catch (HdfException e) {
                throw new InputException(p.toString(), "HDF5", "a readable HDF5 file", e.getMessage());
            }
        }

        private static Dataset dataset(HdfFile f, Path p, String path) {
            Node node;
            try {
                node = f.getByPath(path);
            } catch (HdfException e) {
                f.close();
                throw Hdf5Volume.notFound(p.toString(), path, e);
            }
            if (!(node instanceof Dataset d) || d.getDimensions().length != 3) {
                f.close();
                throw new InputException(p.toString(), path, "a 3D dataset [nz, ny, nx]", node instanceof Dataset d ? Arrays.toString(d.getDimensions()) : "a " + node.getType());
            }
            return d;
        }

        @Override
        public void read(int z, int y0, int count, float[] dest) {
            check(z, y0, count, dest);
            Object plane = Array.get(dataset.getData(new long[] {z, y0, 0}, new int[] {1, count, nx}), 0);
            Hdf5Volume.fill(plane, count, nx, (i, v) -> dest[i] = (float) v);
        }

        @Override
        public void close() {
            file.close();
        }
    }
}
