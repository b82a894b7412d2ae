package no.flyt.cli;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import no.flyt.streams.FlytStreamsApp;
import no.flyt.streams.config.FlytTopics;
import no.flyt.streams.config.StreamsSettings;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the streams app and its query API against an existing Kafka cluster and Schema Registry (production mode). */
@Command(name = "streams", mixinStandardHelpOptions = true,
    description = "Run the streams app and the query API against an existing Kafka cluster and Schema Registry.")
final class StreamsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    StreamsOptions streamsOptions;

    @Override
    public Integer call() throws InterruptedException {
        try (ShutdownSignal shutdown = new ShutdownSignal();
             FlytStreamsApp app = streamsOptions.start(connection)) {
            spec.commandLine().getOut().printf("flyt streams app running; query API on http://%s:%d/api (Ctrl-C stops)%n",
                streamsOptions.apiHost, app.api().port());
            shutdown.await();
        }
        return 0;
    }

    /** Options of the streams app, shared with {@code flyt run}. */
    static final class StreamsOptions {

        @Option(names = "--application-id", defaultValue = "${env:FLYT_APPLICATION_ID:-" + StreamsSettings.DEFAULT_APPLICATION_ID + "}",
            description = "Kafka Streams application id (env FLYT_APPLICATION_ID; default ${DEFAULT-VALUE}).")
        String applicationId;

        @Option(names = "--state-dir", defaultValue = "${env:FLYT_STATE_DIR:-.flyt/state}",
            description = "Directory for the local state stores (env FLYT_STATE_DIR; default ${DEFAULT-VALUE}).")
        Path stateDir;

        @Option(names = "--api-host", defaultValue = "${env:FLYT_API_HOST:-127.0.0.1}",
            description = "Address the query API binds to and advertises to other instances (default ${DEFAULT-VALUE}).")
        String apiHost;

        @Option(names = "--api-port", defaultValue = "${env:FLYT_API_PORT:-8080}",
            description = "Port of the query API (env FLYT_API_PORT; default ${DEFAULT-VALUE}).")
        int apiPort;

        FlytStreamsApp start(ConnectionOptions connection) {
            no.flyt.embedded.Ports.requireFree(apiPort, "query API", "--api-port");
            FlytTopics topics = connection.topics();
            Properties overrides = connection.kafkaOverrides();
            overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
            Properties config = StreamsSettings.streamsConfig(connection.bootstrapServers, connection.schemaRegistryUrl,
                stateDir.toAbsolutePath(), topics, overrides);
            return FlytStreamsApp.start(config, topics, new HostInfo(apiHost, apiPort));
        }
    }
}
