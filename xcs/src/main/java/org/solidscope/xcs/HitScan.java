package org.solidscope.xcs;

/**
 * Finds the over-threshold pixels of one frame: the loop every byte of a frame file goes through. The vector form
 * compares a register of pixels at once and looks at single pixels only where one is over; it is used when the JDK's
 * vector module is present ({@code --add-modules jdk.incubator.vector}), the scalar form otherwise.
 */
interface HitScan {
    /**
     * Writes into {@code out} the pixels p in [0, px) with raw[base + p] (unsigned) above threshold[p]; returns how many.
     *
     * @param thresholdShort the same thresholds as 16-bit values with the top bit flipped (unsigned order as signed order)
     */
    int scan(short[] raw, int base, int[] threshold, short[] thresholdShort, int px, int[] out);

    HitScan SCALAR = (raw, base, threshold, thresholdShort, px, out) -> {
        int n = 0;
        for (int p = 0; p < px; p++) if ((raw[base + p] & 0xffff) > threshold[p]) out[n++] = p;
        return n;
    };

    static HitScan best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && !Boolean.getBoolean("solidscope.scalar")) {
            try {
                return (HitScan) Class.forName("org.solidscope.xcs.VectorHitScan").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return SCALAR;
            }
        }
        return SCALAR;
    }
}
