package org.solidscope.xcs;

import java.util.Arrays;

/**
 * Per-pixel corrections applied to raw frames: offset (ADU, from dark frames), noise (ADU, 1σ), the linear
 * calibration E = (ADU − offset)·gradient + intercept (keV) and pixels to ignore (dead or noisy). Row-major arrays.
 */
public record PixelCorrections(int rows, int cols, float[] offsetAdu, float[] noiseAdu, float[] gradientKevPerAdu, float[] interceptKev, boolean[] excluded) {
    public PixelCorrections {
        int n = rows * cols;
        if (offsetAdu.length != n || noiseAdu.length != n || gradientKevPerAdu.length != n || interceptKev.length != n || excluded.length != n)
            throw new IllegalArgumentException("every per-pixel map needs rows × cols = " + n + " values");
    }

    /** Offsets and noise as given, unit gain and no intercept: energies stay in ADU (for a calibration acquisition). */
    public static PixelCorrections inAdu(DarkFrames.Result dark) {
        int n = dark.offsetAdu().length;
        float[] one = new float[n];
        Arrays.fill(one, 1f);
        return new PixelCorrections(dark.rows(), dark.cols(), dark.offsetAdu(), dark.noiseAdu(), one, new float[n], dark.excluded());
    }

    public PixelCorrections withCalibration(float[] gradient, float[] intercept) {
        return new PixelCorrections(rows, cols, offsetAdu, noiseAdu, gradient, intercept, excluded);
    }

    public PixelCorrections withExcluded(boolean[] more) {
        boolean[] e = excluded.clone();
        for (int i = 0; i < e.length; i++) e[i] |= more[i];
        return new PixelCorrections(rows, cols, offsetAdu, noiseAdu, gradientKevPerAdu, interceptKev, e);
    }
}
