package org.solidscope.io.xcs;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import org.solidscope.core.MemoryBudget;
import org.solidscope.io.Npy;
import org.solidscope.io.Sidecar;

/**
 * Spectra cubes on disk. {@code .npy} of shape [rows, cols, bins] (any numeric type) with a JSON sidecar giving the
 * energy axis as {@code energy_start_kev} and {@code energy_bin_kev}, or {@code energy_kev}: the bins' centres
 * (evenly spaced); HDF5 with {@code /spectra} [rows, cols, bins] and {@code /energy_kev} (centres, or bins + 1 edges).
 * An axis in ADU ({@code "unit": "adu"}) is read the same way; {@link #unit} tells which.
 */
public final class SpectrumCubeFiles {
    private SpectrumCubeFiles() {}

    /** A cube and the unit of its axis: {@code keV} or {@code adu}. */
    public record Read(SpectrumCube cube, String unit, String sidecarJson) {}

    public static Read read(Path file) {
        return read(file, null);
    }

    /** As {@link #read(Path)}, with the sidecar given as text (as the record stores it) instead of the file beside. */
    public static Read read(Path file, String sidecarJson) {
        AtomicOutput.noteInput(file);
        if (!Files.exists(file)) throw new InputException(file.toString(), "file", "an existing spectra cube (.npy or HDF5)", "no such file");
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".nxs") ? readHdf5(file) : readNpy(file, sidecarJson);
    }

    private static Read readNpy(Path file, String sidecarJson) {
        String src = file.toString();
        Npy.Header h = Npy.readHeader(file);
        if (h.shape().length != 3) throw new InputException(src, "shape", "[rows, cols, bins]", Arrays.toString(h.shape()));
        for (long d : h.shape()) {
            if (d < 1 || d > Integer.MAX_VALUE - 8) throw new InputException(src, "shape", "[rows, cols, bins], each at least 1", Arrays.toString(h.shape()));
        }
        int rows = (int) h.shape()[0], cols = (int) h.shape()[1], bins = (int) h.shape()[2];
        long count = h.elements();
        MemoryBudget.require(src, "shape", "a cube of " + count + " values", count * 4);
        if (count > Integer.MAX_VALUE - 8) throw new InputException(src, "shape", "fewer than 2^31 values", Arrays.toString(h.shape()));
        Sidecar side = sidecarJson != null ? Sidecar.parse(file.getFileName().toString(), sidecarJson) : Sidecar.of(file);
        double[] axis = axis(side, bins);
        float[] counts = new float[(int) count];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Npy.readFloats(ch, h, counts, src);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String unit = side.text("unit", "keV");
        return new Read(new SpectrumCube(rows, cols, bins, axis[0], axis[1], counts), unit.equalsIgnoreCase("adu") ? "adu" : "keV", side.root().toString());
    }

    /** [start, bin width] from the sidecar; refuses a missing or uneven axis naming the field. */
    static double[] axis(Sidecar side, int bins) {
        String sc = side.path().toString();
        if (side.has("energy_start_kev") || side.has("energy_bin_kev")) {
            double start = side.number("energy_start_kev"), width = side.number("energy_bin_kev");
            if (!(width > 0)) throw new InputException(sc, "energy_bin_kev", "a bin width > 0", String.valueOf(width));
            return new double[] {start, width};
        }
        if (side.has("energy_kev")) {
            var a = side.root().get("energy_kev");
            double[] c = new double[a.size()];
            for (int i = 0; i < c.length; i++) c[i] = a.get(i).asDouble();
            return fromCentresOrEdges(sc, "energy_kev", c, bins);
        }
        throw new InputException(sc, "energy axis", "energy_start_kev and energy_bin_kev, or energy_kev (bin centres)", "neither");
    }

    static double[] fromCentresOrEdges(String src, String field, double[] v, int bins) {
        boolean edges = v.length == bins + 1;
        if (v.length != bins && !edges) throw new InputException(src, field, bins + " bin centres or " + (bins + 1) + " edges", v.length + " values");
        if (v.length < 2) return new double[] {v[0] - 0.5, 1};
        double w = (v[v.length - 1] - v[0]) / (v.length - 1);
        if (!(w > 0)) throw new InputException(src, field, "increasing energies", v[0] + " … " + v[v.length - 1]);
        for (int i = 1; i < v.length; i++)
            if (Math.abs(v[i] - v[i - 1] - w) > 1e-3 * w) throw new InputException(src, field, "evenly spaced energies (" + w + " keV apart)", "a step of " + (v[i] - v[i - 1]) + " at index " + i);
        return new double[] {edges ? v[0] : v[0] - 0.5 * w, w};
    }

    private static Read readHdf5(Path file) {
        String src = file.toString();
        try (HdfFile hf = new HdfFile(file)) {
            Node s = hf.getChildren().get("spectra"), e = hf.getChildren().get("energy_kev");
            if (!(s instanceof Dataset spectra)) throw new InputException(src, "/spectra", "a dataset [rows, cols, bins]", "none");
            if (!(e instanceof Dataset energy)) throw new InputException(src, "/energy_kev", "a dataset of bin centres or edges", "none");
            int[] d = spectra.getDimensions();
            if (d.length != 3 || d[0] < 1 || d[1] < 1 || d[2] < 1) throw new InputException(src, "/spectra", "[rows, cols, bins], each at least 1", Arrays.toString(d));
            MemoryBudget.require(src, "/spectra", "a cube of " + (long) d[0] * d[1] * d[2] + " values", 8L * d[0] * d[1] * d[2]);
            Object ax = energy.getData();
            double[] c = new double[java.lang.reflect.Array.getLength(ax)];
            for (int i = 0; i < c.length; i++) c[i] = ((Number) java.lang.reflect.Array.get(ax, i)).doubleValue();
            double[] axis = fromCentresOrEdges(src, "/energy_kev", c, d[2]);
            float[] counts = new float[d[0] * d[1] * d[2]];
            Object data = spectra.getData();
            int k = 0;
            for (int r = 0; r < d[0]; r++) {
                Object plane = java.lang.reflect.Array.get(data, r);
                for (int col = 0; col < d[1]; col++) {
                    Object line = java.lang.reflect.Array.get(plane, col);
                    for (int b = 0; b < d[2]; b++) counts[k++] = ((Number) java.lang.reflect.Array.get(line, b)).floatValue();
                }
            }
            return new Read(new SpectrumCube(d[0], d[1], d[2], axis[0], axis[1], counts), "keV", null);
        } catch (io.jhdf.exceptions.HdfException ex) {
            throw new InputException(src, "hdf5", "a readable HDF5 file", ex.getMessage());
        }
    }

    /** Writes {@code .npy} float32 [rows, cols, bins] and its sidecar (plus {@code extra} fields), or HDF5 by the extension. */
    public static void write(Path file, SpectrumCube cube, String unit, Map<String, Object> extra) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".h5") || n.endsWith(".hdf5")) {
            writeHdf5(file, cube);
            return;
        }
        AtomicOutput.write(file, tmp -> {
            try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            out.write(Npy.header("<f4", cube.rows(), cube.cols(), cube.bins()));
            ByteBuffer b = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            float[] c = cube.counts();
            for (int i = 0; i < c.length; ) {
                int m = Math.min(b.capacity() / 4, c.length - i);
                b.clear();
                b.asFloatBuffer().put(c, i, m);
                out.write(b.array(), 0, m * 4);
                i += m;
            }
            }
        });
        Map<String, Object> side = new LinkedHashMap<>();
        side.put("modality", "xcs");
        side.put("kind", "spectra");
        side.put("energy_start_kev", cube.startKev());
        side.put("energy_bin_kev", cube.binKev());
        side.put("unit", unit);
        if (extra != null) side.putAll(extra);
        AtomicOutput.writeString(file.resolveSibling(file.getFileName() + ".json"), Json.write(side));
    }

    private static void writeHdf5(Path file, SpectrumCube cube) {
        float[][][] data = new float[cube.rows()][cube.cols()][];
        for (int r = 0; r < cube.rows(); r++)
            for (int c = 0; c < cube.cols(); c++) {
                int o = (r * cube.cols() + c) * cube.bins();
                data[r][c] = Arrays.copyOfRange(cube.counts(), o, o + cube.bins());
            }
        double[] centres = new double[cube.bins()];
        for (int b = 0; b < centres.length; b++) centres[b] = cube.centreKev(b);
        AtomicOutput.write(file, tmp -> {
            try (WritableHdfFile w = HdfFile.write(tmp)) {
                w.putDataset("spectra", data);
                w.putDataset("energy_kev", centres);
            }
        });
    }
}
