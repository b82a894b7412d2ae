package no.flyt.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongConsumer;

/** Shows how far the streams app is behind its input while it absorbs a replay. */
final class LagProgress implements LongConsumer {

    private final ProgressLine line;
    private final long startNanos = System.nanoTime();
    private long firstLag = -1;

    LagProgress(PrintWriter out) {
        this.line = new ProgressLine(out);
    }

    @Override
    public void accept(long lag) {
        if (firstLag < 0) {
            firstLag = lag;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        line.show(String.format(Locale.ROOT, "absorbing: %,d records behind (%,.0f records/s)", lag,
            seconds > 0 ? (firstLag - lag) / seconds : 0.0), lag == 0);
    }
}
