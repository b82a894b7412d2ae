package no.flyt.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongConsumer;

/** Shows how far the streams app is behind its input while it absorbs a replay: redrawn on a console, else every 5 s. */
final class LagProgress implements LongConsumer {

    private final PrintWriter out;
    private final boolean console = System.console() != null;
    private final long startNanos = System.nanoTime();
    private long lastLineNanos;
    private long firstLag = -1;
    private boolean reportedDone;

    LagProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(long lag) {
        long now = System.nanoTime();
        if (firstLag < 0) {
            firstLag = lag;
        }
        boolean done = lag == 0;
        if (done && reportedDone || !console && !done && now - lastLineNanos < 5_000_000_000L) {
            return;
        }
        reportedDone = done;
        lastLineNanos = now;
        double seconds = (now - startNanos) / 1e9;
        String line = String.format(Locale.ROOT, "absorbing: %,d records behind (%,.0f records/s)", lag,
            seconds > 0 ? (firstLag - lag) / seconds : 0.0);
        out.print(console ? "\r" + line + (done ? System.lineSeparator() : "") : line + System.lineSeparator());
        out.flush();
    }
}
