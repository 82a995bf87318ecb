package org.solidscope.core;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** Splits index ranges over all cores (the common fork-join pool). */
public final class Parallel {
    private Parallel() {}

    /** Runs {@code body} for every index in [0, n) in parallel, reporting progress per index. */
    public static void forEach(int n, IntConsumer body, Progress progress) {
        AtomicLong done = new AtomicLong();
        IntStream.range(0, n).parallel().forEach(i -> {
            body.accept(i);
            progress.update(done.incrementAndGet(), n);
        });
    }
}
