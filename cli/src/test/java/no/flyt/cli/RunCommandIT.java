package no.flyt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import no.flyt.embedded.Ports;
import no.flyt.reference.MunicipalityCatalog;
import no.flyt.streams.config.FlytTopics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code flyt run} as a user runs it: the real command line, the embedded stack, the bundled sample. */
class RunCommandIT {

    private static final List<String> PORT_OPTIONS = List.of("--broker-port", "--controller-port", "--registry-port", "--api-port");

    @TempDir
    Path dataDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void runReplaysTheEdgeCaseSampleSaysWhereToLookAndStopsEverythingWhenAsked() throws IOException {
        int[] ports = Ports.freePorts(4);
        Set<ProcessHandle> before = aliveDescendants();
        Path edgeCases = EdgeCaseSample.extractTo(dataDir.resolve("edge-cases"));
        RegisterRecount recount = RegisterRecount.of(edgeCases.resolve("events.jsonl"), MunicipalityCatalog.bundled());

        int exitCode = execute(withPorts(ports, "run", "--fresh", "--data-dir", dataDir.toString(), "--events", edgeCases.toString(),
            "--exit-after-replay"));

        String printed = out.toString();
        assertThat(exitCode).as("exit code; stderr:%n%s", err).isZero();
        assertThat(printed)
            .contains("Kafka bootstrap servers  127.0.0.1:" + ports[0])
            .contains("Schema Registry          http://127.0.0.1:" + ports[2] + "/")
            .contains("Query API                http://127.0.0.1:" + ports[3] + "/api")
            .contains("http://127.0.0.1:" + ports[3] + "/api/health")
            .contains("http://127.0.0.1:" + ports[3] + "/api/norway/refugee-retention?at=2021-12")
            .contains("Replaying " + edgeCases + " as fast as possible")
            .contains("All events absorbed; rejected to the dead-letter topic " + FlytTopics.DEAD_LETTERS + ": "
                + recount.rejections().size() + ".");
        assertThat(printed).containsPattern("Topics ready, \\d+ municipality codes published.");
        assertThat(err.toString()).as("replay progress").contains(recount.malformedLines().size() + " unreadable (dead-letter topic)");
        await("the broker and registry processes to be gone").atMost(Duration.ofMinutes(1))
            .untilAsserted(() -> assertThat(aliveDescendants()).isSubsetOf(before));
    }

    @Test
    void runWithoutEventsGeneratesTheSyntheticSampleAndServesItsNumbers() throws Exception {
        int[] ports = Ports.freePorts(4);

        int exitCode = execute(withPorts(ports, "run", "--fresh", "--data-dir", dataDir.toString(), "--scale", "0.001",
            "--exit-after-replay"));

        assertThat(exitCode).as("exit code; stderr:%n%s", err).isZero();
        Path sample = dataDir.toAbsolutePath().resolve("sample-scale-0.001-seed-42");
        assertThat(out.toString())
            .contains("Generating the synthetic register at scale 0.001 (seed 42) into " + sample)
            .contains("Replaying " + sample + " as fast as possible")
            .contains("All events absorbed");
        // deaths read before their person's baseline record are dead-lettered and held; those counted later are told
        java.util.regex.Matcher rejected = java.util.regex.Pattern.compile("dead-letter topic \\S+: (\\d+)\\.").matcher(out.toString());
        assertThat(rejected.find()).isTrue();
        java.util.regex.Matcher released = java.util.regex.Pattern.compile("  (\\d+) of them: deaths read before").matcher(out.toString());
        if (released.find()) {
            assertThat(Long.parseLong(released.group(1))).isPositive().isLessThanOrEqualTo(Long.parseLong(rejected.group(1)));
        }
        assertThat(sample.resolve("events.avro")).exists();
        assertThat(sample.resolve("baseline.avro")).exists();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--broker-port", "--controller-port", "--registry-port", "--api-port"})
    void aTakenPortMakesRunFailBeforeStartingAnything(String option) throws IOException {
        int[] ports = Ports.freePorts(4);
        int taken = ports[PORT_OPTIONS.indexOf(option)];
        Set<ProcessHandle> before = aliveDescendants();

        int exitCode;
        try (ServerSocket occupant = new ServerSocket(taken, 1, InetAddress.getByName("127.0.0.1"))) {
            exitCode = execute(withPorts(ports, "run", "--data-dir", dataDir.toString(), "--exit-after-replay"));
        }

        assertThat(exitCode).isNotZero();
        assertThat(err.toString())
            .contains("port " + taken)
            .contains("already in use")
            .contains(option);
        assertThat(out.toString()).doesNotContain("Starting");
        assertThat(aliveDescendants()).isSubsetOf(before);
    }

    private int execute(String... args) {
        CommandLine cli = FlytCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static String[] withPorts(int[] ports, String... args) {
        String[] all = new String[args.length + 2 * PORT_OPTIONS.size()];
        System.arraycopy(args, 0, all, 0, args.length);
        for (int i = 0; i < PORT_OPTIONS.size(); i++) {
            all[args.length + 2 * i] = PORT_OPTIONS.get(i);
            all[args.length + 2 * i + 1] = String.valueOf(ports[i]);
        }
        return all;
    }

    private static Set<ProcessHandle> aliveDescendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).collect(Collectors.toSet());
    }
}
