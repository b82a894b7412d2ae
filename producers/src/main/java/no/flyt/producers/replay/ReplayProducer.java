package no.flyt.producers.replay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import no.flyt.serde.KafkaAvroSerializer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the records of an event file to a topic, in file order or paced by their timestamps, and sends items that
 * could not be read to the dead-letter topic with the reason, so that a bad line is reported and nothing is lost.
 * Records are serialized here and sent as bytes, so the same producer carries good and bad input.
 */
public final class ReplayProducer {

    private static final Logger log = LoggerFactory.getLogger(ReplayProducer.class);
    private static final long PROGRESS_INTERVAL_NANOS = 200_000_000L;

    /** Header names on dead letters, shared with the streams app (Kafka Streams' KIP-1034 names). */
    public static final String ERROR_EXCEPTION_HEADER = "__streams.errors.exception";
    public static final String ERROR_MESSAGE_HEADER = "__streams.errors.message";
    public static final String LOCATION_HEADER = "flyt.replay.location";
    public static final String MALFORMED_INPUT = "no.flyt.MalformedInput";

    /** What a replay did. */
    public record Result(long sent, long acknowledged, long bad, long duplicates, Duration elapsed) {
        public double recordsPerSecond() {
            return elapsed.isZero() ? 0 : sent * 1e9 / elapsed.toNanos();
        }
    }

    private final Producer<byte[], byte[]> producer;
    private final Serializer<Object> valueSerializer;
    private final String deadLetterTopic;

    /**
     * @param producer        an idempotent producer of bytes (see {@link ReplayProducerConfig})
     * @param valueSerializer the configured Avro serializer for the record values
     * @param deadLetterTopic where unreadable input goes
     */
    public ReplayProducer(Producer<byte[], byte[]> producer, Serializer<Object> valueSerializer, String deadLetterTopic) {
        this.producer = producer;
        this.valueSerializer = valueSerializer;
        this.deadLetterTopic = deadLetterTopic;
    }

    /** Replays {@code items} to {@code topic}; returns when every record is acknowledged. */
    public Result replay(Iterator<ReplayItem> items, String topic, ReplayOptions options, long expectedTotal, ReplayProgress progress) {
        long start = System.nanoTime();
        Random random = new Random(options.seed());
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Callback callback = (metadata, exception) -> {
            if (exception == null) {
                acknowledged.incrementAndGet();
            } else {
                failure.compareAndSet(null, exception);
            }
        };
        Pacer pacer = new Pacer(options.speedUp());
        long sent = 0;
        long bad = 0;
        long duplicates = 0;
        long lastReport = start;
        Iterator<ReplayItem> ordered = options.shuffleWindow() > 0 ? shuffled(items, options.shuffleWindow(), random) : items;
        while (ordered.hasNext()) {
            ReplayItem item = ordered.next();
            if (item instanceof ReplayItem.Bad badItem) {
                bad++;
                log.warn("Skipping {}: {} (sent to {})", badItem.location(), badItem.reason(), deadLetterTopic);
                producer.send(deadLetter(badItem), callback);
            } else {
                ReplayItem.Good good = (ReplayItem.Good) item;
                pacer.awaitTurn(good.timestamp());
                byte[] key = good.key() == null ? null : good.key().getBytes(StandardCharsets.UTF_8);
                byte[] value = good.encoded() != null && valueSerializer instanceof KafkaAvroSerializer avro
                    ? avro.serializeEncoded(topic, good.value(), good.encoded()) // the file's bytes, not encoded again
                    : valueSerializer.serialize(topic, good.value());
                producer.send(new ProducerRecord<>(topic, null, good.timestamp(), key, value), callback);
                sent++;
                if (options.duplicateShare() > 0 && random.nextDouble() < options.duplicateShare()) {
                    producer.send(new ProducerRecord<>(topic, null, good.timestamp(), key, value), callback);
                    sent++;
                    duplicates++;
                }
            }
            Exception e = failure.get();
            if (e != null) {
                throw new KafkaException("replay to " + topic + " failed after " + sent + " records: " + e.getMessage(), e);
            }
            if ((sent & 1023) == 0) {
                long now = System.nanoTime();
                if (now - lastReport > PROGRESS_INTERVAL_NANOS) {
                    progress.report(sent, acknowledged.get(), bad, expectedTotal, false);
                    lastReport = now;
                }
            }
        }
        producer.flush();
        Exception e = failure.get();
        if (e != null) {
            throw new KafkaException("replay to " + topic + " failed: " + e.getMessage(), e);
        }
        progress.report(sent, acknowledged.get(), bad, expectedTotal, true);
        Result result = new Result(sent, acknowledged.get(), bad, duplicates, Duration.ofNanos(System.nanoTime() - start));
        log.info("Replayed {} records to {} in {} ms ({} records/s), {} unreadable items to {}", result.sent(), topic,
            result.elapsed().toMillis(), Math.round(result.recordsPerSecond()), bad, deadLetterTopic);
        return result;
    }

    private ProducerRecord<byte[], byte[]> deadLetter(ReplayItem.Bad bad) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ERROR_EXCEPTION_HEADER, MALFORMED_INPUT.getBytes(StandardCharsets.UTF_8));
        headers.add(ERROR_MESSAGE_HEADER, bad.reason().getBytes(StandardCharsets.UTF_8));
        headers.add(LOCATION_HEADER, bad.location().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(deadLetterTopic, null, (Long) null, (byte[]) null, bad.raw(), headers);
    }

    /** Shuffles within consecutive windows: the order of arrival changes, the set of records does not. */
    static Iterator<ReplayItem> shuffled(Iterator<ReplayItem> items, int window, Random random) {
        return new Iterator<>() {
            private final List<ReplayItem> buffer = new ArrayList<>(window);
            private int position;

            @Override
            public boolean hasNext() {
                if (position < buffer.size()) {
                    return true;
                }
                buffer.clear();
                position = 0;
                while (buffer.size() < window && items.hasNext()) {
                    buffer.add(items.next());
                }
                Collections.shuffle(buffer, random);
                return !buffer.isEmpty();
            }

            @Override
            public ReplayItem next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return buffer.get(position++);
            }
        };
    }

    /** Holds records back so that event time advances {@code speedUp} times faster than wall-clock time. */
    static final class Pacer {
        private final double speedUp;
        private long firstTimestamp = Long.MIN_VALUE;
        private long startNanos;

        Pacer(double speedUp) {
            this.speedUp = speedUp;
        }

        void awaitTurn(long timestamp) {
            if (speedUp <= 0) {
                return;
            }
            if (firstTimestamp == Long.MIN_VALUE) {
                firstTimestamp = timestamp;
                startNanos = System.nanoTime();
                return;
            }
            long dueNanos = startNanos + (long) ((timestamp - firstTimestamp) * 1_000_000L / speedUp);
            long wait = dueNanos - System.nanoTime();
            if (wait > 1_000_000L) {
                try {
                    Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KafkaException("replay interrupted", e);
                }
            }
        }
    }
}
