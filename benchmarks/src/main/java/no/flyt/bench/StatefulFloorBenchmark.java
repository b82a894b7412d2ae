package no.flyt.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import no.flyt.streams.config.FlytTopics;
import no.flyt.streams.config.StreamsSettings;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * What any design that keeps state per person pays before it computes anything: a Kafka Streams app with flyt's
 * configuration (exactly-once v2, two stream threads, the same commit interval, record cache and RocksDB settings) that
 * reads each input record as bytes, reads the person's value from a persistent store and writes the record back in its
 * place (so a changelog record per input record), and sends nothing on. flyt does this and then computes, combines,
 * repartitions, aggregates and publishes statistics; the passthrough does neither. Its rate against the passthrough is
 * the most a per-person design can reach on the end-to-end figure.
 */
final class StatefulFloorBenchmark implements AutoCloseable {

    static final String STORE = "person-bytes";

    private final KafkaStreams streams;

    /**
     * @param streamsConfig the overrides the flyt app gets in the same run (so that an experiment changes both)
     */
    StatefulFloorBenchmark(String bootstrapServers, String registryUrl, Path stateDir, FlytTopics topics, String applicationId,
                           List<String> inputTopics, Properties streamsConfig) {
        Properties overrides = new Properties();
        overrides.putAll(streamsConfig);
        overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        Properties config = StreamsSettings.streamsConfig(bootstrapServers, registryUrl, stateDir, topics, overrides);
        streams = new KafkaStreams(topology(inputTopics), config);
    }

    /** Both inputs into one processor with one store, as flyt's person processors read them. */
    static Topology topology(List<String> inputTopics) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.Bytes(), Serdes.ByteArray()));
        builder.stream(inputTopics, Consumed.with(Serdes.Bytes(), Serdes.ByteArray()))
            .process(ReadAndWriteBack::new, STORE);
        return builder.build();
    }

    void start(Duration timeout) throws InterruptedException {
        streams.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
                throw new IllegalStateException("the stateful floor app is " + streams.state() + " after " + timeout);
            }
            Thread.sleep(50);
        }
    }

    void ensureAlive() {
        if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
            throw new IllegalStateException("the stateful floor app stopped: " + streams.state());
        }
    }

    @Override
    public void close() {
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30)).withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }

    /** Reads the person's stored value and replaces it with the record's: the least a per-person step does. */
    private static final class ReadAndWriteBack implements Processor<Bytes, byte[], Void, Void> {

        private KeyValueStore<Bytes, byte[]> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<Bytes, byte[]> record) {
            store.get(record.key());
            store.put(record.key(), record.value());
        }
    }
}
