package org.solidscope.tomo.recon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FilteredBackProjectionTest {

    static double meanAbsError(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
        return s / a.length;
    }

    /**
     * scikit-image's own test (check_radon_iradon) reconstructs a 100 × 100 Shepp–Logan phantom
     * from 180 angles over a half turn and requires a mean absolute error below 0.025 for the ramp
     * and Shepp–Logan filters (linear interpolation) and below 0.05 for the other windows.
     */
    @Test
    void sheppLoganWithinScikitImageBounds() {
        int n = 100, det = 145;
        EllipsePhantom p = EllipsePhantom.sheppLogan(n);
        float[] truth = p.raster(n);
        Sinogram s = p.project(Sinogram.evenAngles(180, 180), det, (det - 1) / 2.0);
        double ramp = meanAbsError(truth, FilteredBackProjection.reconstruct(s, FbpFilter.RAMP, (det - 1) / 2.0, n, true));
        double sl = meanAbsError(truth, FilteredBackProjection.reconstruct(s, FbpFilter.SHEPP_LOGAN, (det - 1) / 2.0, n, false));
        double hann = meanAbsError(truth, FilteredBackProjection.reconstruct(s, FbpFilter.HANN, (det - 1) / 2.0, n, true));
        System.out.printf("Shepp-Logan 100x100, 180 angles: mean |error| ramp %.4f, shepp-logan %.4f, hann %.4f%n", ramp, sl, hann);
        assertTrue(ramp < 0.025, "ramp " + ramp);
        assertTrue(sl < 0.025, "shepp-logan " + sl);
        assertTrue(hann < 0.05, "hann " + hann);
    }

    /** A uniform disc of value μ reconstructs to μ in its interior (the scale of the sum over angles). */
    @Test
    void uniformDiscKeepsItsValue() {
        int n = 128, det = 181;
        EllipsePhantom disc = new EllipsePhantom(java.util.List.of(new EllipsePhantom.Ellipse(0.7, 40, 40, 0, 0, 0)));
        for (double range : new double[] {180, 360}) {
            Sinogram s = disc.project(Sinogram.evenAngles(360, range), det, (det - 1) / 2.0);
            float[] img = FilteredBackProjection.reconstruct(s, FbpFilter.RAMP, (det - 1) / 2.0, n, true);
            double sum = 0;
            int count = 0;
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
                double x = j - 63.5, y = i - 63.5;
                if (x * x + y * y < 30 * 30) { sum += img[i * n + j]; count++; }
            }
            assertEquals(0.7, sum / count, 0.005, "interior mean over " + range + " degrees");
        }
    }

    /** An off-centre rotation axis, given to the reconstruction, gives the same image as a centred one. */
    @Test
    void offCentreAxis() {
        int n = 100, det = 160;
        EllipsePhantom p = EllipsePhantom.sheppLogan(n);
        float[] truth = p.raster(n);
        Sinogram s = p.project(Sinogram.evenAngles(180, 180), det, 87.25);
        assertTrue(meanAbsError(truth, FilteredBackProjection.reconstruct(s, FbpFilter.RAMP, 87.25, n, true)) < 0.025);
        assertTrue(meanAbsError(truth, FilteredBackProjection.reconstruct(s, FbpFilter.RAMP, 79.5, n, true)) > 0.04,
                "a wrong centre must show");
    }
}
