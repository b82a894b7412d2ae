package no.flyt.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Iterator;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import no.flyt.events.CountryBackground;
import no.flyt.events.EducationLevel;
import no.flyt.events.EventType;
import no.flyt.events.ImmigrantCategory;
import no.flyt.events.ImmigrationReason;
import no.flyt.events.PersonAttributes;
import no.flyt.events.RegisterEvent;
import no.flyt.events.RegistrationKind;
import no.flyt.events.Sex;
import no.flyt.producers.io.EventFileReader;
import no.flyt.producers.io.ReadResult;
import no.flyt.producers.replay.ReplayProducerConfig;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Latency at a steady paced rate: from producing a register event until its effect is visible through the query API.
 *
 * <p>A background load of valid register events is sent at a fixed rate; ten times a second one of them is a probe:
 * an immigration of a fresh person into {@link #PROBE_MUNICIPALITY} in {@link #PROBE_DATE}'s month, a month before
 * the synthetic decade that no other event uses. The API's immigration count of that municipality-month is polled
 * every 10 ms; when it has grown by n, probes 1..n are visible (all probes pass through one input partition and one
 * aggregating task, so they become visible in the order they were sent). The latency of probe i is the moment the
 * count was first seen at i or more minus the moment probe i was handed to the producer; only probes sent after the
 * warm-up are counted.
 */
final class LatencyBenchmark {

    private static final Logger log = LoggerFactory.getLogger(LatencyBenchmark.class);

    /** Utsira: a 2024 municipality whose code was valid on every date. */
    static final String PROBE_MUNICIPALITY = "1151";
    static final LocalDate PROBE_DATE = LocalDate.of(2014, 6, 15);
    private static final YearMonth PROBE_MONTH = YearMonth.from(PROBE_DATE);
    static final String PROBE_QUESTION = "/api/municipalities/" + PROBE_MUNICIPALITY + "/flows?from=" + PROBE_MONTH + "&to=" + PROBE_MONTH;
    private static final int PROBES_PER_SECOND = 10;
    private static final long POLL_INTERVAL_MILLIS = 10;
    /** How long probes still invisible when sending ends may take before they count as lost. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    /**
     * @param latencies     microseconds from send to visible, of the counted probes that became visible
     * @param probesCounted probes sent after the warm-up
     * @param eventsSent    all events sent (warm-up, background and probes)
     * @param sending       how long sending took
     */
    record Result(Benchmarks.LatencySettings settings, Histogram latencies, int probesCounted, long eventsSent, Duration sending) {

        int probesVisible() {
            return (int) latencies.getTotalCount();
        }

        double achievedRate() {
            return eventsSent * 1e9 / sending.toNanos();
        }

        double millisAtPercentile(double percentile) {
            return latencies.getValueAtPercentile(percentile) / 1000.0;
        }

        double maxMillis() {
            return latencies.getMaxValue() / 1000.0;
        }
    }

    private final String bootstrapServers;
    private final Serializer<Object> serializer;
    private final String topic;
    private final int partitions;
    private final Path eventsFile;

    /**
     * @param topic      the register-events topic the streams app reads
     * @param partitions its partition count (to choose probe keys)
     * @param eventsFile the register events the background load is made from
     */
    LatencyBenchmark(String bootstrapServers, Serializer<Object> serializer, String topic, int partitions, Path eventsFile) {
        this.bootstrapServers = bootstrapServers;
        this.serializer = serializer;
        this.topic = topic;
        this.partitions = partitions;
        this.eventsFile = eventsFile;
    }

    Result run(ApiClient api, Benchmarks.LatencySettings settings, PrintWriter out) throws Exception {
        String runId = "lat" + UUID.randomUUID().toString().substring(0, 8);
        int rate = settings.eventsPerSecond();
        long warmUpNanos = settings.warmUp().toNanos();
        long totalEvents = Math.max(1, (long) (rate * (settings.warmUp().plus(settings.measured()).toNanos() / 1e9)));
        int probeEvery = Math.max(1, rate / PROBES_PER_SECOND);
        long[] sentAt = new long[(int) ((totalEvents + probeEvery - 1) / probeEvery)];
        ProbeWatcher watcher = new ProbeWatcher(api, awaitProbeCount(api), sentAt.length);

        Properties overrides = new Properties();
        overrides.put(ProducerConfig.CLIENT_ID_CONFIG, "flyt-bench-latency");
        AtomicReference<Exception> failure = new AtomicReference<>();
        Callback callback = (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        };
        int probes = 0;
        int firstCounted = -1;
        long start;
        long sendingNanos;
        watcher.start();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ReplayProducerConfig.producerConfig(bootstrapServers, overrides));
             BackgroundEvents background = new BackgroundEvents(eventsFile, runId)) {
            start = System.nanoTime();
            long nextProgress = start + TimeUnit.SECONDS.toNanos(10);
            for (long i = 0; i < totalEvents; i++) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (i % probeEvery == 0) {
                    if (firstCounted < 0 && due - start >= warmUpNanos) {
                        firstCounted = probes;
                    }
                    ProducerRecord<byte[], byte[]> probe = probe(runId, probes);
                    sentAt[probes++] = System.nanoTime();
                    producer.send(probe, callback);
                } else {
                    RegisterEvent e = background.next();
                    producer.send(new ProducerRecord<>(topic, null, System.currentTimeMillis(),
                        e.getPersonId().getBytes(StandardCharsets.UTF_8), serializer.serialize(topic, e)), callback);
                }
                if (failure.get() != null) {
                    throw new KafkaException("latency producer failed", failure.get());
                }
                if (System.nanoTime() >= nextProgress) {
                    out.printf("  latency: %d of %d s sent (%d s warm-up), %d probes visible%n",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start),
                        settings.warmUp().plus(settings.measured()).toSeconds(), settings.warmUp().toSeconds(), watcher.visible());
                    out.flush();
                    nextProgress += TimeUnit.SECONDS.toNanos(10);
                }
            }
            producer.flush();
            sendingNanos = System.nanoTime() - start;
        }
        if (failure.get() != null) {
            throw new KafkaException("latency producer failed", failure.get());
        }
        watcher.awaitVisible(probes, DRAIN_TIMEOUT);
        watcher.stopAndJoin();
        if (watcher.visible() < probes) {
            log.warn("{} of {} latency probes did not become visible within {} after sending ended", probes - watcher.visible(), probes, DRAIN_TIMEOUT);
        }

        if (firstCounted < 0) {
            firstCounted = probes;
        }
        Histogram latencies = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        for (int p = firstCounted; p < watcher.visible(); p++) {
            long micros = TimeUnit.NANOSECONDS.toMicros(watcher.visibleAt[p] - sentAt[p]);
            latencies.recordValue(Math.max(1, Math.min(micros, latencies.getHighestTrackableValue())));
        }
        return new Result(settings, latencies, probes - firstCounted, totalEvents, Duration.ofNanos(sendingNanos));
    }

    /** The probe count before this run: probes of an earlier run against the same topics are not this run's. */
    private static long awaitProbeCount(ApiClient api) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        Long count;
        while ((count = probeCount(api)) == null) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the query API did not answer " + PROBE_QUESTION + " within 2 minutes");
            }
            Thread.sleep(100);
        }
        return count;
    }

    private static Long probeCount(ApiClient api) throws InterruptedException {
        JsonNode answer = api.getOrNull(PROBE_QUESTION);
        JsonNode immigrations = answer == null ? null : answer.path("total").get("immigrations");
        return immigrations == null ? null : immigrations.asLong();
    }

    private ProducerRecord<byte[], byte[]> probe(String runId, int index) {
        String personId = probePersonId(runId, index);
        Instant now = Instant.now();
        RegisterEvent event = RegisterEvent.newBuilder()
            .setEventId(runId + "-probe-" + index)
            .setPersonId(personId)
            .setEventType(EventType.IMMIGRATION)
            .setRegistration(RegistrationKind.NEW)
            .setCorrectsEventId(null)
            .setEventDate(PROBE_DATE)
            .setRecordedAt(now)
            .setFromMunicipality(null)
            .setToMunicipality(PROBE_MUNICIPALITY)
            .setFromCountry("SE")
            .setToCountry(null)
            .setPerson(PersonAttributes.newBuilder()
                .setBirthDate(LocalDate.of(1990, 1, 1))
                .setSex(Sex.FEMALE)
                .setImmigrantCategory(ImmigrantCategory.IMMIGRANT)
                .setCountryBackground(CountryBackground.EU_EEA_UK)
                .setCountryBackgroundCode("SE")
                .setImmigrationReason(ImmigrationReason.WORK)
                .setEducationLevel(EducationLevel.TERTIARY_LONG)
                .setCollectiveProtection(false)
                .build())
            .build();
        return new ProducerRecord<>(topic, null, now.toEpochMilli(), personId.getBytes(StandardCharsets.UTF_8), serializer.serialize(topic, event));
    }

    /**
     * A fresh person id that the producer's default partitioner sends to partition 0, so that all probes pass one
     * task in the order sent and the visible count tells exactly which probes are visible.
     */
    private String probePersonId(String runId, int index) {
        for (int attempt = 0; ; attempt++) {
            String id = runId + "-probe-" + index + "-" + attempt;
            if (Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions == 0) {
                return id;
            }
        }
    }

    /** Polls the probe count and notes when each probe was first seen. */
    private static final class ProbeWatcher {

        private final ApiClient api;
        private final long baseCount;
        /** Written by the watcher thread only; read after {@link #stopAndJoin()}. */
        final long[] visibleAt;
        private volatile int visible;
        private volatile boolean running = true;
        private final Thread thread;

        ProbeWatcher(ApiClient api, long baseCount, int capacity) {
            this.api = api;
            this.baseCount = baseCount;
            this.visibleAt = new long[capacity];
            this.thread = new Thread(this::watch, "flyt-bench-probe-watcher");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        int visible() {
            return visible;
        }

        private void watch() {
            try {
                while (running) {
                    Long count = probeCount(api);
                    long now = System.nanoTime();
                    if (count != null) {
                        int n = (int) Math.min(visibleAt.length, count - baseCount);
                        for (int p = visible; p < n; p++) {
                            visibleAt[p] = now;
                        }
                        visible = Math.max(visible, n);
                    }
                    Thread.sleep(POLL_INTERVAL_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void awaitVisible(int probes, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (visible < probes && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }

        void stopAndJoin() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }
    }

    /**
     * The event set's register events made new to the streams app: event and person ids get a prefix per pass over
     * the file (a redelivered id would be skipped at almost no cost, which is not the load of live events). Deaths
     * are left out: a renamed person has no baseline record, so the death would be held as a dead letter. So are events
     * in the probes' month, which would disturb their count.
     */
    private static final class BackgroundEvents implements Iterator<RegisterEvent>, Closeable {

        private final Path file;
        private final String runId;
        private int pass;
        private long sentInPass;
        private EventFileReader<RegisterEvent> reader;
        private Iterator<ReadResult<RegisterEvent>> items;

        BackgroundEvents(Path file, String runId) {
            this.file = file;
            this.runId = runId;
        }

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public RegisterEvent next() {
            try {
                while (true) {
                    if (items == null || !items.hasNext()) {
                        if (items != null && sentInPass == 0) {
                            throw new IllegalStateException(file + " holds no event usable as background load");
                        }
                        close();
                        reader = EventFileReader.open(file, RegisterEvent.class);
                        items = reader.iterator();
                        pass++;
                        sentInPass = 0;
                        continue;
                    }
                    ReadResult<RegisterEvent> item = items.next();
                    if (item.isMalformed() || item.record().getEventType() == EventType.DEATH
                        || YearMonth.from(item.record().getEventDate()).equals(PROBE_MONTH)) {
                        continue;
                    }
                    sentInPass++;
                    return renamed(item.record());
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private RegisterEvent renamed(RegisterEvent e) {
            String prefix = runId + "-" + pass + "-";
            return RegisterEvent.newBuilder(e)
                .setEventId(prefix + e.getEventId())
                .setPersonId(prefix + e.getPersonId())
                .setCorrectsEventId(e.getCorrectsEventId() == null ? null : prefix + e.getCorrectsEventId())
                .build();
        }

        @Override
        public void close() throws IOException {
            if (reader != null) {
                reader.close();
                reader = null;
            }
        }
    }
}
