package org.solidscope.tomo.recon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RotationCentreAndRingTest {

    @Test
    void findsAnOffCentreAxis() {
        EllipsePhantom p = EllipsePhantom.sheppLogan(100);
        for (double centre : new double[] {79.5, 84.25, 90.0, 73.7}) {
            // endpoint excluded (last angle π − Δθ) and included (a projection at π)
            Sinogram open = p.project(Sinogram.evenAngles(360, 180), 160, centre);
            assertEquals(centre, RotationCentre.find(open).centre(), 0.25, "half turn without its end, axis " + centre);
            double[] closed = new double[181];
            for (int i = 0; i <= 180; i++) closed[i] = Math.toRadians(i);
            assertEquals(centre, RotationCentre.find(p.project(closed, 160, centre)).centre(), 0.1, "half turn with its end, axis " + centre);
        }
    }

    @Test
    void refusesAnglesShortOfHalfATurn() {
        Sinogram s = EllipsePhantom.sheppLogan(64).project(Sinogram.evenAngles(90, 90), 96, 47.5);
        assertThrows(IllegalArgumentException.class, () -> RotationCentre.find(s));
    }

    /**
     * Detector pixels with a wrong gain and a wrong offset draw rings. A ring is azimuthally
     * coherent: its measure is the largest azimuthal mean of (reconstruction − reconstruction of the
     * clean data through the same steps) over 1-pixel radial shells. Both methods must cut it at
     * least fivefold, and leave clean data
     * within a stated disturbance (the median in the sorted domain softens the phantom's sharp skull).
     */
    @Test
    void syntheticRingsRemoved() {
        int n = 128, det = 181;
        double c = (det - 1) / 2.0;
        EllipsePhantom p = EllipsePhantom.sheppLogan(n);
        Sinogram clean = p.project(Sinogram.evenAngles(360, 180), det, c);
        float[] v = clean.values().clone();
        int[] bad = {70, 71, 101, 120, 135};
        double[] offset = {3, -2, 4, 2.5, -3};
        for (int a = 0; a < clean.angles(); a++) {
            for (int b = 0; b < bad.length; b++) v[a * det + bad[b]] = (float) (v[a * det + bad[b]] * 1.05 + offset[b]);
        }
        Sinogram striped = clean.withValues(v);
        float[] ref = FilteredBackProjection.reconstruct(clean, FbpFilter.RAMP, c, n, true);
        double before = ringAmplitude(FilteredBackProjection.reconstruct(striped, FbpFilter.RAMP, c, n, true), ref, n);
        for (RingRemoval.Method m : new RingRemoval.Method[] {RingRemoval.Method.SORTING, RingRemoval.Method.FILTERING}) {
            float[] fixed = FilteredBackProjection.reconstruct(RingRemoval.apply(striped, m, 11, 3), FbpFilter.RAMP, c, n, true);
            float[] cleanFixed = FilteredBackProjection.reconstruct(RingRemoval.apply(clean, m, 11, 3), FbpFilter.RAMP, c, n, true);
            double after = ringAmplitude(fixed, cleanFixed, n), disturbance = rms(ref, cleanFixed, n);
            System.out.printf("rings: amplitude %.4f before, %.4f after %s; rms change of clean data %.4f%n", before, after, m, disturbance);
            assertTrue(after < before / 5, m + ": " + after + " against " + before);
            assertTrue(disturbance < 0.035, m + " disturbs clean data by " + disturbance);
        }
    }

    /** The largest |azimuthal mean| of img − ref over 1-pixel shells from 3 pixels to 0.45 n. */
    static double ringAmplitude(float[] img, float[] ref, int n) {
        int shells = (int) (0.45 * n) + 1;
        double[] sum = new double[shells];
        int[] count = new int[shells];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
            double x = j - (n - 1) / 2.0, y = i - (n - 1) / 2.0;
            int r = (int) Math.sqrt(x * x + y * y);
            if (r >= shells) continue;
            sum[r] += img[i * n + j] - ref[i * n + j];
            count[r]++;
        }
        double worst = 0;
        for (int r = 3; r < shells; r++) worst = Math.max(worst, Math.abs(sum[r] / count[r]));
        return worst;
    }

    static double rms(float[] a, float[] b, int n) {
        double s = 0;
        int count = 0;
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
            double x = j - (n - 1) / 2.0, y = i - (n - 1) / 2.0;
            if (x * x + y * y > 0.45 * n * 0.45 * n) continue;
            double d = a[i * n + j] - b[i * n + j];
            s += d * d;
            count++;
        }
        return Math.sqrt(s / count);
    }
}
