package no.flyt.cli;

import java.util.Properties;
import java.util.concurrent.Callable;
import no.flyt.producers.reference.ReferencePublisher;
import no.flyt.reference.Municipality;
import no.flyt.reference.MunicipalityCatalog;
import no.flyt.streams.config.FlytTopics;
import no.flyt.streams.config.TopicCreator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Creates flyt's topics and publishes the municipality reference data. Safe to run again. */
@Command(name = "setup", mixinStandardHelpOptions = true,
    description = "Create flyt's topics (where missing) and publish the municipality reference data.")
final class SetupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--replication-factor", defaultValue = "1", description = "Replication factor of created topics (default ${DEFAULT-VALUE}).")
    short replicationFactor;

    @Override
    public Integer call() {
        int published = setUp(connection, replicationFactor);
        spec.commandLine().getOut().printf("Topics ready; %d municipality codes published to %s%n", published, connection.topics().municipalities().name());
        return 0;
    }

    static int setUp(ConnectionOptions connection, short replicationFactor) {
        FlytTopics topics = connection.topics();
        try (Admin admin = connection.admin()) {
            TopicCreator.ensure(admin, topics.all(), replicationFactor);
        }
        Properties producerConfig = connection.kafkaOverrides();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers);
        // Reference records are keyed and compacted: a duplicate from a retry is harmless, so the publisher needs no
        // producer id. Short timeouts and a fresh producer per attempt: on a broker that has just started, a first
        // producer was seen to stall until its delivery timeout.
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        for (int attempt = 1; ; attempt++) {
            try (KafkaProducer<String, Municipality> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                topics.municipalities().valueSerde().serializer())) {
                return ReferencePublisher.publish(producer, topics.municipalities().name(), MunicipalityCatalog.bundled());
            } catch (org.apache.kafka.common.KafkaException e) {
                if (attempt == PUBLISH_ATTEMPTS) {
                    throw e;
                }
                log.warn("Publishing the reference data failed (attempt {} of {}): {}; trying again", attempt, PUBLISH_ATTEMPTS, e.getMessage());
            }
        }
    }

    private static final int PUBLISH_ATTEMPTS = 3;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SetupCommand.class);
}
