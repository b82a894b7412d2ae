package no.flyt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import no.flyt.embedded.Ports;
import no.flyt.embedded.testing.EmbeddedStackExtension;
import no.flyt.events.BaselinePerson;
import no.flyt.events.RegisterEvent;
import no.flyt.folkeregister.FolkeregisterSource;
import no.flyt.folkeregister.fake.FakeFolkeregister;
import no.flyt.folkeregister.fake.FeedFiles;
import no.flyt.folkeregister.fake.FeedWriter;
import no.flyt.folkeregister.fake.RegisterView;
import no.flyt.producers.io.EventFileReader;
import no.flyt.producers.io.EventSet;
import no.flyt.producers.io.ReadResult;
import no.flyt.streams.recount.BatchRecount;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthetic decade through the fake Folkeregister feed, the Kafka Connect source connector and the streams app
 * gives exactly the numbers of flyt's own files: every published cell of every region and month equals the batch
 * recount of the files as the register records them. Honest about what the register does not hold: refugee
 * settlements are IMDi's (a settlement with a move is a move in the register, one without is nothing), so the test
 * also shows that this view of the files differs from the files themselves in the settlement measures and nowhere
 * else.
 */
class FolkeregisterStatisticsIT {

    @RegisterExtension
    static EmbeddedStackExtension stack = new EmbeddedStackExtension();

    @TempDir
    static Path dir;

    @Test
    void feedThroughConnectorGivesTheNumbersOfTheFiles() throws Exception {
        Path eventSet = SyntheticRegisters.generate(dir.resolve("register"), 0.001, 11);
        FeedFiles files = new FeedFiles(eventSet.resolve(FeedFiles.SUBDIRECTORY));
        FeedWriter.write(eventSet, files.directory());
        EventSet set = EventSet.open(eventSet);
        List<BaselinePerson> baseline = read(set.baseline().orElseThrow(), BaselinePerson.class);
        List<RegisterEvent> events = read(set.events().orElseThrow(), RegisterEvent.class);
        BatchRecount ofFiles = BatchRecount.of(baseline, events);
        BatchRecount ofRegisterView = BatchRecount.of(baseline.stream().map(RegisterView::of).toList(),
            events.stream().map(RegisterView::of).flatMap(java.util.Optional::stream).toList());
        assertThat(ofRegisterView.cells()).as("the register is large enough to say something").hasSizeGreaterThan(10_000);

        Set<String> differing = new HashSet<>();
        Set<String> keys = new HashSet<>(ofFiles.cells().keySet());
        keys.addAll(ofRegisterView.cells().keySet());
        for (String key : keys) {
            if (!java.util.Objects.equals(ofFiles.cells().get(key), ofRegisterView.cells().get(key))) {
                differing.add(key);
            }
        }
        assertThat(differing).as("the register's view leaves out settlements").isNotEmpty();
        assertThat(differing).as("cells where the register's view differs from the files: the settlement measures only")
            .allMatch(k -> k.contains("REFUGEE_SETTLEMENTS") || k.contains("SETTLED_REFUGEES"));

        try (FakeFolkeregister fake = FakeFolkeregister.start(files, 0);
             PipelineRun run = PipelineRun.startWithoutReplay(stack.bootstrapServers(), stack.schemaRegistryUrl(), dir.resolve("state"))) {
            ConnectionOptions c = run.connection();
            FolkeregisterSource.Settings settings = new FolkeregisterSource.Settings(c.bootstrapServers, c.schemaRegistryUrl,
                run.topics().registerEvents().name(), run.topics().baselinePersons().name(), c.topicPrefix + "folkeregister-dead-letters",
                c.topicPrefix + "connect", "the secret of this test run", Ports.freePort(), dir.resolve("connect"));
            try (FolkeregisterSource source = FolkeregisterSource.start(fake, files, settings)) {
                fake.awaitReadToEnd(Duration.ofMinutes(5), n -> { });
                run.awaitCatchUp();
                Map<String, Long> published = awaitEqual(run, ofRegisterView.cells(), Duration.ofMinutes(2));
                assertThat(published).as("every published cell of every region and month, through the feed and the connector")
                    .isEqualTo(ofRegisterView.cells());
            }
        }
    }

    private static Map<String, Long> awaitEqual(PipelineRun run, Map<String, Long> expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> published = publishedCells(run);
        while (!published.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            published = publishedCells(run);
        }
        return published;
    }

    private static Map<String, Long> publishedCells(PipelineRun run) {
        Map<String, Long> published = new TreeMap<>();
        run.regionStatistics().forEach((key, value) -> published.putAll(BatchRecount.rowsOf(key, value)));
        return published;
    }

    private static <T extends SpecificRecord> List<T> read(Path file, Class<T> type) throws IOException {
        List<T> records = new ArrayList<>();
        try (EventFileReader<T> reader = EventFileReader.open(file, type)) {
            for (ReadResult<T> r : reader) {
                records.add(r.record());
            }
        }
        return records;
    }
}
