package no.flyt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import no.flyt.embedded.testing.EmbeddedStackExtension;
import no.flyt.producers.replay.ReplayOptions;
import no.flyt.serde.CachedSchemaRegistryClient;
import no.flyt.streams.config.FlytTopics;
import no.flyt.streams.recount.BatchRecount;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Reprocessing as an analyst does it with the command line: stop the streams app, {@code flyt reset}, start it again
 * (it recounts everything from the input topics, with nothing left of its old state), then {@code flyt clean}.
 */
class ReprocessingIT {

    private static final YearMonth FROM = YearMonth.of(2015, 1);
    private static final YearMonth TO = YearMonth.of(2024, 12);

    @RegisterExtension
    static EmbeddedStackExtension stack = new EmbeddedStackExtension();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void resetRecountsFromTheInputTopicsToTheSameNumbersAndCleanDeletesTheOutputs() throws Exception {
        Path eventSet = SyntheticRegisters.generate(dir.resolve("register"), 0.0002, 23);
        BatchRecount recount = SyntheticRegisters.recount(eventSet);
        Map<String, Long> expected = recount.originDestination("COUNTY", FROM, TO);
        assertThat(expected).as("enough moves to compare").hasSizeGreaterThan(20);
        Path stateDir = dir.resolve("state");

        PipelineRun first = PipelineRun.start(stack.bootstrapServers(), stack.schemaRegistryUrl(), eventSet, stateDir,
            ReplayOptions.AS_FAST_AS_POSSIBLE);
        FlytTopics topics = first.topics();
        String applicationId = first.applicationId();
        int publishedBefore;
        int keys;
        try (first) {
            assertThat(countyOriginDestination(first)).isEqualTo(expected);
            publishedBefore = first.recordCount(topics.regionStatistics());
            keys = first.regionStatistics().size();
        }
        assertThat(internalTopics(applicationId)).as("changelog and repartition topics while the app exists").isNotEmpty();

        assertThat(flyt("reset", first.connectionArguments(), stateDir)).as("reset exit code; stderr:%n%s", err).isZero();
        assertThat(out.toString()).contains("Reset " + applicationId);
        assertThat(internalTopics(applicationId)).as("internal topics after reset").isEmpty();
        assertThat(stateDir.resolve(applicationId)).as("local state after reset").doesNotExist();

        try (PipelineRun again = first.restart(stateDir, null)) {
            again.awaitCatchUp();
            assertThat(countyOriginDestination(again)).as("served after recounting from the input topics").isEqualTo(expected);
            assertThat(again.recordCount(topics.regionStatistics())).as("every statistics key published again")
                .isGreaterThanOrEqualTo(publishedBefore + keys);
        }

        List<String> outputs = List.of(topics.regionStatistics().name(), topics.yearlyRegionStatistics().name(),
            topics.regionFlows().name(), topics.deadLetters().name());
        assertThat(existingTopics()).containsAll(outputs);
        assertThat(flyt("clean", first.connectionArguments(), stateDir)).as("clean exit code; stderr:%n%s", err).isZero();
        Set<String> left = existingTopics();
        assertThat(left).as("topics after clean").doesNotContainAnyElementsOf(outputs)
            .contains(topics.registerEvents().name(), topics.baselinePersons().name(), topics.municipalities().name());
        assertThat(internalTopics(applicationId)).isEmpty();
        List<String> subjects = new CachedSchemaRegistryClient(stack.schemaRegistryUrl()).subjects();
        assertThat(subjects).as("schema subjects after clean")
            .doesNotContain(topics.regionStatistics().name() + "-value", topics.yearlyRegionStatistics().name() + "-value")
            .contains(topics.registerEvents().name() + "-value");
    }

    private static Map<String, Long> countyOriginDestination(PipelineRun run) {
        JsonNode od = run.api().ok("/api/origin-destination/counties?from=" + FROM + "&to=" + TO);
        Map<String, Long> served = new TreeMap<>();
        od.get("flows").forEach(f -> served.put(f.get("origin").asText() + ">" + f.get("destination").asText(), f.get("moves").asLong()));
        return served;
    }

    private int flyt(String command, List<String> connection, Path stateDir) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(connection);
        args.addAll(List.of("--state-dir", stateDir.toString()));
        CommandLine cli = FlytCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args.toArray(String[]::new));
    }

    private static Set<String> existingTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> internalTopics(String applicationId) throws Exception {
        return existingTopics().stream().filter(t -> t.startsWith(applicationId + "-")).toList();
    }
}
