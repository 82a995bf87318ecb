package org.solidscope.tomo.recon;

/**
 * Finds the detector bin onto which the rotation axis projects, from the symmetry of parallel-beam
 * data: the projection at θ + π is the projection at θ mirrored about the axis,
 * p(θ + π, c + s) = p(θ, c − s). The first projection is compared with the one nearest half a turn
 * later (mirrored; when that is π − Δθ, the first is extrapolated back by Δθ to match), for every
 * candidate axis on a half-bin grid; the minimum of the mean squared difference is refined by a
 * parabola. Needs angles over at least π − 2Δθ.
 */
public final class RotationCentre {
    private RotationCentre() {}

    /** The axis position and the mean squared mismatch there (a large one says the data lack symmetry). */
    public record Result(double centre, double mismatch) {}

    public static Result find(Sinogram s) {
        int a0 = 0, a1 = -1;
        double best = Double.MAX_VALUE, th0 = s.anglesRad()[0];
        for (int a = 0; a < s.angles(); a++) {
            double d = Math.abs(s.anglesRad()[a] - th0 - Math.PI);
            if (d < best) { best = d; a1 = a; }
        }
        double step = s.angles() > 1 ? Math.abs(s.anglesRad()[1] - th0) : 0;
        if (s.angles() < 3 || best > 1.5 * step + 1e-9) {
            throw new IllegalArgumentException("centre of rotation: the angles must reach half a turn (180°) from the first; the nearest is "
                    + String.format(java.util.Locale.ROOT, "%.2f°", Math.toDegrees(s.anglesRad()[a1] - th0)));
        }
        int d = s.detectors();
        float[] ref = s.row(a0);
        float[] opposite = s.row(a1);
        double gap = s.anglesRad()[a1] - th0 - Math.PI; // negative when the last angle stops short of π
        if (Math.abs(gap) > 1e-9) {
            // move the first projection by the same angle, to θ0 + gap, by linear extrapolation along the angle axis
            float[] next = s.row(1);
            double f = gap / (s.anglesRad()[1] - th0);
            for (int k = 0; k < d; k++) ref[k] = (float) (ref[k] + f * (next[k] - ref[k]));
        }
        // candidate 2c = m (integer), i.e. c on a half-bin grid in the middle half of the detector;
        // bins mirrored off the detector count as zero, so a small overlap of empty edges cannot win
        int mLo = d / 2, mHi = 2 * (d - 1) - d / 2;
        double[] cost = new double[mHi + 1];
        int bestM = -1;
        for (int m = mLo; m <= mHi; m++) {
            double sum = 0;
            int count = 0;
            for (int k = 0; k < d; k++) {
                int mirror = m - k;
                double diff = opposite[k] - (mirror < 0 || mirror >= d ? 0 : ref[mirror]);
                sum += diff * diff;
                count++;
            }
            cost[m] = sum / count;
            if (bestM < 0 || cost[m] < cost[bestM]) bestM = m;
        }
        double m = bestM;
        if (bestM > mLo && bestM < mHi) {
            double cm = cost[bestM - 1], c0 = cost[bestM], cp = cost[bestM + 1], den = cm - 2 * c0 + cp;
            if (den > 0) m += 0.5 * (cm - cp) / den;
        }
        return new Result(m / 2, cost[bestM]);
    }
}
