package org.solidscope.xcs;

import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link HitScan} a register of pixels at a time: an unsigned compare (thresholds given with the top bit flipped), and a scalar look only where a lane is over. */
final class VectorHitScan implements HitScan {
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_PREFERRED;
    /** Unsigned order as signed order: flip the top bit (the unsigned compare operators are named differently across JDKs). */
    private static final short SIGN = (short) 0x8000;

    @Override
    public int scan(short[] raw, int base, int[] threshold, short[] thresholdShort, int px, int[] out) {
        int n = 0, p = 0, len = S.length();
        for (int bound = S.loopBound(px); p < bound; p += len) {
            VectorMask<Short> over = ShortVector.fromArray(S, raw, base + p).lanewise(VectorOperators.XOR, SIGN).compare(VectorOperators.GT, ShortVector.fromArray(S, thresholdShort, p));
            if (over.anyTrue()) {
                long bits = over.toLong();
                while (bits != 0) {
                    out[n++] = p + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                }
            }
        }
        for (; p < px; p++) if ((raw[base + p] & 0xffff) > threshold[p]) out[n++] = p;
        return n;
    }
}
