package no.flyt.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table `flyt bench` prints: one row per figure, ratios against the baseline measured in the same run. */
public final class ResultTable {

    /**
     * A row; {@code target} is empty for figures without one. {@code amount} is the number shown in the flyt column in
     * its unit (rec/s, ms, s, MiB), for callers that check the figures; NaN where there is none.
     */
    public record Row(String figure, String value, String baseline, String ratio, String target, String verdict, double amount) {
    }

    private final List<Row> rows = new ArrayList<>();

    void ratio(String figure, Measurement flyt, Measurement baseline, double target) {
        double ratio = flyt.recordsPerSecond() / baseline.recordsPerSecond();
        rows.add(new Row(figure, rate(flyt), rate(baseline), String.format(Locale.ROOT, "%.2f", ratio),
            String.format(Locale.ROOT, ">= %.2f", target), ratio >= target ? "ok" : "MISSED", flyt.recordsPerSecond()));
    }

    /** A ratio without a target: the baseline is a reference point, not something to reach. */
    void ratio(String figure, Measurement flyt, Measurement baseline) {
        double ratio = flyt.recordsPerSecond() / baseline.recordsPerSecond();
        rows.add(new Row(figure, rate(flyt), rate(baseline), String.format(Locale.ROOT, "%.2f", ratio), "", "", flyt.recordsPerSecond()));
    }

    /**
     * CPU time of two runs over the same records, shown per record; the ratio is baseline over flyt, so that it reads
     * like the throughput ratio (1.0: flyt costs what the baseline does).
     */
    void cpu(String figure, Measurement flyt, Measurement baseline, String scope) {
        double ratio = (double) baseline.elapsed().toNanos() / baseline.records() / ((double) flyt.elapsed().toNanos() / flyt.records());
        rows.add(new Row(figure, cpu(flyt, scope), cpu(baseline, scope), String.format(Locale.ROOT, "%.2f", ratio), "", "",
            flyt.elapsed().toNanos() / 1000.0 / flyt.records()));
    }

    void value(String figure, String value, String target, boolean ok) {
        value(figure, value, Double.NaN, target, ok);
    }

    void value(String figure, String value, double amount, String target, boolean ok) {
        rows.add(new Row(figure, value, "", "", target, target.isEmpty() ? "" : ok ? "ok" : "MISSED", amount));
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    static String rate(Measurement m) {
        return String.format(Locale.ROOT, "%,.0f rec/s (%,d in %.1f s)", m.recordsPerSecond(), m.records(), m.elapsed().toMillis() / 1000.0);
    }

    static String cpu(Measurement m, String scope) {
        return String.format(Locale.ROOT, "%,.1f µs/rec (%.1f CPU s of %s)", m.elapsed().toNanos() / 1000.0 / m.records(),
            m.elapsed().toMillis() / 1000.0, scope);
    }

    /** Markdown, so that the output can go straight into docs/BENCHMARKS.md. */
    void print(PrintWriter out) {
        String[] header = {"figure", "flyt", "baseline (same run)", "ratio", "target", ""};
        int[] width = new int[header.length];
        List<String[]> lines = new ArrayList<>();
        lines.add(header);
        for (Row r : rows) {
            lines.add(new String[] {r.figure(), r.value(), r.baseline(), r.ratio(), r.target(), r.verdict()});
        }
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        for (int l = 0; l < lines.size(); l++) {
            StringBuilder sb = new StringBuilder("|");
            for (int i = 0; i < header.length; i++) {
                sb.append(' ').append(String.format("%-" + width[i] + "s", lines.get(l)[i])).append(" |");
            }
            out.println(sb);
            if (l == 0) {
                StringBuilder rule = new StringBuilder("|");
                for (int w : width) {
                    rule.append('-').append("-".repeat(w)).append("-|");
                }
                out.println(rule);
            }
        }
    }
}
