package no.flyt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import no.flyt.embedded.BrokerSettings;
import no.flyt.embedded.Directories;
import no.flyt.embedded.EmbeddedSchemaRegistry;
import no.flyt.embedded.EmbeddedStack;
import no.flyt.embedded.Ports;
import no.flyt.embedded.RegistrySettings;
import no.flyt.producers.replay.ReplayOptions;
import no.flyt.streams.FlytStreamsApp;
import no.flyt.streams.config.CatchUp;
import no.flyt.streams.topology.AppMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The whole pipeline on this machine: a real Kafka broker and Apicurio Registry as child processes, flyt's topics
 * and reference data, the streams app with its query API, and a replay of an event set.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run the whole pipeline on this machine.",
        "Starts a Kafka broker (KRaft) and a Schema Registry (Apicurio) as child processes on 127.0.0.1, creates the",
        "topics, publishes the reference data, starts the streams app with its query API and replays an event set.",
        "Stops cleanly on Ctrl-C."})
final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "${env:FLYT_DATA_DIR:-.flyt}",
        description = "Where broker data, registry data and streams state are kept across runs (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--fresh", description = "Start from empty broker, registry and streams state.")
    boolean fresh;

    @Option(names = "--broker-port", defaultValue = "9092", description = "Kafka broker port (default ${DEFAULT-VALUE}).")
    int brokerPort;

    @Option(names = "--controller-port", defaultValue = "9093", description = "KRaft controller port (default ${DEFAULT-VALUE}).")
    int controllerPort;

    @Option(names = "--registry-port", defaultValue = "8081", description = "Schema Registry port (default ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--api-port", defaultValue = "8080", description = "Query API port (default ${DEFAULT-VALUE}).")
    int apiPort;

    @Option(names = "--events", description = "Event set directory or events file to replay (default: a synthetic register generated at --scale).")
    Path events;

    @Option(names = "--scale", defaultValue = "0.01",
        description = "Scale of the synthetic register replayed when --events is not given (default ${DEFAULT-VALUE}: about 53,000 persons and 100,000 events).")
    double scale;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic register (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--speed-up", defaultValue = "0",
        description = "0 = replay as fast as possible (default); N = event time N times faster than the clock, e.g. 2592000 = a month per second.")
    double speedUp;

    @Option(names = "--no-replay", description = "Start everything but replay nothing (e.g. to replay from another terminal).")
    boolean noReplay;

    @Option(names = "--source", defaultValue = "files",
        description = {"files: replay the event set's files (default); folkeregister: serve the event set as the Folkeregister's",
            "event feed (a fake built from its OpenAPI description) and read it with the Kafka Connect source connector."})
    String source;

    @Option(names = "--connect-port", defaultValue = "8083", description = "Kafka Connect REST port with --source folkeregister (default ${DEFAULT-VALUE}).")
    int connectPort;

    @Option(names = "--exit-after-replay", description = "Stop everything once the replay is done and the numbers are served (for scripts).")
    boolean exitAfterReplay;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Ports.requireFree(brokerPort, "Kafka broker", "--broker-port");
        Ports.requireFree(controllerPort, "KRaft controller", "--controller-port");
        Ports.requireFree(registryPort, "Schema Registry", "--registry-port");
        Ports.requireFree(apiPort, "query API", "--api-port");
        boolean fromFeed = switch (source) {
            case "files" -> false;
            case "folkeregister" -> true;
            default -> throw new IllegalArgumentException("--source must be files or folkeregister, was '" + source + "'");
        };
        if (fromFeed) {
            Ports.requireFree(connectPort, "Kafka Connect REST API", "--connect-port");
        }
        Path home = dataDir.toAbsolutePath();
        if (fresh) {
            Directories.deleteRecursively(home.resolve("state"));
            Directories.deleteRecursively(home.resolve("registry").resolve(EmbeddedSchemaRegistry.STORAGE_DIR));
        }
        out.println("Starting Kafka broker and Schema Registry (data in " + home + ") ...");
        try (ShutdownSignal shutdown = new ShutdownSignal();
             EmbeddedStack stack = EmbeddedStack.start(
                BrokerSettings.defaults(home.resolve("kafka")).withPort(brokerPort).withControllerPort(controllerPort).withFresh(fresh),
                RegistrySettings.defaults(home.resolve("registry")).withPort(registryPort))) {
            ConnectionOptions connection = new ConnectionOptions();
            connection.bootstrapServers = stack.bootstrapServers();
            connection.schemaRegistryUrl = stack.schemaRegistryUrl();
            connection.topicPrefix = "";
            connection.partitions = 4;
            int codes = SetupCommand.setUp(connection, (short) 1);
            out.printf("Topics ready, %d municipality codes published.%n", codes);

            StreamsCommand.StreamsOptions streamsOptions = new StreamsCommand.StreamsOptions();
            streamsOptions.applicationId = no.flyt.streams.config.StreamsSettings.DEFAULT_APPLICATION_ID;
            streamsOptions.stateDir = home.resolve("state");
            streamsOptions.apiHost = "127.0.0.1";
            streamsOptions.apiPort = apiPort;
            try (FlytStreamsApp app = streamsOptions.start(connection);
                 FolkeregisterDemo feed = fromFeed && !noReplay ? new FolkeregisterDemo() : null) {
                printWhereToLook(out, stack, app);
                if (!noReplay) {
                    Path input = events != null ? events : SyntheticSample.generateIfMissing(home, scale, seed, out, spec.commandLine().getErr());
                    if (fromFeed) {
                        feed.read(connection, input, home, connectPort, out, spec.commandLine().getErr());
                    } else {
                        out.println("Replaying " + input + (speedUp > 0 ? " at " + speedUp + "x event time" : " as fast as possible") + " ...");
                        EventSetReplayer.replay(connection, input, ReplayOptions.AS_FAST_AS_POSSIBLE.withSpeedUp(speedUp), spec.commandLine().getErr());
                        out.println("Replay done; waiting for the streams app to absorb it ...");
                    }
                    try (Admin admin = connection.admin()) {
                        CatchUp.await(admin, streamsOptions.applicationId, connection.topics().streamsInputTopics(), Duration.ofMinutes(30),
                            app::ensureAlive, new LagProgress(spec.commandLine().getErr()));
                    }
                    out.println("All events absorbed; rejected to the dead-letter topic " + connection.topics().deadLetters().name()
                        + ": " + app.counter(AppMetrics.DEAD_LETTERS) + ".");
                    long released = app.counter(AppMetrics.HELD_DEATHS_COUNTED);
                    if (released > 0) {
                        // a death recorded before anything else of its person is held (and dead-lettered) until the
                        // person is seen, then counted: told apart here so that it does not read as lost
                        out.println("  " + released + " of them: deaths read before anything else of their person, held and counted once the person was seen.");
                    }
                }
                if (exitAfterReplay) {
                    return 0;
                }
                out.println("Running. Ctrl-C stops " + (feed != null ? "the fake Folkeregister, the Connect worker, " : "")
                    + "the streams app, the registry and the broker.");
                shutdown.await();
                out.println("Stopping ...");
            }
        }
        log.info("flyt stopped");
        return 0;
    }

    private static void printWhereToLook(PrintWriter out, EmbeddedStack stack, FlytStreamsApp app) {
        String api = "http://127.0.0.1:" + app.api().port() + "/api";
        out.println();
        out.println("  Kafka bootstrap servers  " + stack.bootstrapServers());
        out.println("  Schema Registry          " + stack.schemaRegistryUrl());
        out.println("  Query API                " + api);
        out.println("    Oslo, 2020-2021:       " + api + "/municipalities/0301/flows?from=2020-01&to=2021-12");
        out.println("    centrality class 1:    " + api + "/centrality-classes/1/flows?from=2020-01&to=2021-12");
        out.println("    refugees who stayed:   " + api + "/norway/refugee-retention?at=2021-12");
        out.println("    health:                " + api + "/health");
        out.println("  Broker log               " + stack.broker().logFile());
        out.println("  Registry log             " + stack.registry().logFile());
        out.println();
    }
}
