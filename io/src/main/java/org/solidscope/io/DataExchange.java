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
 * Tomography in the Data Exchange HDF5 layout (APS; TomoPy's and dxchange's files): {@code /exchange/data} the projections
 * [angles, rows, detectors] as raw intensities, {@code /exchange/data_white} and {@code /exchange/data_dark} the flat and
 * dark frames [k, rows, detectors], {@code /exchange/theta} the angle of each projection (its {@code units} attribute:
 * degrees, as the layout sets when none is given, or radians). One reading of a file gives what it holds, so that a
 * reconstruction takes its flats, darks and angles from the same file.
 */
public record DataExchange(String projections, String flats, String darks, double[] thetaRad) {

    /** The Data Exchange parts of {@code spec} ({@code file.h5} or {@code file.h5:/exchange/data}), or null when it is not such a file. */
    public static DataExchange of(String spec) {
        int colon = spec.indexOf(":/");
        String file = colon < 0 ? spec : spec.substring(0, colon), dataset = colon < 0 ? "/exchange/data" : spec.substring(colon + 1);
        String lower = file.toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".h5") || lower.endsWith(".hdf5") || lower.endsWith(".hdf")) || !Files.isRegularFile(Path.of(file))) return null;
        if (!dataset.equals("/exchange/data")) return null;
        try (HdfFile h = Hdf5Volume.open(Path.of(file))) {
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
