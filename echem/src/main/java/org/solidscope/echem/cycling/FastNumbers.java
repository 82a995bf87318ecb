package org.solidscope.echem.cycling;

/**
 * Decimal numbers parsed straight from bytes, for files of millions of rows. Exact: a number of at most 15
 * significant digits with a power of ten within ±22 is one correctly rounded multiplication or division of two
 * exactly representable doubles (Clinger's fast path); anything else goes to {@link Double#parseDouble}.
 */
final class FastNumbers {
    private FastNumbers() {}

    private static final double[] POW10 = new double[23];
    private static final long[] POW10L = new long[9];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) { POW10[i] = p; p *= 10; }
        long q = 1;
        for (int i = 0; i < POW10L.length; i++) { POW10L[i] = q; q *= 10; }
    }

    private static final long ZEROS = 0x3030303030303030L;

    /** The value of eight digits already less '0', the first in the lowest byte (leading zero bytes are leading zeros). */
    private static long eight(long d) {
        d = d * 10 + (d >>> 8); // pairs: each even byte holds two digits
        return ((d & 0x000000FF000000FFL) * (100 + (1000000L << 32)) + ((d >>> 16) & 0x000000FF000000FFL) * (1 + (10000L << 32))) >>> 32;
    }

    /**
     * The number in the field starting at {@code from}, read in the same pass that finds its end: the end (the index of
     * the separator, line feed, carriage return or {@code to} after it) goes to {@code end[0]}. Plain decimals take the
     * fast path; anything else (exponents, quotes, spaces, text) runs to the next separator and goes to {@link #general}.
     */
    static double field(byte[] b, int from, int to, byte sep, int[] end) {
        int i = from;
        boolean neg = i < to && b[i] == '-';
        if (neg) i++;
        long m = 0;
        int frac = -1, digits = 0;
        while (i < to) {
            int k;
            if (i + 8 <= to) {
                // eight bytes at once: how many digits lead, and their value (SWAR; the first byte is the lowest)
                long d = (long) LONGS.get(b, i) - ZEROS;
                long notDigit = ((d + 0x7676767676767676L) | d) & HIGHS;
                k = Long.numberOfTrailingZeros(notDigit) >>> 3;
                if (k > 0) {
                    m = m * POW10L[k] + eight(d << (8 * (8 - k)));
                    digits += k;
                    if (frac >= 0) frac += k;
                    i += k;
                }
                if (k == 8) continue;
            } else {
                int d = b[i] - '0';
                if (d >= 0 && d <= 9) {
                    m = m * 10 + d;
                    digits++;
                    if (frac >= 0) frac++;
                    i++;
                    continue;
                }
            }
            if (i < to && b[i] == '.' && frac < 0) {
                frac = 0;
                i++;
                continue;
            }
            break;
        }
        if (i == to || b[i] == sep || b[i] == '\n' || b[i] == '\r') {
            end[0] = i;
            if (digits == 0 || digits > 19) return general(b, from, i);
            if (digits > 15 || frac > 22) { // 16 to 19 digits (float64 as Arbin writes it): m is exact as an unsigned 64-bit integer
                double v = m == 0 ? 0 : eiselLemire(m, -Math.max(frac, 0));
                if (v != v) return general(b, from, i);
                return neg ? -v : v;
            }
            double v = frac > 0 ? m / POW10[frac] : m;
            return neg ? -v : v;
        }
        int j = i;
        while (j < to && b[j] != sep && b[j] != '\n') j++;
        end[0] = j;
        return general(b, from, j);
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L, HIGHS = 0x8080808080808080L, LF = ONES * '\n';

    /**
     * The index of the first separator or line feed at or after {@code from} ({@code to} if none), eight bytes at a time:
     * a byte equal to the one sought is a zero byte of x ^ (byte × 0x0101…), and (y − 0x0101…) &amp; ~y &amp; 0x8080… marks the
     * lowest zero byte of y exactly (borrows only spoil the bytes above it).
     */
    static int skip(byte[] b, int from, int to, byte sep) {
        long s = ONES * (sep & 0xff);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i), a = x ^ s, n = x ^ LF;
            long hit = ((a - ONES) & ~a | (n - ONES) & ~n) & HIGHS;
            if (hit != 0) return i + (Long.numberOfTrailingZeros(hit) >>> 3);
        }
        while (i < to && b[i] != sep && b[i] != '\n') i++;
        return i;
    }

    /** The index of the first line feed at or after {@code from} ({@code to} if none), eight bytes at a time. */
    static int lineEnd(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long n = (long) LONGS.get(b, i) ^ LF;
            long hit = (n - ONES) & ~n & HIGHS;
            if (hit != 0) return i + (Long.numberOfTrailingZeros(hit) >>> 3);
        }
        while (i < to && b[i] != '\n') i++;
        return i;
    }

    static double general(byte[] b, int from, int to) {
        while (from < to && (b[from] == ' ' || b[from] == '"')) from++;
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '"' || b[to - 1] == '\r')) to--;
        if (from >= to) return Double.NaN;
        int i = from;
        boolean neg = false;
        if (b[i] == '-' || b[i] == '+') { neg = b[i] == '-'; i++; }
        long mant = 0;
        int digits = 0, exp = 0;
        boolean any = false;
        for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
            any = true;
            if (mant != 0 || b[i] != '0') { mant = mant * 10 + (b[i] - '0'); digits++; }
            if (digits > 19) return slow(b, from, to);
        }
        if (i < to && b[i] == '.') {
            i++;
            for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
                any = true;
                if (mant != 0 || b[i] != '0') { mant = mant * 10 + (b[i] - '0'); digits++; }
                if (digits > 19) return slow(b, from, to); // 19 digits fit an unsigned 64-bit integer
                exp--;
            }
        }
        if (!any) return slow(b, from, to);
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean eneg = false;
            if (i < to && (b[i] == '-' || b[i] == '+')) { eneg = b[i] == '-'; i++; }
            int e = 0, ed = 0;
            for (; i < to && b[i] >= '0' && b[i] <= '9'; i++, ed++) {
                e = e * 10 + (b[i] - '0');
                if (e > 100_000) return slow(b, from, to);
            }
            if (ed == 0) return slow(b, from, to);
            exp += eneg ? -e : e;
        }
        if (i != to) return slow(b, from, to);
        if (mant == 0) return neg ? -0.0 : 0.0;
        if (digits > 15 || exp < -22 || exp > 22) {
            double v = eiselLemire(mant, exp);
            if (v != v) return slow(b, from, to);
            return neg ? -v : v;
        }
        double v = mant;
        v = exp < 0 ? v / POW10[-exp] : v * POW10[exp];
        return neg ? -v : v;
    }

    // 128-bit approximations of 5^q for q in [-342, 308], most significant bit set: high and low words
    private static final int Q_MIN = -342, Q_MAX = 308;
    private static final long[] POW5_HI = new long[Q_MAX - Q_MIN + 1], POW5_LO = new long[Q_MAX - Q_MIN + 1];

    static {
        java.math.BigInteger two128 = java.math.BigInteger.ONE.shiftLeft(128), two127 = java.math.BigInteger.ONE.shiftLeft(127);
        for (int q = Q_MIN; q <= Q_MAX; q++) {
            java.math.BigInteger c;
            if (q >= 0) { // 5^q moved up to 128 bits and truncated
                c = java.math.BigInteger.valueOf(5).pow(q);
                int shift = 128 - c.bitLength();
                c = shift >= 0 ? c.shiftLeft(shift) : c.shiftRight(-shift);
            } else { // 2^b / 5^-q rounded up, with b giving 128 significant bits (twice that below 5^-27, then truncated)
                java.math.BigInteger p5 = java.math.BigInteger.valueOf(5).pow(-q);
                int z = p5.subtract(java.math.BigInteger.ONE).bitLength(); // the least z with 2^z ≥ 5^-q
                int bb = q >= -27 ? z + 127 : 2 * z + 128;
                c = java.math.BigInteger.ONE.shiftLeft(bb).divide(p5).add(java.math.BigInteger.ONE);
                while (c.compareTo(two128) >= 0) c = c.shiftRight(1);
            }
            if (c.compareTo(two127) < 0 || c.compareTo(two128) >= 0) throw new IllegalStateException("power of five " + q);
            POW5_HI[q - Q_MIN] = c.shiftRight(64).longValue();
            POW5_LO[q - Q_MIN] = c.longValue();
        }
    }

    /**
     * w · 10^q correctly rounded to a double, for w of at most 19 digits (an unsigned 64-bit integer, not 0), by the Eisel–Lemire
     * algorithm (Lemire, "Number parsing at a gigabyte per second", Software: Practice and Experience 51, 2021): the product
     * of w with a 128-bit approximation of 5^q gives the 53 significant bits and whether they are exact; NaN where it
     * cannot tell (a subnormal, an overflow, a product that may lie on a rounding edge), for the caller's slow path.
     */
    static double eiselLemire(long w, int q) {
        if (q < Q_MIN || q > Q_MAX) return Double.NaN;
        int lz = Long.numberOfLeadingZeros(w);
        w <<= lz;
        int k = q - Q_MIN;
        long hi = Math.unsignedMultiplyHigh(w, POW5_HI[k]), lo = w * POW5_HI[k];
        if ((hi & 0x1FF) == 0x1FF) { // the truncation of 5^q may matter: add the second word's product
            long hi2 = Math.unsignedMultiplyHigh(w, POW5_LO[k]);
            long sum = lo + hi2;
            if (Long.compareUnsigned(sum, lo) < 0) hi++;
            lo = sum;
            if ((hi & 0x1FF) == 0x1FF && lo == -1L && (q < -27 || q > 55)) return Double.NaN;
        }
        int upper = (int) (hi >>> 63);
        int shift = upper + 9;
        long mantissa = hi >>> shift;
        int power2 = (int) (((152170L + 65536L) * q) >> 16) + 63 + upper - lz + 1023;
        if (power2 <= 0) return Double.NaN; // subnormal
        // halfway between two doubles only when nothing but zeros was dropped and 5^q is exact (q in −4 … 23)
        if (Long.compareUnsigned(lo, 1) <= 0 && q >= -4 && q <= 23 && (mantissa & 3) == 1 && (mantissa << shift) == hi) mantissa &= ~1L;
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (mantissa >= 1L << 53) {
            mantissa = 1L << 52;
            power2++;
        }
        mantissa &= ~(1L << 52);
        if (power2 >= 0x7FF) return Double.NaN; // infinite
        return Double.longBitsToDouble(mantissa | (long) power2 << 52);
    }

    private static double slow(byte[] b, int from, int to) {
        try {
            return Double.parseDouble(new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1).strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * A duration written as a clock, {@code h:mm:ss[.fff]} (hours may exceed 24; Neware writes its times so) or with days
     * first, {@code Nd hh:mm:ss[.fff]} (Maccor's), in seconds; NaN when the text is not one.
     */
    static double clock(byte[] b, int from, int to) {
        String s = new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1).strip().replace("\"", "");
        double days = 0;
        int d = s.indexOf('d');
        if (d > 0 && d + 1 < s.length() && s.charAt(d + 1) == ' ') {
            try {
                days = Long.parseLong(s.substring(0, d));
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
            if (days < 0) return Double.NaN;
            s = s.substring(d + 1).strip();
        }
        String[] p = s.split(":");
        if (p.length != 3) return Double.NaN;
        try {
            long h = Long.parseLong(p[0]), m = Long.parseLong(p[1]);
            double sec = Double.parseDouble(p[2]);
            if (h < 0 || m < 0 || m >= 60 || !(sec >= 0 && sec < 60)) return Double.NaN;
            return days * 86400 + h * 3600.0 + m * 60.0 + sec;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
