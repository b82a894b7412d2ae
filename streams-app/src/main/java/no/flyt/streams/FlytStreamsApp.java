package no.flyt.streams;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import no.flyt.streams.api.QueryApi;
import no.flyt.streams.config.FlytTopics;
import no.flyt.streams.query.Instance;
import no.flyt.streams.topology.AppMetrics;
import no.flyt.streams.topology.StatisticsTopology;
import no.flyt.streams.topology.StreamsStatistics;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The streams application: every aggregate topology in one {@link KafkaStreams} instance, plus the query API. */
public final class FlytStreamsApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FlytStreamsApp.class);

    private final KafkaStreams streams;
    private final StreamsStatistics statistics;
    private final QueryApi api;

    private FlytStreamsApp(KafkaStreams streams, StreamsStatistics statistics, QueryApi api) {
        this.streams = streams;
        this.statistics = statistics;
        this.api = api;
    }

    /** Adds every aggregate family to {@code builder}. */
    public static void addTopologies(StreamsBuilder builder, FlytTopics topics) {
        StatisticsTopology.addTo(builder, topics);
    }

    public static Topology buildTopology(FlytTopics topics, Properties streamsConfig) {
        StreamsBuilder builder = new StreamsBuilder();
        addTopologies(builder, topics);
        return builder.build(streamsConfig);
    }

    /**
     * Starts Kafka Streams and the query API on {@code apiAddress}, which is also advertised to other instances as
     * {@code application.server} so that they can forward queries here.
     */
    public static FlytStreamsApp start(Properties streamsConfig, FlytTopics topics, HostInfo apiAddress) {
        Properties config = new Properties();
        config.putAll(streamsConfig);
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, apiAddress.host() + ":" + apiAddress.port());
        Topology topology = buildTopology(topics, config);
        log.debug("Topology:\n{}", topology.describe());
        KafkaStreams streams = new KafkaStreams(topology, config);
        streams.setUncaughtExceptionHandler(e -> {
            log.error("Stream thread failed; shutting the streams client down", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> log.info("Streams state {} -> {}", before, now));
        streams.start();
        StreamsStatistics statistics = new StreamsStatistics(streams, new Instance(apiAddress.host(), apiAddress.port()));
        QueryApi api = QueryApi.start(statistics, statistics, statistics, apiAddress.host(), apiAddress.port());
        return new FlytStreamsApp(streams, statistics, api);
    }

    public KafkaStreams streams() {
        return streams;
    }

    public QueryApi api() {
        return api;
    }

    /** One of the app's counters, summed over this instance's tasks. */
    public long counter(AppMetrics counter) {
        return statistics.sum(counter.metricName());
    }

    /** Waits until the app is RUNNING (state restored, tasks assigned). */
    public void awaitRunning(Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            ensureAlive();
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("streams app not RUNNING after " + timeout + " (state " + streams.state() + ")");
            }
            Thread.sleep(100);
        }
    }

    /** Throws if the streams app has stopped or failed (e.g. a stream thread died). */
    public void ensureAlive() {
        KafkaStreams.State state = streams.state();
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING || state == KafkaStreams.State.PENDING_ERROR
            || state == KafkaStreams.State.PENDING_SHUTDOWN) {
            throw new IllegalStateException("the streams app has stopped (state " + state + "); see the log for the cause");
        }
    }

    /**
     * Stops the query API, then the streams app, leaving the consumer group: the other instances take its tasks over at
     * once rather than after the session timeout, and {@code flyt reset} can run as soon as the last instance is stopped.
     */
    @Override
    public void close() {
        api.close();
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30)).withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
}
