package org.solidscope.io.xcs;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;
import org.solidscope.core.LastRow;
import org.solidscope.core.MemoryBudget;
import org.solidscope.io.Npy;
import org.solidscope.io.Sidecar;

/**
 * Photon events: frame, row, column and either ADU or energy in keV. Files: CSV with a header naming
 * {@code frame,row,col,adu} or {@code frame,row,col,energy_kev}; {@code .npy} of shape [n, 4] in that column order with a
 * sidecar {@code {"value": "adu"|"energy_kev"}} (energy without one); HDF5 with a dataset {@code /events} [n, 4] and an
 * attribute-free convention: the dataset's name {@code /events_adu} for ADU.
 *
 * @param energy true when {@code value} holds keV, false for ADU
 */
public record EventList(long[] frame, int[] row, int[] col, float[] value, boolean energy, int size) {
    /** Rows and columns of a detector are below this (HEXITEC modules are 80 to 480 pixels a side). */
    public static final int MAX_SIDE = 16384;

    public int rows() { return max(row) + 1; }

    public int cols() { return max(col) + 1; }

    private int max(int[] a) {
        int m = -1;
        for (int i = 0; i < size; i++) m = Math.max(m, a[i]);
        return m;
    }

    /**
     * Per-pixel histograms of the values: bin ⌊(value − start)/width⌋ of [rows(), cols(), bins]; values outside the axis
     * are counted in {@code outside[0]} when it is given.
     */
    public SpectrumCube histogram(double start, double width, int bins, long[] outside) {
        return histogram("events", start, width, bins, outside);
    }

    /** As {@link #histogram(double, double, int, long[])}, messages naming the event list {@code src}. */
    public SpectrumCube histogram(String src, double start, double width, int bins, long[] outside) {
        int rows = rows(), cols = cols();
        if (size == 0) throw new InputException(src, "events", "at least one event", "none");
        org.solidscope.core.MemoryBudget.require(src, "spectra", "a cube of " + rows + " × " + cols + " × " + bins + " (the largest row and column "
                + "of its events + 1, and the bins)", org.solidscope.core.MemoryBudget.product(rows, cols, bins, 4));
        if ((long) rows * cols * bins > Integer.MAX_VALUE - 8) {
            throw new InputException(src, "spectra", "a cube below 2^31 values", rows + " × " + cols + " × " + bins);
        }
        float[] c = new float[rows * cols * bins];
        long out = 0;
        for (int i = 0; i < size; i++) {
            double b = Math.floor((value[i] - start) / width);
            if (b < 0 || b >= bins) { out++; continue; }
            c[(row[i] * cols + col[i]) * bins + (int) b]++;
        }
        if (outside != null) outside[0] = out;
        return new SpectrumCube(rows, cols, bins, start, width, c);
    }

    public static EventList read(Path file) {
        AtomicOutput.noteInput(file);
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.exists(file)) throw new InputException(file.toString(), "file", "an existing event list", "no such file");
        if (n.endsWith(".npy")) return readNpy(file);
        if (n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".nxs")) return readHdf5(file);
        return readCsv(file);
    }

    private static EventList readCsv(Path file) {
        String src = file.toString();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) { // ASCII numbers; other bytes refused as values
            String header = r.readLine();
            if (header == null) throw new InputException(src, "header", "frame,row,col,adu or frame,row,col,energy_kev", "an empty file");
            String[] h = header.trim().toLowerCase(Locale.ROOT).split("\\s*,\\s*");
            if (h.length != 4 || !h[0].equals("frame") || !h[1].equals("row") || !h[2].equals("col") || !(h[3].equals("adu") || h[3].equals("energy_kev")))
                throw new InputException(src + ":1", "header", "frame,row,col,adu or frame,row,col,energy_kev", "'" + InputException.excerpt(header) + "'");
            boolean energy = h[3].equals("energy_kev");
            Builder b = new Builder(energy);
            String line;
            int ln = 1;
            while ((line = r.readLine()) != null) {
                ln++;
                if (line.isBlank()) continue;
                String[] t = line.split(",");
                if (t.length != 4) throw new InputException(src + ":" + ln, "columns", "4 values", t.length + " values");
                try {
                    b.add(Long.parseLong(t[0].trim()), Integer.parseInt(t[1].trim()), Integer.parseInt(t[2].trim()), Float.parseFloat(t[3].trim()), src + ":" + ln);
                } catch (NumberFormatException e) {
                    throw new InputException(src + ":" + ln, "value", "whole frame, row and col and a number", "'" + InputException.excerpt(line) + "'");
                }
            }
            EventList events = b.buildNonEmpty(src);
            LastRow.requireWhole(src, file);
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static EventList readNpy(Path file) {
        String src = file.toString();
        Npy.Header h = Npy.readHeader(file);
        if (h.shape().length != 2 || h.shape()[1] != 4) throw new InputException(src, "shape", "[n, 4] (frame, row, col, value)", Arrays.toString(h.shape()));
        Sidecar side = Sidecar.find(file);
        String value = side == null ? "energy_kev" : side.text("value", "energy_kev");
        if (!value.equals("adu") && !value.equals("energy_kev")) throw new InputException(side.path().toString(), "value", "adu or energy_kev", "'" + value + "'");
        long n = h.shape()[0];
        MemoryBudget.require(src, "shape", "an event list of " + n + " events", n * 24);
        if (n > Integer.MAX_VALUE - 8) throw new InputException(src, "shape", "fewer than 2^31 events", String.valueOf(n));
        Builder b = new Builder(value.equals("energy_kev"));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long rowsPerBlock = 1 << 16;
            float[] f = new float[(int) (rowsPerBlock * 4)];
            double[] d = new double[f.length];
            for (long at = 0; at < n; at += rowsPerBlock) {
                int m = (int) Math.min(rowsPerBlock, n - at);
                ByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, h.dataOffset() + at * 4 * h.elementBytes(), (long) m * 4 * h.elementBytes()).order(h.order());
                if (h.type().equals("f8")) {
                    buf.asDoubleBuffer().get(d, 0, m * 4);
                    for (int i = 0; i < m; i++) b.add((long) d[4 * i], (int) d[4 * i + 1], (int) d[4 * i + 2], (float) d[4 * i + 3], src + " event " + (at + i));
                } else {
                    float[] part = f.length == m * 4 ? f : new float[m * 4];
                    Npy.toFloats(buf, h.type(), part, src);
                    for (int i = 0; i < m; i++) b.add((long) part[4 * i], (int) part[4 * i + 1], (int) part[4 * i + 2], part[4 * i + 3], src + " event " + (at + i));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return b.buildNonEmpty(src);
    }

    private static EventList readHdf5(Path file) {
        String src = file.toString();
        try (HdfFile hf = new HdfFile(file)) {
            boolean adu = hf.getChildren().containsKey("events_adu");
            String name = adu ? "events_adu" : "events";
            Node node = hf.getChildren().get(name);
            if (!(node instanceof Dataset ds)) throw new InputException(src, "/events", "a dataset /events (keV) or /events_adu [n, 4]", "none");
            int[] dims = ds.getDimensions();
            if (dims.length != 2 || dims[1] != 4) throw new InputException(src, "/" + name, "[n, 4] (frame, row, col, value)", Arrays.toString(dims));
            Object data = ds.getData();
            Builder b = new Builder(!adu);
            for (int i = 0; i < dims[0]; i++) {
                Object rowArr = java.lang.reflect.Array.get(data, i);
                double[] v = new double[4];
                for (int k = 0; k < 4; k++) v[k] = ((Number) java.lang.reflect.Array.get(rowArr, k)).doubleValue();
                b.add((long) v[0], (int) v[1], (int) v[2], (float) v[3], src + " event " + i);
            }
            return b.buildNonEmpty(src);
        } catch (io.jhdf.exceptions.HdfException e) {
            throw new InputException(src, "hdf5", "a readable HDF5 file", e.getMessage());
        }
    }

    /** Writes the events as .npy [n, 4] float64 with its sidecar naming the value, or as CSV (by the name's extension). */
    public void write(Path file) {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            AtomicOutput.write(file, tmp -> {
            try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
                out.write(Npy.header("<f8", size, 4));
                ByteBuffer b = ByteBuffer.allocate(32 * 4096).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < size; i++) {
                    b.putDouble(frame[i]).putDouble(row[i]).putDouble(col[i]).putDouble(value[i]);
                    if (!b.hasRemaining()) { out.write(b.array(), 0, b.position()); b.clear(); }
                }
                out.write(b.array(), 0, b.position());
            }
            });
            AtomicOutput.writeString(file.resolveSibling(file.getFileName() + ".json"), "{\"modality\": \"xcs\", \"kind\": \"events\", \"value\": \"" + (energy ? "energy_kev" : "adu") + "\"}\n");
        } else {
            AtomicOutput.write(file, tmp -> {
            try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
                StringBuilder s = new StringBuilder(1 << 16).append(energy ? "frame,row,col,energy_kev\n" : "frame,row,col,adu\n");
                for (int i = 0; i < size; i++) {
                    s.append(frame[i]).append(',').append(row[i]).append(',').append(col[i]).append(',').append(value[i]).append('\n');
                    if (s.length() > 1 << 16) { out.write(s.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII)); s.setLength(0); }
                }
                out.write(s.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            });
        }
    }

    /** Collects events; refuses negative indices and non-finite values naming where. */
    public static final class Builder {
        private final boolean energy;
        private long[] frame = new long[1024];
        private int[] row = new int[1024], col = new int[1024];
        private float[] value = new float[1024];
        private int n;

        public Builder(boolean energy) { this.energy = energy; }

        public void add(long f, int r, int c, float v, String where) {
            if (f < 0 || r < 0 || c < 0) throw new InputException(where, "frame, row, col", "indices ≥ 0", f + ", " + r + ", " + c);
            if (r >= MAX_SIDE || c >= MAX_SIDE) {
                throw new InputException(where, "row, col", "pixel indices below " + MAX_SIDE + " (a detector of at most " + MAX_SIDE + " × " + MAX_SIDE + ")",
                        r + ", " + c);
            }
            if (!Float.isFinite(v)) throw new InputException(where, energy ? "energy_kev" : "adu", "a finite number", String.valueOf(v));
            if (n == frame.length) {
                int m = n * 2;
                frame = Arrays.copyOf(frame, m);
                row = Arrays.copyOf(row, m);
                col = Arrays.copyOf(col, m);
                value = Arrays.copyOf(value, m);
            }
            frame[n] = f;
            row[n] = r;
            col[n] = c;
            value[n++] = v;
        }

        public EventList build() { return new EventList(frame, row, col, value, energy, n); }

        /** As {@link #build()}, refusing a list without events (a header alone) naming {@code src}. */
        public EventList buildNonEmpty(String src) {
            if (n == 0) throw new InputException(src, "events", "at least one event", "none (a header alone?)");
            return build();
        }
    }
}
