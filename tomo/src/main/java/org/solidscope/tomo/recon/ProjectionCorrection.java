package org.solidscope.tomo.recon;

/**
 * Flat/dark correction and the Beer–Lambert logarithm: p = −ln((I − D) / (F − D)), with I the
 * raw projection, F the open-beam (flat) and D the dark field, pixel by pixel. Ratios at or below
 * a floor (dead pixels, a flat no brighter than the dark) are clipped to {@link #RATIO_FLOOR}, so
 * p stays finite; the count of clipped pixels is returned for the user to see.
 */
public final class ProjectionCorrection {
    private ProjectionCorrection() {}

    public static final float RATIO_FLOOR = 1e-6f;

    /** Corrects {@code raw} in place (one projection, detector rows × columns); returns how many pixels were clipped. */
    public static int toLineIntegrals(float[] raw, float[] flat, float[] dark) {
        if (flat.length != raw.length || (dark != null && dark.length != raw.length)) {
            throw new IllegalArgumentException("flat and dark must have the projection's shape");
        }
        int clipped = 0;
        for (int i = 0; i < raw.length; i++) {
            float d = dark == null ? 0 : dark[i];
            float den = flat[i] - d;
            float ratio = den > 0 ? (raw[i] - d) / den : 0;
            if (!(ratio > RATIO_FLOOR)) { ratio = RATIO_FLOOR; clipped++; }
            raw[i] = (float) -Math.log(ratio);
        }
        return clipped;
    }

    /** The mean of a stack of frames (several flats or darks), frame by frame. */
    public static float[] mean(float[][] frames) {
        float[] m = new float[frames[0].length];
        for (float[] f : frames) for (int i = 0; i < m.length; i++) m[i] += f[i];
        for (int i = 0; i < m.length; i++) m[i] /= frames.length;
        return m;
    }
}
