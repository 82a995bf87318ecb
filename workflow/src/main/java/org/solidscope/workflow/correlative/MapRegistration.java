package org.solidscope.workflow.correlative;

import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.solidscope.core.Fft;
import org.solidscope.core.InputException;
import org.solidscope.core.ScalarMap;

/**
 * Registers one modality's map of a cell onto another's (an XCS EMF map onto an ultrasonic level map, a CT height map
 * onto either): the similarity transform — shift, rotation, scale — that maps a point of the fixed map (mm, its own
 * frame) to the moving map's, {@code q = s·R(θ)·(p − c) + c + t} about the fixed map's centre c.
 *
 * <p>The two modalities see the same structure with different contrast (a void lowers ultrasonic transmission and
 * raises nothing in another), so the measure is the absolute normalised cross-correlation |NCC| over the pixels both
 * maps cover (the coarse search weights it by the square root of the share of the fixed map they cover). A coarse search over rotation and scale finds the shift of each by FFT cross-correlation; Nelder–Mead
 * (Hipparchus) refines all four. Partial overlap is the normal case: only the common part counts, nothing is
 * extrapolated; a map's own gaps (NaN: outside the cell it found) count as a level below its lowest, so that the outline
 * registers. A pair whose best overlap covers too little of the fixed map, or that shares no structure there, is
 * refused with that reason.
 */
public final class MapRegistration {
    private MapRegistration() {}

    /** Fixed-map mm to moving-map mm: {@code q = s·R(θ)·(p − c) + c + t}. */
    public record Transform(double txMm, double tyMm, double rotationDeg, double scale, double pivotXMm, double pivotYMm) {
        public double[] apply(double xMm, double yMm) {
            double a = Math.toRadians(rotationDeg), cos = Math.cos(a), sin = Math.sin(a);
            double dx = xMm - pivotXMm, dy = yMm - pivotYMm;
            return new double[] {scale * (cos * dx - sin * dy) + pivotXMm + txMm, scale * (sin * dx + cos * dy) + pivotYMm + tyMm};
        }
    }

    /**
     * @param ncc             the normalised cross-correlation at the transform (negative: contrast inverted between the two)
     * @param residual        1 − |ncc|: what of the fixed map's variation over the overlap the moving one does not explain linearly
     * @param overlapFraction the fixed map's valid pixels that the moving map covers under the transform
     */
    public record Result(Transform transform, double ncc, double residual, double overlapFraction, int overlapPixels) {}

    /** The search: rotations within ±{@code maxRotationDeg}, scales within 1 ± {@code maxScaleChange}; limits of refusal. */
    public record Options(double maxRotationDeg, double maxScaleChange, double minOverlap, double minCorrelation) {
        public static Options defaults() { return new Options(12, 0.07, 0.2, 0.3); }
    }

    public static Result register(ScalarMap fixedMap, ScalarMap movingMap, Options o) {
        return register(fixedMap, movingMap, null, o);
    }

    /**
     * As {@link #register(ScalarMap, ScalarMap, Options)}, the search centred on a prior placement (from where each map
     * says it lies in the cell's frame): rotations and scales about the prior's, shifts found about its shift, and the
     * prior itself a candidate. A small map (a CT section) is so found inside a large one (a C-scan) that the shift
     * search alone, which spans the fixed map's own size, would not reach. Null prior: the maps' own grids.
     */
    public static Result register(ScalarMap fixedMap, ScalarMap movingMap, Transform prior, Options o) {
        // a map's gaps (outside the cell it found) are a level of their own: the outline is what two maps share best
        ScalarMap fixed = gapsFilled(fixedMap), moving = gapsFilled(movingMap);
        double cx = fixed.geometry().xMm((fixed.width() - 1) / 2.0), cy = fixed.geometry().yMm((fixed.height() - 1) / 2.0);
        Transform p0 = prior == null ? new Transform(0, 0, 0, 1, cx, cy) : about(prior, cx, cy);
        int valid = 0;
        for (float v : fixed.values()) if (!Float.isNaN(v)) valid++;
        if (valid < 16) throw new InputException("fixed map", "pixels", "a map of at least 16 valid pixels", String.valueOf(valid));
        double[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (double rot = p0.rotationDeg() - o.maxRotationDeg(); rot <= p0.rotationDeg() + o.maxRotationDeg() + 1e-9; rot += 1.5) {
            for (double s = p0.scale() * (1 - o.maxScaleChange()); s <= p0.scale() * (1 + o.maxScaleChange()) + 1e-9; s += 0.035 * p0.scale()) {
                double[] t = shiftByCorrelation(fixed, moving, rot, s, cx, cy, p0.txMm(), p0.tyMm());
                // the correlation's shift, and the prior's: the maps' own placement is a candidate too (two scans of one cell)
                for (double[] cand : new double[][] {{t[0], t[1], rot, s}, {p0.txMm(), p0.tyMm(), rot, s}}) {
                    double[] m = measure(fixed, moving, new Transform(cand[0], cand[1], cand[2], cand[3], cx, cy), valid);
                    double score = score(m, o);
                    if (score > bestScore) {
                        bestScore = score;
                        best = cand;
                    }
                }
            }
        }
        double pitch = Math.max(fixed.geometry().pitchMm(), moving.geometry().pitchMm());
        final int validPixels = valid;
        SimplexOptimizer opt = new SimplexOptimizer(1e-7, 1e-9);
        double[] start = best;
        var point = opt.optimize(new MaxEval(4000), GoalType.MAXIMIZE, new InitialGuess(start),
                new NelderMeadSimplex(new double[] {pitch, pitch, 1.0, 0.02}),
                new ObjectiveFunction(x -> {
                    if (Math.abs(x[2] - p0.rotationDeg()) > o.maxRotationDeg() + 3 || Math.abs(x[3] / p0.scale() - 1) > o.maxScaleChange() + 0.03) return -1;
                    double[] m = measure(fixed, moving, new Transform(x[0], x[1], x[2], x[3], cx, cy), validPixels);
                    return m[1] < o.minOverlap() ? -1 + m[1] : Math.abs(m[0]);
                }));
        double[] x = point.getPoint();
        Transform tr = new Transform(x[0], x[1], x[2], x[3], cx, cy);
        double[] m = measure(fixed, moving, tr, valid);
        if (m[1] < o.minOverlap()) {
            throw new InputException("moving map", "overlap", String.format(java.util.Locale.ROOT, "maps that overlap on at least %.0f %% of the fixed map",
                    100 * o.minOverlap()), String.format(java.util.Locale.ROOT, "%.1f %% at best", 100 * m[1]));
        }
        if (Math.abs(m[0]) < o.minCorrelation()) {
            throw new InputException("moving map", "structure", String.format(java.util.Locale.ROOT,
                    "a structure the two maps share (|NCC| ≥ %.2f over their overlap)", o.minCorrelation()), String.format(java.util.Locale.ROOT, "|NCC| %.3f", Math.abs(m[0])));
        }
        return new Result(tr, m[0], 1 - Math.abs(m[0]), m[1], (int) Math.round(m[1] * valid));
    }

    /** The map with its NaN pixels set a quarter of its range below its lowest value; as it was when it has none. */
    static ScalarMap gapsFilled(ScalarMap m) {
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        boolean gaps = false;
        for (float v : m.values()) {
            if (Float.isNaN(v)) { gaps = true; continue; }
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (!gaps || lo > hi) return m;
        float fill = lo - 0.25f * Math.max(hi - lo, 1e-6f);
        float[] v = m.values().clone();
        for (int i = 0; i < v.length; i++) if (Float.isNaN(v[i])) v[i] = fill;
        return m.withValues(m.unit(), v);
    }

    /**
     * What the coarse search ranks by: |NCC| weighted by the square root of the overlap, so that a high correlation over a
     * sliver of the field (a few edge pixels lined up by chance) does not pick the basin over a good one across most of
     * it; below the least overlap, only the overlap counts. The refinement then maximises |NCC| alone, unbiased.
     */
    static double score(double[] m, Options o) {
        return m[1] < o.minOverlap() ? -1 + m[1] : Math.abs(m[0]) * Math.sqrt(m[1]);
    }

    /** {NCC, overlap fraction} of the fixed map against the moving one sampled through {@code tr}. */
    static double[] measure(ScalarMap fixed, ScalarMap moving, Transform tr, int validFixed) {
        var fg = fixed.geometry();
        var mg = moving.geometry();
        double sf = 0, sm = 0, sff = 0, smm = 0, sfm = 0;
        int n = 0;
        for (int r = 0; r < fixed.height(); r++) {
            for (int c = 0; c < fixed.width(); c++) {
                float f = fixed.get(c, r);
                if (Float.isNaN(f)) continue;
                double[] q = tr.apply(fg.xMm(c), fg.yMm(r));
                float v = moving.sample(mg.column(q[0]), mg.row(q[1]));
                if (Float.isNaN(v)) continue;
                n++;
                sf += f;
                sm += v;
                sff += (double) f * f;
                smm += (double) v * v;
                sfm += (double) f * v;
            }
        }
        if (n < 8) return new double[] {0, (double) n / validFixed};
        double cov = sfm - sf * sm / n, vf = sff - sf * sf / n, vm = smm - sm * sm / n;
        double ncc = vf <= 0 || vm <= 0 ? 0 : cov / Math.sqrt(vf * vm);
        return new double[] {ncc, (double) n / validFixed};
    }

    /**
     * The shift t (moving mm) for a rotation and scale: the moving map sampled under (θ, s) onto a grid twice the fixed
     * map's size about its centre, cross-correlated with the fixed map by FFT (both zero-mean, gaps as zero); the peak's
     * offset δ on the fixed grid is the shift in the fixed frame, t = s·R(θ)·δ in the moving one.
     */
    static double[] shiftByCorrelation(ScalarMap fixed, ScalarMap moving, double rotDeg, double scale, double cx, double cy, double t0x, double t0y) {
        var fg = fixed.geometry();
        int w = fixed.width(), h = fixed.height();
        int pw = Fft.nextPowerOfTwo(2 * w), ph = Fft.nextPowerOfTwo(2 * h);
        double[] fr = new double[pw * ph], fi = new double[pw * ph], gr = new double[pw * ph], gi = new double[pw * ph];
        double mean = 0;
        int n = 0;
        for (float v : fixed.values()) if (!Float.isNaN(v)) { mean += v; n++; }
        mean /= Math.max(1, n);
        for (int r = 0; r < h; r++) for (int c = 0; c < w; c++) {
            float v = fixed.get(c, r);
            fr[r * pw + c] = Float.isNaN(v) ? 0 : v - mean;
        }
        // the moving map under (θ, s) on a pw × ph grid of the fixed pitch, its (ox, oy) cell over the fixed map's (0, 0)
        int ox = (pw - w) / 2, oy = (ph - h) / 2;
        Transform tr = new Transform(t0x, t0y, rotDeg, scale, cx, cy);
        var mg = moving.geometry();
        double gm = 0;
        int gn = 0;
        float[] g = new float[pw * ph];
        for (int r = 0; r < ph; r++) for (int c = 0; c < pw; c++) {
            double[] q = tr.apply(fg.xMm(c - ox), fg.yMm(r - oy));
            float v = moving.sample(mg.column(q[0]), mg.row(q[1]));
            g[r * pw + c] = v;
            if (!Float.isNaN(v)) { gm += v; gn++; }
        }
        gm /= Math.max(1, gn);
        for (int k = 0; k < g.length; k++) gr[k] = Float.isNaN(g[k]) ? 0 : g[k] - gm;
        fft2(fr, fi, pw, ph, false);
        fft2(gr, gi, pw, ph, false);
        // correlation: conj(F) · G, inverted; the magnitude's peak (either sign: contrast may be inverted)
        for (int k = 0; k < fr.length; k++) {
            double re = fr[k] * gr[k] + fi[k] * gi[k], im = fr[k] * gi[k] - fi[k] * gr[k];
            fr[k] = re;
            fi[k] = im;
        }
        fft2(fr, fi, pw, ph, true);
        int bk = 0;
        for (int k = 1; k < fr.length; k++) if (Math.abs(fr[k]) > Math.abs(fr[bk])) bk = k;
        int dxPx = bk % pw - ox, dyPx = bk / pw - oy;
        // the correlation is circular: offsets past half the grid are negative
        if (bk % pw > pw / 2 + ox) dxPx -= pw;
        if (bk / pw > ph / 2 + oy) dyPx -= ph;
        double dx = dxPx * fg.pitchMm(), dy = dyPx * fg.pitchMm();
        double a = Math.toRadians(rotDeg);
        return new double[] {t0x + scale * (Math.cos(a) * dx - Math.sin(a) * dy), t0y + scale * (Math.sin(a) * dx + Math.cos(a) * dy)};
    }

    /** The same transform written about another pivot (c′): t′ = t + s·R(θ)(c′ − c) − (c′ − c). */
    static Transform about(Transform t, double cx, double cy) {
        double a = Math.toRadians(t.rotationDeg()), dx = cx - t.pivotXMm(), dy = cy - t.pivotYMm();
        double rx = t.scale() * (Math.cos(a) * dx - Math.sin(a) * dy), ry = t.scale() * (Math.sin(a) * dx + Math.cos(a) * dy);
        return new Transform(t.txMm() + rx - dx, t.tyMm() + ry - dy, t.rotationDeg(), t.scale(), cx, cy);
    }

    /**
     * The placement two maps' cell frames imply: a fixed-map point p (mm, its grid) lies in the cell at R(a_f)·p + o_f, and a
     * cell point u in the moving map at R(−a_m)·(u − o_m); so q = R(a_f − a_m)·p + R(−a_m)·(o_f − o_m), about pivot 0.
     */
    public static Transform fromFrames(double fixedOriginX, double fixedOriginY, double fixedRotationDeg, double movingOriginX, double movingOriginY,
                                       double movingRotationDeg) {
        double am = Math.toRadians(-movingRotationDeg), dx = fixedOriginX - movingOriginX, dy = fixedOriginY - movingOriginY;
        return new Transform(Math.cos(am) * dx - Math.sin(am) * dy, Math.sin(am) * dx + Math.cos(am) * dy, fixedRotationDeg - movingRotationDeg, 1, 0, 0);
    }

    /** In-place 2-D FFT by rows then columns. */
    private static void fft2(double[] re, double[] im, int w, int h, boolean inverse) {
        double[] r = new double[w], i = new double[w];
        for (int y = 0; y < h; y++) {
            System.arraycopy(re, y * w, r, 0, w);
            System.arraycopy(im, y * w, i, 0, w);
            Fft.transform(r, i, inverse);
            System.arraycopy(r, 0, re, y * w, w);
            System.arraycopy(i, 0, im, y * w, w);
        }
        double[] cr = new double[h], ci = new double[h];
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) { cr[y] = re[y * w + x]; ci[y] = im[y * w + x]; }
            Fft.transform(cr, ci, inverse);
            for (int y = 0; y < h; y++) { re[y * w + x] = cr[y]; im[y * w + x] = ci[y]; }
        }
    }
}
