package no.flyt.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import no.flyt.events.RegisterEvent;
import no.flyt.producers.io.EventFileReader;
import no.flyt.producers.replay.EventFileItems;
import no.flyt.producers.replay.ReplayOptions;
import no.flyt.producers.replay.ReplayProducer;
import no.flyt.producers.replay.ReplayProducerConfig;
import no.flyt.producers.replay.ReplayProgress;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The replay producer (read the file, map, serialize, send) against a plain {@link KafkaProducer} sending the same
 * records already serialized, with the same producer settings, to the same broker.
 */
final class ProducerBenchmark {

    private final String bootstrapServers;
    private final Serializer<Object> serializer;

    ProducerBenchmark(String bootstrapServers, Serializer<Object> serializer) {
        this.bootstrapServers = bootstrapServers;
        this.serializer = serializer;
    }

    Measurement plain(SerializedRecords records, String topic) {
        Properties config = ReplayProducerConfig.producerConfig(bootstrapServers, new Properties());
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < records.size(); i++) {
                producer.send(new ProducerRecord<>(topic, null, records.timestamps()[i], records.keys().get(i), records.values().get(i)),
                    (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new KafkaException("plain producer failed", failure.get());
        }
        return new Measurement("plain KafkaProducer, pre-serialized", records.size(), Duration.ofNanos(System.nanoTime() - start));
    }

    Measurement replay(Path eventsFile, String topic, String deadLetterTopic, int limit) throws IOException {
        Properties config = ReplayProducerConfig.producerConfig(bootstrapServers, new Properties());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config);
             EventFileReader<RegisterEvent> reader = EventFileReader.open(eventsFile, RegisterEvent.class)) {
            ReplayProducer replay = new ReplayProducer(producer, serializer, deadLetterTopic);
            var items = EventFileItems.events(reader);
            var limited = new java.util.Iterator<no.flyt.producers.replay.ReplayItem>() {
                private int n;

                @Override
                public boolean hasNext() {
                    return n < limit && items.hasNext();
                }

                @Override
                public no.flyt.producers.replay.ReplayItem next() {
                    n++;
                    return items.next();
                }
            };
            ReplayProducer.Result result = replay.replay(limited, topic, ReplayOptions.AS_FAST_AS_POSSIBLE, limit, ReplayProgress.NONE);
            return new Measurement("flyt replay producer, from the file", result.sent(), result.elapsed());
        }
    }
}
