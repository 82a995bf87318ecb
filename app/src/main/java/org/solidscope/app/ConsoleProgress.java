package org.solidscope.app;

import java.io.PrintStream;
import org.solidscope.core.Progress;

/** A progress bar on stderr for long work; silent when stderr is not a terminal. */
final class ConsoleProgress implements Progress {
    private final String label;
    private final PrintStream err;
    private final boolean enabled;
    private int lastPercent = -1;

    ConsoleProgress(String label) {
        this.label = label;
        this.err = System.err;
        this.enabled = System.console() != null && System.getenv("SOLIDSCOPE_NO_PROGRESS") == null;
    }

    @Override
    public synchronized void update(long done, long total) {
        if (!enabled || total <= 0) return;
        int pct = (int) (100 * done / total);
        if (pct <= lastPercent) return;
        lastPercent = pct;
        int bars = pct * 30 / 100;
        err.print("\r" + label + " [" + "#".repeat(bars) + " ".repeat(30 - bars) + "] " + pct + "%");
        if (pct >= 100) err.println();
        err.flush();
    }
}
