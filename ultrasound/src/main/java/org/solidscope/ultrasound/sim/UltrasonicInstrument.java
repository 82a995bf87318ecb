package org.solidscope.ultrasound.sim;

import java.util.SplittableRandom;
import org.solidscope.core.GridGeometry;

/**
 * The last step of the simulator: amplitude transmission → displayed C-scan amplitude.
 * Beam blur (Gaussian focal spot), gain, multiplicative speckle, additive noise and the peak
 * detector's noise floor, saturation at full scale, and dropped scan lines.
 *
 * <p>Displayed amplitude per point: {@code max(|S·(1+ε) + n|, q)} clipped to 100 % FSH, with
 * S = fluid-path amplitude × 10^(G/20) × blurred transmission, ε ~ N(0, speckle), n ~ N(0, σ), and
 * q = σ·(2 + 0.6·|N(0,1)|) the largest noise excursion a peak detector sees in its gate.
 */
public final class UltrasonicInstrument {
    private UltrasonicInstrument() {}

    /** Noise-free displayed signal S (percent FSH, not clipped), for A-scan synthesis. */
    public static float[] cleanSignal(float[] transmission, GridGeometry g, InstrumentSettings s) {
        float[] blurred = gaussianBlur(transmission, g.width(), g.height(), s.psfFwhmMm() / 2.3548 / g.pitchMm());
        double k = s.fluidPathPercentFsh() * Math.pow(10, s.gainDb() / 20);
        for (int i = 0; i < blurred.length; i++) blurred[i] = (float) (blurred[i] * k);
        return blurred;
    }

    public static float[] display(float[] transmission, GridGeometry g, InstrumentSettings s, long seed) {
        float[] sig = cleanSignal(transmission, g, s);
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] out = new float[sig.length];
        boolean[] dropped = new boolean[g.height()];
        for (int r : s.dropoutRows()) if (r >= 0 && r < g.height()) dropped[r] = true;
        double sigma = s.noiseRmsPercentFsh();
        for (int i = 0; i < sig.length; i++) {
            double signal = dropped[i / g.width()] ? 0 : sig[i] * (1 + s.speckle() * rnd.nextGaussian());
            double v = Math.abs(signal + sigma * rnd.nextGaussian());
            double floor = sigma * (2 + 0.6 * Math.abs(rnd.nextGaussian()));
            out[i] = (float) Math.min(100.0, Math.max(v, floor));
        }
        return out;
    }

    /** Separable Gaussian blur with edge clamping; sigma in pixels (≤ 0.1: no blur). */
    public static float[] gaussianBlur(float[] v, int w, int h, double sigmaPx) {
        if (sigmaPx <= 0.1) return v.clone();
        int r = (int) Math.ceil(3 * sigmaPx);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) sum += k[i + r] = Math.exp(-0.5 * i * i / (sigmaPx * sigmaPx));
        for (int i = 0; i < k.length; i++) k[i] /= sum;
        float[] tmp = new float[v.length], out = new float[v.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double a = 0;
                for (int j = -r; j <= r; j++) a += k[j + r] * v[y * w + Math.min(w - 1, Math.max(0, x + j))];
                tmp[y * w + x] = (float) a;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double a = 0;
                for (int j = -r; j <= r; j++) a += k[j + r] * tmp[Math.min(h - 1, Math.max(0, y + j)) * w + x];
                out[y * w + x] = (float) a;
            }
        }
        return out;
    }
}
