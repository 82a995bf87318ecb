package org.solidscope.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RobustStatsTest {
    @Test
    void summaryOfAKnownSample() {
        float[] v = {1, 2, 3, 4, 100, Float.NaN};
        RobustStats.Summary s = RobustStats.summarize(v, null);
        assertEquals(5, s.count());
        assertEquals(22.0, s.mean(), 1e-12);
        assertEquals(3.0, s.median(), 1e-12);
        assertEquals(1.0, s.mad(), 1e-12); // |dev| = 2,1,0,1,97 → median 1
        assertEquals(Math.sqrt((21 * 21 + 20 * 20 + 19 * 19 + 18 * 18 + 78 * 78) / 4.0), s.std(), 1e-9);
        assertEquals(1.75, RobustStats.percentile(v, null, 18.75), 1e-6); // NumPy linear: pos 0.75
    }

    @Test
    void maskRestrictsTheSample() {
        float[] v = {5, 1, 5, 1};
        Mask m = new Mask(2, 2, new boolean[] {true, false, true, false});
        assertEquals(5.0, RobustStats.median(v, m), 0);
    }

    @Test
    void robustSigmaOfNormalDataIsSigma() {
        SplittableRandom r = new SplittableRandom(3);
        float[] v = new float[200_000];
        for (int i = 0; i < v.length; i++) v[i] = (float) (10 + 2 * r.nextGaussian());
        RobustStats.Summary s = RobustStats.summarize(v, null);
        assertEquals(2.0, s.robustSigma(), 0.02);
        assertEquals(0.2, s.cv(), 0.002);
    }
}
