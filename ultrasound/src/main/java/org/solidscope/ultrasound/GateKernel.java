package org.solidscope.ultrasound;

/**
 * The inner loop of gating one int16 trace: maximum, minimum, index of the first sample at the
 * peak |a|, index of the first sample with |a| ≥ threshold (−1 if none). A fast path on the Java
 * Vector API when the {@code jdk.incubator.vector} module is present (the launcher adds it), and a
 * scalar fallback that gives identical results.
 */
interface GateKernel {
    /** Writes {max, min, peakIndex, crossIndex} into {@code out}. */
    void scan(short[] s, int len, int threshold, int[] out);

    GateKernel SCALAR = (s, len, threshold, out) -> {
        int max = Short.MIN_VALUE, min = Short.MAX_VALUE;
        for (int i = 0; i < len; i++) {
            int v = s[i];
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        out[0] = max;
        out[1] = min;
        out[2] = firstEqual(s, 0, len, peakValue(max, min, true), peakValue(max, min, false));
        out[3] = Math.max(max, -min) >= threshold ? firstBeyond(s, 0, len, threshold) : -1;
    };

    /** The sample values where |a| peaks: max, min, or both when max = −min (then the first of either counts). */
    static int peakValue(int max, int min, boolean first) {
        if (max > -min) return max;
        if (max < -min) return min;
        return first ? max : min;
    }

    /** First i ≥ from with s[i] == a or s[i] == b (the caller knows one exists). */
    static int firstEqual(short[] s, int from, int len, int a, int b) {
        int i = from;
        while (i < len && s[i] != a && s[i] != b) i++;
        return i;
    }

    /** First i ≥ from with |s[i]| ≥ threshold, or len. */
    static int firstBeyond(short[] s, int from, int len, int threshold) {
        int i = from;
        while (i < len && s[i] < threshold && s[i] > -threshold) i++;
        return i;
    }

    /** The fastest kernel this JVM offers. */
    static GateKernel best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (GateKernel) Class.forName("org.solidscope.ultrasound.VectorGateKernel").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return SCALAR;
            }
        }
        return SCALAR;
    }
}
