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

    /**
     * One input of a replay: the items of one file, in the order of their timestamps (as event files are written), and
     * the topic they go to.
     *
     * @param expectedTotal records expected in the input, or -1 when unknown
     */
    public record Input(Iterator<ReplayItem> items, String topic, long expectedTotal) {
    }

    /** Replays {@code items} to {@code topic}; returns when every record is acknowledged. */
    public Result replay(Iterator<ReplayItem> items, String topic, ReplayOptions options, long expectedTotal, ReplayProgress progress) {
        return replay(List.of(new Input(items, topic, expectedTotal)), options, progress).get(0);
    }

    /**
     * Replays several inputs, each to its topic, interleaved by timestamp: the record with the earliest timestamp among
     * the inputs' next records goes first, so that linked inputs (register events and the employment register) arrive
     * in step, also when paced. Duplicates and shuffling apply to every input (shuffling within each input's windows).
     * Progress is reported for all inputs together; returns one result per input when every record is acknowledged.
     */
    public List<Result> replay(List<Input> inputs, ReplayOptions options, ReplayProgress progress) {
        long start = System.nanoTime();
        Random random = new Random(options.seed());
        AtomicReference<Exception> failure = new AtomicReference<>();
        Pacer pacer = new Pacer(options.speedUp());
        List<Counts> counts = new ArrayList<>();
        List<Iterator<ReplayItem>> ordered = new ArrayList<>();
        long expectedTotal = 0;
        for (Input input : inputs) {
            counts.add(new Counts(input.topic(), failure));
            ordered.add(options.shuffleWindow() > 0 ? shuffled(input.items(), options.shuffleWindow(), random) : input.items());
            expectedTotal = expectedTotal < 0 || input.expectedTotal() < 0 ? -1 : expectedTotal + input.expectedTotal();
        }
        Merged merged = new Merged(ordered);
        long lastReport = start;
        long sentTotal = 0;
        while (merged.hasNext()) {
            int i = merged.nextInput();
            ReplayItem item = merged.next();
            Counts c = counts.get(i);
            String topic = c.topic;
            if (item instanceof ReplayItem.Bad badItem) {
                c.bad++;
                log.warn("Skipping {}: {} (sent to {})", badItem.location(), badItem.reason(), deadLetterTopic);
                producer.send(deadLetter(badItem), c.callback);
            } else {
                ReplayItem.Good good = (ReplayItem.Good) item;
                pacer.awaitTurn(good.timestamp());
                byte[] key = good.key() == null ? null : good.key().getBytes(StandardCharsets.UTF_8);
                byte[] value = good.encoded() != null && valueSerializer instanceof KafkaAvroSerializer avro
                    ? avro.serializeEncoded(topic, good.value(), good.encoded()) // the file's bytes, not encoded again
                    : valueSerializer.serialize(topic, good.value());
                producer.send(new ProducerRecord<>(topic, null, good.timestamp(), key, value), c.callback);
                c.sent++;
                sentTotal++;
                if (options.duplicateShare() > 0 && random.nextDouble() < options.duplicateShare()) {
                    producer.send(new ProducerRecord<>(topic, null, good.timestamp(), key, value), c.callback);
                    c.sent++;
                    sentTotal++;
                    c.duplicates++;
                }
            }
            Exception e = failure.get();
            if (e != null) {
                throw new KafkaException("replay to " + topic + " failed after " + c.sent + " records: " + e.getMessage(), e);
            }
            if ((sentTotal & 1023) == 0) {
                long now = System.nanoTime();
                if (now - lastReport > PROGRESS_INTERVAL_NANOS) {
                    report(progress, counts, expectedTotal, false);
                    lastReport = now;
                }
            }
        }
        producer.flush();
        Exception e = failure.get();
        if (e != null) {
            throw new KafkaException("replay to " + counts.stream().map(c -> c.topic).toList() + " failed: " + e.getMessage(), e);
        }
        report(progress, counts, expectedTotal, true);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        List<Result> results = new ArrayList<>();
        for (Counts c : counts) {
            Result result = new Result(c.sent, c.acknowledged.get(), c.bad, c.duplicates, elapsed);
            log.info("Replayed {} records to {} in {} ms ({} records/s), {} unreadable items to {}", result.sent(), c.topic,
                result.elapsed().toMillis(), Math.round(result.recordsPerSecond()), result.bad(), deadLetterTopic);
            results.add(result);
        }
        return results;
    }

    private static void report(ReplayProgress progress, List<Counts> counts, long expectedTotal, boolean done) {
        long sent = 0;
        long acknowledged = 0;
        long bad = 0;
        for (Counts c : counts) {
            sent += c.sent;
            acknowledged += c.acknowledged.get();
            bad += c.bad;
        }
        progress.report(sent, acknowledged, bad, expectedTotal, done);
    }

    /** What has been sent from one input so far. */
    private static final class Counts {
        final String topic;
        final AtomicLong acknowledged = new AtomicLong();
        final Callback callback;
        long sent;
        long bad;
        long duplicates;

        Counts(String topic, AtomicReference<Exception> failure) {
            this.topic = topic;
            this.callback = (metadata, exception) -> {
                if (exception == null) {
                    acknowledged.incrementAndGet();
                } else {
                    failure.compareAndSet(null, exception);
                }
            };
        }
    }

    /**
     * The items of several inputs, each in its own order, merged by timestamp: the next item is the one with the
     * earliest timestamp among the inputs' heads (an unreadable item, which has none, goes first; ties go to the input
     * listed first).
     */
    static final class Merged {
        private final List<Iterator<ReplayItem>> inputs;
        private final ReplayItem[] heads;
        private int chosen = -1;

        Merged(List<Iterator<ReplayItem>> inputs) {
            this.inputs = inputs;
            this.heads = new ReplayItem[inputs.size()];
        }

        boolean hasNext() {
            if (chosen >= 0) {
                return true;
            }
            long earliest = Long.MAX_VALUE;
            for (int i = 0; i < heads.length; i++) {
                if (heads[i] == null && inputs.get(i).hasNext()) {
                    heads[i] = inputs.get(i).next();
                }
                if (heads[i] != null) {
                    long t = heads[i] instanceof ReplayItem.Good good ? good.timestamp() : Long.MIN_VALUE;
                    if (chosen < 0 || t < earliest) {
                        chosen = i;
                        earliest = t;
                    }
                }
            }
            return chosen >= 0;
        }

        /** The input the next item comes from. */
        int nextInput() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return chosen;
        }

        ReplayItem next() {
            int i = nextInput();
            ReplayItem item = heads[i];
            heads[i] = null;
            chosen = -1;
            return item;
        }
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
