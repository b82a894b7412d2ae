package no.flyt.cli;

import java.io.PrintWriter;
import java.util.Locale;
import no.flyt.producers.replay.ReplayProgress;

/** Renders replay progress on the terminal: a redrawn bar on a console, one line every few seconds otherwise. */
final class ProgressBar implements ReplayProgress {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final String label;
    private final boolean console;
    private final long startNanos = System.nanoTime();
    private long lastLineNanos;

    ProgressBar(PrintWriter out, String label) {
        this.out = out;
        this.label = label;
        this.console = System.console() != null;
    }

    @Override
    public void report(long sent, long acknowledged, long bad, long total, boolean done) {
        long now = System.nanoTime();
        if (!console && !done && now - lastLineNanos < 5_000_000_000L) {
            return;
        }
        lastLineNanos = now;
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        StringBuilder line = new StringBuilder(label).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * sent / total);
            line.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ")
                .append(String.format(Locale.ROOT, "%3d%% ", Math.min(100, 100 * sent / total)));
        }
        line.append(String.format(Locale.ROOT, "%,d", sent));
        if (total > 0) {
            line.append(String.format(Locale.ROOT, "/%,d", total));
        }
        line.append(String.format(Locale.ROOT, " sent, %,d acknowledged, %,.0f/s", acknowledged, sent / seconds));
        if (bad > 0) {
            line.append(String.format(Locale.ROOT, ", %,d unreadable (dead-letter topic)", bad));
        }
        if (console) {
            out.print("\r" + line + (done ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }
}
