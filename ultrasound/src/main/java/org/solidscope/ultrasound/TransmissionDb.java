package org.solidscope.ultrasound;

import org.solidscope.core.Mask;
import org.solidscope.core.ScalarMap;
import org.solidscope.io.CscanGrid;

/**
 * A C-scan with the gain divided out, in dB re the reference {@link #REFERENCE}:
 * {@code L = 20·log10(A / A_fs) − G}, with A the displayed amplitude, A_fs the display full scale
 * and G the receiver gain in dB. Scans taken at 15, 30 and 40 dB gain of the same cell give the same L
 * wherever the signal is above noise and below saturation.
 *
 * <p>Saturated points (displayed amplitude ≥ {@link #SATURATION_FRACTION} of full scale) carry only a
 * lower bound; they are NaN in {@code db} and set in {@code saturated}.
 *
 * @param db           level per point in dB re {@link #REFERENCE}; NaN where saturated
 * @param saturated    points at or above full scale
 * @param gainDb       the gain that was removed
 * @param noiseFloorDb the level of the instrument's noise floor in the same reference, from
 *                     the displayed noise amplitude given in the inspection specification
 */
public record TransmissionDb(ScalarMap db, Mask saturated, double gainDb, double noiseFloorDb) {
    public static final String REFERENCE = "dB re 100 % full-screen height at 0 dB gain";
    public static final String UNIT = "dB";
    public static final double SATURATION_FRACTION = 0.995;
    /** Displayed amplitudes below this fraction of full scale are clipped to it before the log (−100 dB). */
    static final double MIN_FRACTION = 1e-5;

    public static TransmissionDb of(CscanGrid grid, double noiseFloorPercentFsh) {
        float[] a = grid.amplitude().values();
        float[] db = new float[a.length];
        boolean[] sat = new boolean[a.length];
        double fs = grid.fullScale();
        double g = grid.gainDb();
        for (int i = 0; i < a.length; i++) {
            double frac = a[i] / fs;
            if (frac >= SATURATION_FRACTION) {
                sat[i] = true;
                db[i] = Float.NaN;
            } else {
                db[i] = (float) (20 * Math.log10(Math.max(frac, MIN_FRACTION)) - g);
            }
        }
        double noiseDb = 20 * Math.log10(noiseFloorPercentFsh / 100.0) - g;
        var geom = grid.amplitude().geometry();
        return new TransmissionDb(new ScalarMap(geom, UNIT, db), new Mask(geom.width(), geom.height(), sat), g, noiseDb);
    }

    /** Linear amplitude relative to the reference (10^(L/20)). */
    public static double linear(double db) { return Math.pow(10, db / 20); }
}
