package no.flyt.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import no.flyt.producers.replay.ReplayOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Produces an event set or an event file to flyt's input topics. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Replay an event set or an event file to flyt's topics.",
        "An event set is a directory with baseline.{avro|jsonl} and events.{avro|jsonl}, and optionally the employment",
        "register employment.{avro|jsonl}, replayed with the events in order of recording time. The producer is idempotent.",
        "Unreadable lines are reported with their line number, sent to the dead-letter topic, and the replay goes on."})
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "PATH", description = "Event set directory, or a single events file (.avro, .jsonl, .jsonl.gz); a file named employment.* goes to the employment topic.")
    Path input;

    @Option(names = "--speed-up", defaultValue = "0",
        description = "0 = as fast as possible (default); N = event time runs N times faster than the clock (86400 = a day per second).")
    double speedUp;

    @Option(names = "--duplicates", defaultValue = "0", description = "Share of records to send twice, e.g. 0.05 (for testing exactness).")
    double duplicates;

    @Option(names = "--shuffle-window", defaultValue = "0", description = "Shuffle records within windows of N (for testing order independence).")
    int shuffleWindow;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for --duplicates and --shuffle-window (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        EventSetReplayer.Summary summary = EventSetReplayer.replay(connection, input,
            new ReplayOptions(speedUp, duplicates, shuffleWindow, seed), spec.commandLine().getErr());
        if (summary.baseline() != null) {
            spec.commandLine().getOut().printf("baseline: %,d records sent, %,d unreadable%n", summary.baseline().sent(), summary.baseline().bad());
        }
        if (summary.events() != null) {
            spec.commandLine().getOut().printf("events:     %,d records sent (%,d duplicates injected), %,d unreadable, %,.0f records/s%n",
                summary.events().sent(), summary.events().duplicates(), summary.events().bad(), summary.events().recordsPerSecond());
        }
        if (summary.employment() != null) {
            spec.commandLine().getOut().printf("employment: %,d records sent (%,d duplicates injected), %,d unreadable%n",
                summary.employment().sent(), summary.employment().duplicates(), summary.employment().bad());
        }
        return 0;
    }
}
