package org.solidscope.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.solidscope.core.InputException;

/**
 * Tomography in one HDF5 file: the Data Exchange layout (APS; TomoPy's and dxchange's files) — {@code /exchange/data}
 * the projections [angles, rows, detectors] as raw intensities, {@code /exchange/data_white} and {@code /exchange/data_dark}
 * the flat and dark frames [k, rows, detectors], {@code /exchange/theta} the angle of each projection (its {@code units}
 * attribute: degrees, as the layout sets when none is given, or radians) — and NeXus NXtomo — one frame stack
 * {@code /entry/instrument/detector/data} (or {@code /entry/data/data}) whose {@code image_key} says what each frame is
 * (0 projection, 1 flat, 2 dark, 3 invalid) and {@code /entry/sample/rotation_angle} the angle of each frame (its units
 * attribute, degrees by default). NXtomo frames are split by their key into raw volumes in a temporary folder (one frame
 * at a time), so that the reconstruction streams them as it streams any volume. One reading of a file gives what it holds,
 * so that a reconstruction takes its flats, darks and angles from the same file.
 */
public record DataExchange(String projections, String flats, String darks, double[] thetaRad) {

    /**
     * The parts of {@code spec} ({@code file.h5}, {@code file.h5:/exchange/data}, {@code file.nxs} or
     * {@code file.nxs:/entry/…/data}), or null when it is neither layout.
     */
    public static DataExchange of(String spec) {
        int colon = spec.indexOf(":/");
        String file = colon < 0 ? spec : spec.substring(0, colon), dataset = colon < 0 ? null : spec.substring(colon + 1);
        String lower = file.toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".h5") || lower.endsWith(".hdf5") || lower.endsWith(".hdf") || lower.endsWith(".nxs")) || !Files.isRegularFile(Path.of(file))) return null;
        try (HdfFile h = Hdf5Volume.open(Path.of(file))) {
            for (String stack : new String[] {"/entry/instrument/detector/data", "/entry/data/data"}) {
                String keys = stack.replace("/data", "") + "/image_key";
                if ((dataset == null || dataset.equals(stack)) && exists(h, stack) && (exists(h, keys) || exists(h, "/entry/instrument/detector/image_key"))) {
                    return nxtomo(file, h, stack, exists(h, keys) ? keys : "/entry/instrument/detector/image_key");
                }
            }
            if (dataset != null && !dataset.equals("/exchange/data")) return null;
            if (!exists(h, "/exchange/data")) return null;
            String flats = exists(h, "/exchange/data_white") ? file + ":/exchange/data_white" : null;
            String darks = exists(h, "/exchange/data_dark") ? file + ":/exchange/data_dark" : null;
            double[] theta = null;
            if (exists(h, "/exchange/theta")) {
                Dataset t = (Dataset) h.getByPath("/exchange/theta");
                if (t.getDimensions().length != 1) throw new InputException(file, "/exchange/theta", "one angle per projection", java.util.Arrays.toString(t.getDimensions()));
                Object data = t.getData();
                int n = java.lang.reflect.Array.getLength(data);
                theta = new double[n];
                for (int k = 0; k < n; k++) theta[k] = ((Number) java.lang.reflect.Array.get(data, k)).doubleValue();
                String units = units(t);
                double scale;
                if (units.isEmpty() || units.startsWith("deg")) scale = Math.PI / 180;
                else if (units.startsWith("rad")) scale = 1;
                else throw new InputException(file, "/exchange/theta units", "degrees or radians", "'" + units + "'");
                for (int k = 0; k < n; k++) {
                    if (!Double.isFinite(theta[k])) throw new InputException(file, "/exchange/theta[" + k + "]", "a finite angle", String.valueOf(theta[k]));
                    theta[k] *= scale;
                }
            }
            return new DataExchange(file + ":/exchange/data", flats, darks, theta);
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) {
            return null; // not readable as Data Exchange: the volume reader will say why
        }
    }

    /** An NXtomo frame stack split by image_key into projections, flats and darks (raw float32 volumes in a temporary folder). */
    private static DataExchange nxtomo(String file, HdfFile h, String stack, String keysPath) {
        Dataset d = (Dataset) h.getByPath(stack);
        int[] dims = d.getDimensions();
        if (dims.length != 3) throw new InputException(file, stack, "frames [n, rows, detectors]", java.util.Arrays.toString(dims));
        int n = dims[0], rows = dims[1], det = dims[2];
        int[] key = ints(file, (Dataset) h.getByPath(keysPath), keysPath, n);
        double[] angle = null;
        for (String a : new String[] {"/entry/sample/rotation_angle", "/entry/data/rotation_angle"}) {
            if (exists(h, a)) {
                Dataset ad = (Dataset) h.getByPath(a);
                double[] v = doubles(file, ad, a, n);
                String units = units(ad);
                double scale = units.isEmpty() || units.startsWith("deg") ? Math.PI / 180 : units.startsWith("rad") ? 1 : Double.NaN;
                if (Double.isNaN(scale)) throw new InputException(file, a + " units", "degrees or radians", "'" + units + "'");
                for (int k = 0; k < n; k++) v[k] *= scale;
                angle = v;
                break;
            }
        }
        int np = 0, nf = 0, nd = 0;
        for (int k : key) {
            if (k == 0) np++; else if (k == 1) nf++; else if (k == 2) nd++;
            else if (k != 3) throw new InputException(file, keysPath, "0 (projection), 1 (flat), 2 (dark) or 3 (invalid)", String.valueOf(k));
        }
        if (np < 3) throw new InputException(file, keysPath, "at least 3 projections (image_key 0)", np + " projections");
        try {
            Path dir = Files.createTempDirectory("solidscope-nxtomo");
            dir.toFile().deleteOnExit();
            Path[] out = {dir.resolve("projections.raw"), dir.resolve("flats.raw"), dir.resolve("darks.raw")};
            java.io.OutputStream[] o = new java.io.OutputStream[3];
            int[] counts = {np, nf, nd};
            double[] theta = new double[np];
            try {
                for (int t = 0; t < 3; t++) if (counts[t] > 0) o[t] = new java.io.BufferedOutputStream(Files.newOutputStream(out[t]), 1 << 20);
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * rows * det).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (int k = 0, p = 0; k < n; k++) {
                    if (key[k] == 3) continue;
                    Object plane = java.lang.reflect.Array.get(d.getData(new long[] {k, 0, 0}, new int[] {1, rows, det}), 0);
                    b.clear();
                    Hdf5Volume.fill(plane, rows, det, (i, v) -> b.putFloat(4 * i, (float) v));
                    o[key[k]].write(b.array());
                    if (key[k] == 0 && angle != null) theta[p++] = angle[k];
                }
            } finally {
                for (java.io.OutputStream s : o) if (s != null) s.close();
            }
            String[] specs = new String[3];
            for (int t = 0; t < 3; t++) {
                if (counts[t] == 0) continue;
                out[t].toFile().deleteOnExit();
                Path side = out[t].resolveSibling(out[t].getFileName() + ".json");
                Files.writeString(side, "{\"shape\": [" + counts[t] + ", " + rows + ", " + det + "], \"dtype\": \"float32\", \"byte_order\": \"little\"}");
                side.toFile().deleteOnExit();
                specs[t] = out[t].toString();
            }
            return new DataExchange(specs[0], specs[1], specs[2], angle == null ? null : theta);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot split the frames of " + file, e);
        }
    }

    private static int[] ints(String file, Dataset d, String path, int n) {
        double[] v = doubles(file, d, path, n);
        int[] out = new int[n];
        for (int k = 0; k < n; k++) out[k] = (int) v[k];
        return out;
    }

    private static double[] doubles(String file, Dataset d, String path, int n) {
        if (d.getDimensions().length != 1 || d.getDimensions()[0] != n) {
            throw new InputException(file, path, n + " values (one per frame)", java.util.Arrays.toString(d.getDimensions()));
        }
        Object data = d.getData();
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            Object x = java.lang.reflect.Array.get(data, k);
            out[k] = x instanceof Number num ? num.doubleValue() : x instanceof Boolean bo ? (bo ? 1 : 0) : Double.NaN;
            if (!Double.isFinite(out[k])) throw new InputException(file, path + "[" + k + "]", "a finite number", String.valueOf(x));
        }
        return out;
    }

    private static boolean exists(HdfFile h, String path) {
        try {
            Node n = h.getByPath(path);
            return n instanceof Dataset;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String units(Dataset d) {
        Attribute a = d.getAttribute("units");
        if (a == null) return "";
        Object v = a.getData();
        if (v instanceof String s) return s.strip().toLowerCase(Locale.ROOT);
        if (v != null && v.getClass().isArray() && java.lang.reflect.Array.getLength(v) > 0) return String.valueOf(java.lang.reflect.Array.get(v, 0)).strip().toLowerCase(Locale.ROOT);
        return "";
    }
}
