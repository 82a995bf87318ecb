package org.solidscope.tomo.recon;

import java.util.List;

/**
 * A phantom made of uniform ellipses, with exact line integrals: the ground truth for reconstruction
 * tests. Coordinates are those of {@link FilteredBackProjection}: pixels from the slice centre, y
 * growing with the row index.
 */
public record EllipsePhantom(List<Ellipse> ellipses) {

    /** Additive value {@code value} inside the ellipse with semi-axes a, b (pixels), centre (x0, y0), rotated by phi. */
    public record Ellipse(double value, double a, double b, double x0, double y0, double phiRad) {}

    /**
     * The modified Shepp–Logan head phantom (Toft's contrast: outer skull 1.0, brain 0.2), scaled so
     * that the unit disc of the original definition fills an n × n slice. The original has y up; the
     * slice has rows down, hence the sign changes.
     */
    public static EllipsePhantom sheppLogan(int n) {
        double[][] t = {
                {1.0, .69, .92, 0, 0, 0},
                {-.8, .6624, .8740, 0, -.0184, 0},
                {-.2, .1100, .3100, .22, 0, -18},
                {-.2, .1600, .4100, -.22, 0, 18},
                {.1, .2100, .2500, 0, .35, 0},
                {.1, .0460, .0460, 0, .1, 0},
                {.1, .0460, .0460, 0, -.1, 0},
                {.1, .0460, .0230, -.08, -.605, 0},
                {.1, .0230, .0230, 0, -.606, 0},
                {.1, .0230, .0460, .06, -.605, 0}};
        double r = n / 2.0;
        List<Ellipse> e = new java.util.ArrayList<>();
        for (double[] q : t) e.add(new Ellipse(q[0], q[1] * r, q[2] * r, q[3] * r, -q[4] * r, Math.toRadians(-q[5])));
        return new EllipsePhantom(List.copyOf(e));
    }

    /** The phantom's mean over each pixel of an n × n slice (sampled 5 × 5 per pixel: edges are partial, as a detector sees them). */
    public float[] raster(int n) {
        final int sub = 5;
        float[] img = new float[n * n];
        double half = (n - 1) / 2.0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = 0;
                for (int si = 0; si < sub; si++) for (int sj = 0; sj < sub; sj++) {
                    v += valueAt(j - half + (sj + 0.5) / sub - 0.5, i - half + (si + 0.5) / sub - 0.5);
                }
                img[i * n + j] = (float) (v / (sub * sub));
            }
        }
        return img;
    }

    /** The phantom's value at (x, y) in pixels from the slice centre. */
    public double valueAt(double x, double y) {
        double v = 0;
        for (Ellipse e : ellipses) {
            double dx = x - e.x0, dy = y - e.y0, c = Math.cos(e.phiRad), s = Math.sin(e.phiRad);
            double u = dx * c + dy * s, w = -dx * s + dy * c;
            if ((u * u) / (e.a * e.a) + (w * w) / (e.b * e.b) <= 1) v += e.value;
        }
        return v;
    }

    /** Exact line integrals at the centre of each detector bin; the rotation axis at bin {@code centre}. */
    public Sinogram project(double[] anglesRad, int detectors, double centre) {
        float[] v = new float[anglesRad.length * detectors];
        for (int a = 0; a < anglesRad.length; a++) {
            double th = anglesRad[a];
            for (Ellipse e : ellipses) {
                double t = th - e.phiRad, a2 = e.a * e.a * Math.cos(t) * Math.cos(t) + e.b * e.b * Math.sin(t) * Math.sin(t);
                double shift = e.x0 * Math.cos(th) + e.y0 * Math.sin(th);
                for (int k = 0; k < detectors; k++) {
                    double s = k - centre - shift;
                    if (s * s < a2) v[a * detectors + k] += (float) (2 * e.value * e.a * e.b * Math.sqrt(a2 - s * s) / a2);
                }
            }
        }
        return new Sinogram(anglesRad.length, detectors, anglesRad, v);
    }
}
