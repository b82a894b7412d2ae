package no.flyt.cli;

import java.util.Properties;
import java.util.concurrent.Callable;
import no.flyt.producers.reference.ReferencePublisher;
import no.flyt.reference.Municipality;
import no.flyt.reference.MunicipalityCatalog;
import no.flyt.streams.config.FlytTopics;
import no.flyt.streams.config.TopicCreator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
        Properties adminConfig = connection.kafkaOverrides();
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers);
        try (Admin admin = Admin.create(adminConfig)) {
            TopicCreator.ensure(admin, topics.all(), replicationFactor);
        }
        Properties producerConfig = connection.kafkaOverrides();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers);
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, Municipality> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
            topics.municipalities().valueSerde().serializer())) {
            return ReferencePublisher.publish(producer, topics.municipalities().name(), MunicipalityCatalog.bundled());
        }
    }
}
