package org.solidscope.core;

import java.util.Locale;

/**
 * Checks, before allocating, that what a file describes fits in the heap this JVM may still use, so
 * that a shape in a header or sidecar (honest or crafted) ends in a clear refusal naming the figure
 * instead of an {@link OutOfMemoryError}.
 */
public final class MemoryBudget {
    private MemoryBudget() {}

    /** Bytes the heap can still grow to hold: the maximum less what is in use now. */
    public static long availableBytes() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * Throws {@link InputException} unless {@code bytes} (what {@code what} needs in memory) fits in
     * the heap still available. The message gives both figures and how to raise the limit.
     */
    public static void require(String source, String field, String what, long bytes) {
        if (bytes < 0) throw new InputException(source, field, what + " of a representable size", "more than 2^63 bytes");
        long available = availableBytes();
        if (bytes > available) {
            throw new InputException(source, field, String.format(Locale.ROOT,
                    "%s that fits in the %s this process may still use (maximum heap %s; raise it with SOLIDSCOPE_JAVA_OPTS=-Xmx…, "
                            + "or crop the input)", what, human(available), human(Runtime.getRuntime().maxMemory())),
                    "needs " + human(bytes));
        }
    }

    /** {@code a·b·c·…} or -1 when the product overflows a long: for sizes read from a file. */
    public static long product(long... factors) {
        long p = 1;
        for (long f : factors) {
            if (f < 0) return -1;
            try {
                p = Math.multiplyExact(p, f);
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return p;
    }

    public static String human(long bytes) {
        if (bytes < 0) return "more than 8 EiB";
        if (bytes < 1L << 20) return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        if (bytes < 1L << 30) return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        if (bytes < 1L << 40) return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        return String.format(Locale.ROOT, "%.1f TiB", bytes / (double) (1L << 40));
    }
}
