package org.solidscope.core;

/**
 * Receives progress of long work. Pipelines report, callers display: nothing in a pipeline prints.
 * Implementations must be thread-safe; {@code done} may arrive out of order from worker threads.
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total) -> { };

    void update(long done, long total);
}
