package no.flyt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import no.flyt.embedded.testing.EmbeddedStackExtension;
import no.flyt.producers.replay.ReplayOptions;
import no.flyt.reference.Municipality;
import no.flyt.reference.MunicipalityCatalog;
import no.flyt.streams.FlytStreamsApp;
import no.flyt.streams.config.CatchUp;
import no.flyt.streams.recount.BatchRecount;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the streams app share the work: each hosts part of the regions, and each answers for every
 * region, forwarding or gathering from the other, with the same numbers as the batch recount.
 */
class TwoInstancesIT {

    @RegisterExtension
    static EmbeddedStackExtension stack = new EmbeddedStackExtension();

    @TempDir
    Path dir;

    @Test
    void eitherInstanceAnswersForEveryRegion() throws Exception {
        Path eventSet = SyntheticRegisters.generate(dir.resolve("register"), 0.0005, 5);
        BatchRecount recount = SyntheticRegisters.recount(eventSet);

        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ConnectionOptions connection = new ConnectionOptions();
        connection.bootstrapServers = stack.bootstrapServers();
        connection.schemaRegistryUrl = stack.schemaRegistryUrl();
        connection.topicPrefix = "two-" + suffix + ".";
        connection.partitions = 4;
        SetupCommand.setUp(connection, (short) 1);
        String applicationId = "flyt-two-" + suffix;
        try (FlytStreamsApp first = PipelineRun.startApp(connection, applicationId, dir.resolve("state-1"));
             FlytStreamsApp second = PipelineRun.startApp(connection, applicationId, dir.resolve("state-2"))) {
            EventSetReplayer.replay(connection, eventSet, ReplayOptions.AS_FAST_AS_POSSIBLE, new PrintWriter(Writer.nullWriter()));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers))) {
                CatchUp.await(admin, applicationId, connection.topics().streamsInputTopics(), Duration.ofMinutes(5), () -> {
                    first.ensureAlive();
                    second.ensureAlive();
                });
            }
            first.awaitRunning(Duration.ofMinutes(1));
            second.awaitRunning(Duration.ofMinutes(1));
            assertThat(first.streams().metadataForAllStreamsClients()).as("both instances host tasks").hasSize(2);

            FlowsApi one = new FlowsApi(first.api().port());
            FlowsApi two = new FlowsApi(second.api().port());
            Map<String, Long> expected = municipalityTotals(recount);
            Map<String, Long> servedByOne = new TreeMap<>();
            Map<String, Long> servedByTwo = new TreeMap<>();
            for (Municipality m : MunicipalityCatalog.bundled().current()) {
                String path = "/api/municipalities/" + m.getCode() + "/flows?from=2015-01&to=2024-12";
                collect(servedByOne, m.getCode(), one.ok(path).get("total"));
                collect(servedByTwo, m.getCode(), two.ok(path).get("total"));
            }
            assertThat(servedByOne).as("flows of all 357 municipalities from instance 1").isEqualTo(expected);
            assertThat(servedByTwo).as("the same from instance 2").isEqualTo(expected);

            String od = "/api/origin-destination/centrality-classes?from=2015-01&to=2024-12";
            assertThat(one.ok(od)).as("origin-destination gathered from both instances").isEqualTo(two.ok(od));
            assertThat(one.ok(od).get("flows").size()).isPositive();
        }
    }

    private static void collect(Map<String, Long> into, String code, JsonNode total) {
        for (String measure : List.of("domesticIn", "domesticOut", "immigrations", "emigrations")) {
            long value = total.get(measure).asLong();
            if (value != 0) {
                into.put(code + "|" + measure, value);
            }
        }
    }

    /** The recount's flows of each municipality over the whole decade, in the form {@link #collect} builds. */
    private static Map<String, Long> municipalityTotals(BatchRecount recount) {
        Map<String, Long> totals = new TreeMap<>();
        recount.flowTotals().forEach((key, value) -> {
            if (!key.startsWith("MUNICIPALITY:")) {
                return;
            }
            String code = key.substring("MUNICIPALITY:".length(), key.indexOf(':', "MUNICIPALITY:".length()));
            String measure = key.substring(key.indexOf('|') + 1);
            if (List.of("domesticIn", "domesticOut", "immigrations", "emigrations").contains(measure)) {
                totals.merge(code + "|" + measure, value, Long::sum);
            }
        });
        totals.values().removeIf(v -> v == 0);
        return totals;
    }
}
