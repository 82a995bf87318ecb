package org.solidscope.spark;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Progress of a fleet job on the console: one line per Spark stage, named by the step the job is in
 * ("re-analyse measurements", "stage comparisons", …), redrawn as its tasks finish, with failed tasks counted.
 */
public final class StageProgress extends SparkListener {
    private final PrintStream out;
    private volatile String step = "";
    private volatile int tasks;
    private final AtomicInteger done = new AtomicInteger(), failed = new AtomicInteger();
    private volatile long lastDrawNanos;

    public StageProgress(PrintStream out) {
        this.out = out;
    }

    /** Names the stages that follow. */
    public void step(String name) {
        step = name;
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted e) {
        tasks = e.stageInfo().numTasks();
        done.set(0);
        failed.set(0);
        draw(true);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        if (e.taskInfo().successful()) done.incrementAndGet(); else failed.incrementAndGet();
        draw(false);
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted e) {
        draw(true);
        synchronized (out) {
            out.println();
        }
    }

    private void draw(boolean always) {
        long now = System.nanoTime();
        if (!always && now - lastDrawNanos < 200_000_000L) return;
        lastDrawNanos = now;
        int n = Math.max(tasks, 1), d = Math.min(done.get(), n);
        int width = 30, filled = width * d / n;
        String bar = "#".repeat(filled) + "-".repeat(width - filled);
        String f = failed.get() > 0 ? ", " + failed.get() + " failed and retried" : "";
        synchronized (out) {
            out.printf("\r%-26s [%s] %d/%d tasks%s", step, bar, d, tasks, f);
            out.flush();
        }
    }
}
