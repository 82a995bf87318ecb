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

    /**
     * Rows of ones back-projected: each pixel gets π/(2·angles) for every angle whose ray through it meets the detector
     * (1 ≤ s + centre + 1 ≤ detectors, stored-bin units) and nothing for the others. A slice larger than the detector
     * (corners outside for some angles), 90° among the angles (a ray along the columns), and a last group of fewer than
     * eight angles: the column range of every angle is exact.
     */
    @Test
    void eachAngleReachesExactlyThePixelsItsRaysMeet() {
        int n = 48, det = 32;
        double centre = 15.3;
        for (int angles : new int[] {8, 12, 20}) {
            double[] rad = Sinogram.evenAngles(angles, 180);
            int stride = det + FilteredBackProjection.PAD;
            float[] rows = new float[angles * stride];
            for (int a = 0; a < angles; a++) for (int k = 0; k < det; k++) rows[a * stride + FilteredBackProjection.PAD_BEFORE + k] = 1;
            for (boolean parallel : new boolean[] {false, true}) {
                float[] img = FilteredBackProjection.backProject(rows, rad, det, centre, n, parallel);
                double half = (n - 1) / 2.0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        int hits = 0;
                        for (double th : rad) {
                            double bin = (j - half) * Math.cos(th) + (i - half) * Math.sin(th) + centre + FilteredBackProjection.PAD_BEFORE;
                            if (bin >= 1 && bin <= det) hits++;
                        }
                        assertEquals(hits, img[i * n + j] * 2 * angles / Math.PI, 1e-4, angles + " angles, pixel " + i + "," + j);
                    }
                }
            }
        }
    }

    /** Filtering and oversampling each task's rows where they are filtered gives the slice of filter, then back-project, bit for bit. */
    @Test
    void reconstructionIsFilterThenBackProjection() {
        int n = 64, det = 70;
        EllipsePhantom p = EllipsePhantom.sheppLogan(n);
        Sinogram s = p.project(Sinogram.evenAngles(90, 180), det, 34.6);
        float[] twoSteps = FilteredBackProjection.backProject(FilteredBackProjection.filter(s, FbpFilter.SHEPP_LOGAN), s.anglesRad(), det, 34.6, n, false);
        for (boolean parallel : new boolean[] {false, true}) {
            float[] oneStep = FilteredBackProjection.reconstruct(s, FbpFilter.SHEPP_LOGAN, 34.6, n, parallel);
            assertTrue(java.util.Arrays.equals(twoSteps, oneStep), "parallel " + parallel);
        }
    }
}
