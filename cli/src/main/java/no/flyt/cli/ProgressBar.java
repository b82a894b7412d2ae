package no.flyt.cli;

import java.io.PrintWriter;
import java.util.Locale;
import no.flyt.producers.replay.ReplayProgress;

/** Renders replay progress: records sent and acknowledged, rate, and unreadable input. */
final class ProgressBar implements ReplayProgress {

    private final ProgressLine line;
    private final String label;
    private final long startNanos = System.nanoTime();

    ProgressBar(PrintWriter out, String label) {
        this.line = new ProgressLine(out);
        this.label = label;
    }

    @Override
    public void report(long sent, long acknowledged, long bad, long total, boolean done) {
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        StringBuilder text = new StringBuilder(label).append(' ');
        if (total > 0) {
            text.append(ProgressLine.bar((double) sent / total))
                .append(String.format(Locale.ROOT, " %3d%% ", Math.min(100, 100 * sent / total)));
        }
        text.append(String.format(Locale.ROOT, "%,d", sent));
        if (total > 0) {
            text.append(String.format(Locale.ROOT, "/%,d", total));
        }
        text.append(String.format(Locale.ROOT, " sent, %,d acknowledged, %,.0f/s", acknowledged, sent / seconds));
        if (bad > 0) {
            text.append(String.format(Locale.ROOT, ", %,d unreadable (dead-letter topic)", bad));
        }
        line.show(text.toString(), done);
    }
}
