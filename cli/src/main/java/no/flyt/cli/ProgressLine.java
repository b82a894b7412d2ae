package no.flyt.cli;

import java.io.PrintWriter;

/**
 * One line of progress for a long job: redrawn in place on a console, printed every few seconds otherwise (logs and
 * CI output stay readable). Shared by the replay, the generator and the catch-up wait.
 */
final class ProgressLine {

    private static final long LOG_INTERVAL_NANOS = 5_000_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintWriter out;
    private final boolean console = System.console() != null;
    private long lastLineNanos;
    private boolean shownDone;

    ProgressLine(PrintWriter out) {
        this.out = out;
    }

    /** Shows {@code text} if it is time to (always for the final line, once). */
    void show(String text, boolean done) {
        long now = System.nanoTime();
        if (done && shownDone || !console && !done && now - lastLineNanos < LOG_INTERVAL_NANOS) {
            return;
        }
        lastLineNanos = now;
        shownDone = done;
        out.print(console ? "\r" + text + (done ? System.lineSeparator() : "") : text + System.lineSeparator());
        out.flush();
    }

    /** A bar of {@code fraction} (0..1), e.g. {@code [#########                     ]}. */
    static String bar(double fraction) {
        int filled = (int) Math.round(BAR_WIDTH * Math.max(0, Math.min(1, fraction)));
        return "[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "]";
    }
}
