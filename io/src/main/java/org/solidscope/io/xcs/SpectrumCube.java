package org.solidscope.io.xcs;

import org.solidscope.core.InputException;

/**
 * Per-pixel energy spectra: {@code counts[(row·cols + col)·bins + bin]}, bin k spanning
 * [startKev + k·binKev, startKev + (k+1)·binKev). Counts are floats so that flat-fielded or summed spectra keep their
 * scale; a spectrum straight from a detector holds whole numbers.
 */
public record SpectrumCube(int rows, int cols, int bins, double startKev, double binKev, float[] counts) {
    public SpectrumCube {
        if (rows <= 0 || cols <= 0 || bins <= 0) throw new IllegalArgumentException("a cube needs rows, cols and bins > 0");
        if (!(binKev > 0) || !Double.isFinite(startKev)) throw new IllegalArgumentException("a cube needs a finite start and a bin width > 0");
        if ((long) rows * cols * bins != counts.length) throw new IllegalArgumentException("counts hold " + counts.length + " values, not rows × cols × bins = " + (long) rows * cols * bins);
    }

    public int pixels() { return rows * cols; }

    public double endKev() { return startKev + bins * binKev; }

    public double centreKev(int bin) { return startKev + (bin + 0.5) * binKev; }

    /** The bin holding {@code kev}, or −1 outside the axis. */
    public int binOf(double kev) {
        double b = Math.floor((kev - startKev) / binKev);
        return b < 0 || b >= bins ? -1 : (int) b;
    }

    /** Copy of one pixel's spectrum. */
    public double[] pixel(int row, int col) {
        double[] s = new double[bins];
        int o = (row * cols + col) * bins;
        for (int b = 0; b < bins; b++) s[b] = counts[o + b];
        return s;
    }

    /** Counts of one pixel over all bins. */
    public double total(int pixel) {
        double s = 0;
        for (int b = pixel * bins, e = b + bins; b < e; b++) s += counts[b];
        return s;
    }

    /** Sum spectrum over the pixels where {@code mask} is true (null: every pixel). */
    public double[] sum(boolean[] mask) {
        double[] s = new double[bins];
        for (int p = 0; p < pixels(); p++) {
            if (mask != null && !mask[p]) continue;
            int o = p * bins;
            for (int b = 0; b < bins; b++) s[b] += counts[o + b];
        }
        return s;
    }

    /** Refuses an axis that does not hold [loKev, hiKev], naming the source and what it needs. */
    public void requireCovers(String source, double loKev, double hiKev) {
        if (startKev > loKev || endKev() < hiKev)
            throw new InputException(source, "energy axis", String.format(java.util.Locale.ROOT, "bins covering %.1f–%.1f keV (the Compton region)", loKev, hiKev),
                    String.format(java.util.Locale.ROOT, "%.2f–%.2f keV", startKev, endKev()));
    }
}
