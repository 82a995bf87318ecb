package org.solidscope.xcs;

import java.util.Arrays;
import org.solidscope.core.InputException;
import org.solidscope.io.xcs.SpectrumCube;

/**
 * Pixel-to-pixel efficiency from a flat-field acquisition (the seed calibrates on a homogeneous disk): each pixel's
 * counts within [loKev, hiKev] over the median of the pixels that have counts. Pixels below {@code minRelative} of the
 * median are excluded (efficiency NaN). An EMF is a ratio within one pixel and needs no flat field; sums over regions
 * do: {@link AlignedSum#weighted} divides each pixel by its efficiency and carries the variance.
 */
public record FlatField(int rows, int cols, float[] efficiency, int excluded) {
    public static FlatField of(String source, SpectrumCube flat, double loKev, double hiKev, double minRelative) {
        int a = Math.max(0, flat.binOf(Math.max(loKev, flat.startKev()))), z = flat.binOf(Math.min(hiKev, flat.endKev() - 1e-9));
        if (z < 0 || z < a) throw new InputException(source, "energy axis", String.format(java.util.Locale.ROOT, "bins within %.1f–%.1f keV", loKev, hiKev),
                String.format(java.util.Locale.ROOT, "%.2f–%.2f keV", flat.startKev(), flat.endKev()));
        int n = flat.pixels();
        double[] c = new double[n];
        for (int p = 0; p < n; p++) for (int b = a; b <= z; b++) c[p] += flat.counts()[p * flat.bins() + b];
        double[] positive = Arrays.stream(c).filter(v -> v > 0).sorted().toArray();
        if (positive.length == 0) throw new InputException(source, "counts", "counts within the flat field's window in some pixel", "none");
        double median = positive[positive.length / 2];
        float[] e = new float[n];
        int excluded = 0;
        for (int p = 0; p < n; p++) {
            e[p] = c[p] >= minRelative * median ? (float) (c[p] / median) : Float.NaN;
            if (Float.isNaN(e[p])) excluded++;
        }
        return new FlatField(flat.rows(), flat.cols(), e, excluded);
    }
}
