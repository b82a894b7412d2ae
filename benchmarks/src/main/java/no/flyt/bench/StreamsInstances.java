package no.flyt.bench;

import java.nio.file.Path;
import java.util.Properties;
import no.flyt.embedded.Ports;
import no.flyt.streams.FlytStreamsApp;
import no.flyt.streams.config.FlytTopics;
import no.flyt.streams.config.StreamsSettings;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops instances of the streams app under test: one application id, flyt's own configuration
 * ({@link StreamsSettings}), each instance with its own state directory and query API port.
 */
final class StreamsInstances {

    private static final Logger log = LoggerFactory.getLogger(StreamsInstances.class);

    private final String bootstrapServers;
    private final String registryUrl;
    private final FlytTopics topics;
    private final String applicationId;
    private final Properties streamsConfig;

    StreamsInstances(String bootstrapServers, String registryUrl, FlytTopics topics, String applicationId, Properties streamsConfig) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.topics = topics;
        this.applicationId = applicationId;
        this.streamsConfig = streamsConfig;
    }

    String applicationId() {
        return applicationId;
    }

    /** Starts an instance (not yet RUNNING when this returns). */
    FlytStreamsApp start(Path stateDir, int standbyReplicas) {
        Properties overrides = new Properties();
        overrides.putAll(streamsConfig);
        overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        overrides.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        Properties config = StreamsSettings.streamsConfig(bootstrapServers, registryUrl, stateDir, topics, overrides);
        FlytStreamsApp app = FlytStreamsApp.start(config, topics, new HostInfo("127.0.0.1", Ports.freePort()));
        log.info("Started a streams instance (state {}, {} standby replicas, API port {})", stateDir, standbyReplicas, app.api().port());
        return app;
    }

}
