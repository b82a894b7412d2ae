package no.flyt.producers.reference;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import no.flyt.reference.Municipality;
import no.flyt.reference.MunicipalityCatalog;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the municipality reference data, keyed by code, to its compacted topic. Publishing again is harmless:
 * compaction keeps the latest record per code.
 */
public final class ReferencePublisher {

    private static final Logger log = LoggerFactory.getLogger(ReferencePublisher.class);

    private ReferencePublisher() {
    }

    /** Sends every code of the catalog and waits until all are acknowledged; returns the number sent. */
    public static int publish(Producer<String, Municipality> producer, String topic, MunicipalityCatalog catalog) {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (Municipality m : catalog.all()) {
            sends.add(producer.send(new ProducerRecord<>(topic, m.getCode(), m)));
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        } catch (ExecutionException e) {
            throw new KafkaException("publishing reference data to " + topic + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while publishing reference data", e);
        }
        log.info("Published {} municipality codes ({} municipalities of 2024) to {}", sends.size(), catalog.current().size(), topic);
        return sends.size();
    }
}
