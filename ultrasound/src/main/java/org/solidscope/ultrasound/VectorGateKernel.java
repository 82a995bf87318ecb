package org.solidscope.ultrasound;

import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link GateKernel} on the Vector API: lane-wise max/min, then masked searches, then a scalar tail. */
final class VectorGateKernel implements GateKernel {
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_PREFERRED;

    @Override
    public void scan(short[] s, int len, int threshold, int[] out) {
        int up = S.loopBound(len);
        ShortVector mx = ShortVector.broadcast(S, Short.MIN_VALUE), mn = ShortVector.broadcast(S, Short.MAX_VALUE);
        for (int i = 0; i < up; i += S.length()) {
            ShortVector v = ShortVector.fromArray(S, s, i);
            mx = mx.max(v);
            mn = mn.min(v);
        }
        int max = mx.reduceLanes(VectorOperators.MAX), min = mn.reduceLanes(VectorOperators.MIN);
        for (int i = up; i < len; i++) {
            max = Math.max(max, s[i]);
            min = Math.min(min, s[i]);
        }
        out[0] = max;
        out[1] = min;
        out[2] = firstEqual(s, up, len, (short) GateKernel.peakValue(max, min, true), (short) GateKernel.peakValue(max, min, false));
        out[3] = Math.max(max, -min) >= threshold ? firstBeyond(s, up, len, threshold) : -1;
    }

    private static int firstEqual(short[] s, int up, int len, short a, short b) {
        for (int i = 0; i < up; i += S.length()) {
            ShortVector v = ShortVector.fromArray(S, s, i);
            VectorMask<Short> m = v.compare(VectorOperators.EQ, a).or(v.compare(VectorOperators.EQ, b));
            if (m.anyTrue()) return i + m.firstTrue();
        }
        return GateKernel.firstEqual(s, up, len, a, b);
    }

    private static int firstBeyond(short[] s, int up, int len, int threshold) {
        if (threshold > Short.MAX_VALUE) return GateKernel.firstBeyond(s, 0, len, threshold);
        short hi = (short) threshold, lo = (short) Math.max(Short.MIN_VALUE, -threshold);
        for (int i = 0; i < up; i += S.length()) {
            ShortVector v = ShortVector.fromArray(S, s, i);
            VectorMask<Short> m = v.compare(VectorOperators.GE, hi).or(v.compare(VectorOperators.LE, lo));
            if (m.anyTrue()) return i + m.firstTrue();
        }
        return GateKernel.firstBeyond(s, up, len, threshold);
    }
}
