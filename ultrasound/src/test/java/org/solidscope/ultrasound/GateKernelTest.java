package org.solidscope.ultrasound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vector fast path gives exactly what the scalar loop and a naive reference give. */
class GateKernelTest {
    static int[] naive(short[] s, int len, int thr) {
        int max = Integer.MIN_VALUE, min = Integer.MAX_VALUE, bestAbs = -1, best = 0, cross = -1;
        for (int i = 0; i < len; i++) {
            max = Math.max(max, s[i]);
            min = Math.min(min, s[i]);
            int a = Math.abs((int) s[i]);
            if (a > bestAbs) { bestAbs = a; best = i; }
            if (cross < 0 && a >= thr) cross = i;
        }
        return new int[] {max, min, best, cross};
    }

    @Test
    void vectorScalarAndNaiveAgree() {
        GateKernel vector = GateKernel.best();
        assertEquals("vector", AscanGating.kernel(), "tests run with jdk.incubator.vector, as the launcher does");
        SplittableRandom r = new SplittableRandom(5);
        int[] a = new int[4], b = new int[4];
        for (int trial = 0; trial < 5000; trial++) {
            int len = 1 + r.nextInt(700);
            short[] s = new short[len];
            int span = 1 + r.nextInt(trial % 3 == 0 ? 65536 : 2000);
            for (int i = 0; i < len; i++) s[i] = (short) Math.max(-32768, Math.min(32767, r.nextInt(span) - span / 2));
            if (trial % 17 == 0) s[r.nextInt(len)] = Short.MIN_VALUE;
            if (trial % 19 == 0) s[r.nextInt(len)] = Short.MAX_VALUE;
            int thr = 1 + r.nextInt(40000);
            int[] ref = naive(s, len, thr);
            GateKernel.SCALAR.scan(s, len, thr, a);
            vector.scan(s, len, thr, b);
            assertArrayEquals(ref, a, "scalar, trial " + trial);
            assertArrayEquals(ref, b, "vector, trial " + trial);
        }
    }
}
