package org.solidscope.io;

import org.solidscope.core.AtomicOutput;
import org.solidscope.core.MemoryBudget;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.solidscope.core.InputException;

/**
 * A 3D dataset of an HDF5 file (NeXus files from synchrotrons are HDF5), named by its path such as
 * {@code /entry/data/data}, read one z-slice at a time (chunked and compressed layouts included,
 * through the pure-Java jHDF library). uint8 and uint16 stay as they are; every other numeric
 * type is read as float32.
 */
public final class Hdf5Volume {
    private Hdf5Volume() {}

    public static VolumeData read(Path file, String datasetPath) {
        AtomicOutput.noteInput(file);
        String src = file.toString();
        if (!Files.exists(file)) throw new InputException(src, "file", "an existing HDF5 file", "no such file");
        if (datasetPath == null || datasetPath.isBlank()) {
            throw new InputException(src, "dataset", "a dataset path (e.g. /entry/data/data)", "none given");
        }
        try (HdfFile h = open(file)) {
            Node node;
            try {
                node = h.getByPath(datasetPath);
            } catch (HdfException e) {
                throw notFound(src, datasetPath, e);
            }
            if (!(node instanceof Dataset d)) throw new InputException(src, datasetPath, "a dataset", "a " + node.getType());
            int[] dims = d.getDimensions();
            if (dims.length != 3) throw new InputException(src, datasetPath, "3 dimensions [nz, ny, nx]", Arrays.toString(dims));
            int nz = dims[0], ny = dims[1], nx = dims[2];
            if ((long) ny * nx > Integer.MAX_VALUE - 8) throw new InputException(src, datasetPath, "slices below 2^31 voxels", Arrays.toString(dims));
            DataType t = d.getDataType();
            String kind;
            if (t instanceof FixedPoint f && !f.isSigned() && f.getSize() == 1) kind = "u1";
            else if (t instanceof FixedPoint f && !f.isSigned() && f.getSize() == 2) kind = "u2";
            else if (t instanceof FixedPoint || t instanceof FloatingPoint) kind = "f4";
            else throw new InputException(src, datasetPath, "a numeric dataset", t.getClass().getSimpleName());
            int n = ny * nx;
            MemoryBudget.require(src, datasetPath, "a volume of " + nz + " × " + ny + " × " + nx + " voxels",
                    MemoryBudget.product(nz + 1L, n, kind.equals("u1") ? 1 : kind.equals("u2") ? 2 : 4));
            Object slices = kind.equals("u1") ? new byte[nz][] : kind.equals("u2") ? new short[nz][] : new float[nz][];
            for (int z = 0; z < nz; z++) {
                Object part = d.getData(new long[] {z, 0, 0}, new int[] {1, ny, nx});
                Object plane = Array.get(part, 0);
                switch (kind) {
                    case "u1" -> { byte[] s = new byte[n]; fill(plane, ny, nx, (i, v) -> s[i] = (byte) v); ((byte[][]) slices)[z] = s; }
                    case "u2" -> { short[] s = new short[n]; fill(plane, ny, nx, (i, v) -> s[i] = (short) v); ((short[][]) slices)[z] = s; }
                    default -> { float[] s = new float[n]; fill(plane, ny, nx, (i, v) -> s[i] = (float) v); ((float[][]) slices)[z] = s; }
                }
            }
            return new VolumeData(nz, ny, nx, slices, Double.NaN);
        } catch (InputException | java.io.UncheckedIOException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError e) {
            throw unreadable(src, e);
        }
    }

    /**
     * What a failure inside jHDF means for a user: the file cannot be read. jHDF sizes its buffers from the file's own
     * structures, so a damaged one can ask for gigabytes; a damaged or crafted file can trip the parser anywhere.
     */
    static InputException unreadable(String src, Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return new InputException(src, "HDF5", "a readable HDF5 file", "a structure claiming more memory than this process has (damaged file?)");
        }
        if (e instanceof HdfException) return new InputException(src, "HDF5", "a readable HDF5 file", String.valueOf(e.getMessage()));
        return new InputException(src, "HDF5", "a readable HDF5 file", e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
    }

    /**
     * Opens an HDF5 file for jHDF through a channel that fails reads past the end of the file (a
     * damaged file would otherwise keep jHDF reading for ever).
     */
    static HdfFile open(Path file) {
        try {
            return new HdfFile(new BoundedChannel(file), file.toUri());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A path jHDF could not follow: missing, or (a read past the end on the way) a damaged file. */
    static InputException notFound(String src, String datasetPath, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.EOFException eof) {
                return new InputException(src, "HDF5", "a readable HDF5 file", eof.getMessage().substring(eof.getMessage().indexOf(": ") + 2) + " (damaged file?)");
            }
        }
        return new InputException(src, "dataset", "an existing dataset path", "'" + datasetPath + "' not found");
    }

    interface Sink { void put(int index, double value); }

    /** Copies a [ny][nx] Java array of any primitive numeric type (jHDF gives unsigned 8/16-bit data as int). */
    static void fill(Object plane, int ny, int nx, Sink sink) {
        for (int y = 0; y < ny; y++) {
            Object row = Array.get(plane, y);
            int base = y * nx;
            switch (row) {
                case byte[] r -> { for (int x = 0; x < nx; x++) sink.put(base + x, r[x] & 0xff); }
                case short[] r -> { for (int x = 0; x < nx; x++) sink.put(base + x, r[x]); }
                case int[] r -> { for (int x = 0; x < nx; x++) sink.put(base + x, r[x]); }
                case long[] r -> { for (int x = 0; x < nx; x++) sink.put(base + x, r[x]); }
                case float[] r -> { for (int x = 0; x < nx; x++) sink.put(base + x, r[x]); }
                case double[] r -> { for (int x = 0; x < nx; x++) sink.put(base + x, r[x]); }
                default -> throw new IllegalStateException("unexpected HDF5 element array " + row.getClass());
            }
        }
    }
}
