package no.flyt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;
import no.flyt.aggregates.RegionStatistics;
import no.flyt.embedded.testing.EmbeddedStackExtension;
import no.flyt.producers.replay.ReplayOptions;
import no.flyt.streams.recount.BatchRecount;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statistics the streams app publishes and serves after a real replay of a synthetic register, compared cell by
 * cell with the independent batch recount of the same files: in recording order, and shuffled with duplicates.
 */
class StatisticsReplayIT {

    @RegisterExtension
    static EmbeddedStackExtension stack = new EmbeddedStackExtension();

    @TempDir
    static Path dir;

    private static Path eventSet;
    private static BatchRecount recount;

    @BeforeAll
    static void generateAndRecount() throws java.io.IOException {
        eventSet = SyntheticRegisters.generate(dir.resolve("register"), 0.0005, 11);
        recount = SyntheticRegisters.recount(eventSet);
        assertThat(recount.cells()).as("the register is large enough to say something").hasSizeGreaterThan(10_000);
    }

    @Test
    void inRecordingOrder() throws Exception {
        assertServedEqualsRecount(ReplayOptions.AS_FAST_AS_POSSIBLE, "ordered");
    }

    @Test
    void shuffledWithDuplicates() throws Exception {
        assertServedEqualsRecount(new ReplayOptions(0, 0.1, 500, 17), "shuffled");
    }

    private void assertServedEqualsRecount(ReplayOptions options, String name) throws Exception {
        try (PipelineRun run = PipelineRun.start(stack.bootstrapServers(), stack.schemaRegistryUrl(), eventSet,
            dir.resolve("state-" + name), options)) {
            Map<String, Long> published = new TreeMap<>();
            for (Map.Entry<String, RegionStatistics> e : run.regionStatistics().entrySet()) {
                published.putAll(BatchRecount.rowsOf(e.getKey(), e.getValue()));
            }
            assertThat(published).as("every published municipality-month cell").isEqualTo(recount.cells());

            YearMonth from = YearMonth.of(2015, 1);
            YearMonth to = YearMonth.of(2024, 12);
            JsonNode od = run.api().ok("/api/origin-destination/counties?from=" + from + "&to=" + to);
            Map<String, Long> served = new TreeMap<>();
            od.get("flows").forEach(f -> served.put(f.get("origin").asText() + ">" + f.get("destination").asText(), f.get("moves").asLong()));
            assertThat(served).as("origin-destination between counties served by the API")
                .isEqualTo(recount.originDestination("COUNTY", from, to));
        }
    }
}
