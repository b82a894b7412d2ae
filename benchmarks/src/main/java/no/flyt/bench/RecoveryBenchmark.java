package no.flyt.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import no.flyt.embedded.Directories;
import no.flyt.streams.FlytStreamsApp;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery of the query API after an instance of the streams app stops: how long until it answers again with the
 * numbers it gave before ({@link QueryAnswers}), for
 * <ul>
 *   <li>a restart with the local state kept (the state stores are reopened; only the changelog tail is read);</li>
 *   <li>a restart with the state directory deleted (every store is restored from its changelog topic);</li>
 *   <li>two instances with one standby replica per task: the instance hosting the active tasks stops, and the other
 *       one, whose standby stores are up to date, takes over.</li>
 * </ul>
 * Instances stop cleanly and leave the consumer group ({@link FlytStreamsApp#close}); a crashed instance would add
 * the consumer session timeout (45 s) before the group notices.
 */
final class RecoveryBenchmark {

    private static final Logger log = LoggerFactory.getLogger(RecoveryBenchmark.class);
    private static final long POLL_MILLIS = 100;
    /** Per store partition: with exactly-once a caught-up standby still trails the changelog end by a commit marker. */
    private static final long CAUGHT_UP_LAG = 1;

    /**
     * @param untilCorrect    from the start (or the stop of the other instance) until the answers were correct again
     * @param restoredRecords changelog records the instance read meanwhile (restoring, and updating standby replicas)
     */
    record Recovered(Duration untilCorrect, long restoredRecords) {
    }

    /** An instance that answers correctly again. */
    record Restarted(FlytStreamsApp app, Recovered recovered) {
    }

    private final StreamsInstances instances;
    private final Duration timeout;
    private final PrintWriter out;

    RecoveryBenchmark(StreamsInstances instances, Duration timeout, PrintWriter out) {
        this.instances = instances;
        this.timeout = timeout;
        this.out = out;
    }

    /**
     * Starts a single instance on {@code stateDir} (deleted first if {@code deleteState}) and times it from the start
     * until it gives the {@code expected} answers. The previous instance must have been stopped.
     */
    Restarted restart(Path stateDir, boolean deleteState, QueryAnswers expected) throws Exception {
        if (deleteState) {
            Directories.deleteRecursively(stateDir);
        }
        long start = System.nanoTime();
        FlytStreamsApp app = instances.start(stateDir, 0);
        try {
            awaitCorrect(app, expected, start);
        } catch (Exception | Error e) {
            app.close();
            throw e;
        }
        return new Restarted(app, new Recovered(Duration.ofNanos(System.nanoTime() - start), restoredRecords(app)));
    }

    /**
     * Starts an instance on {@code stateDir} (kept from before) and a second one on the empty {@code secondStateDir},
     * both with one standby replica, waits until the standby stores are caught up, then stops the instance with the
     * most active tasks and times until the other one gives the {@code expected} answers. Both are stopped after.
     */
    Recovered failover(Path stateDir, Path secondStateDir, QueryAnswers expected) throws Exception {
        Directories.deleteRecursively(secondStateDir);
        FlytStreamsApp first = instances.start(stateDir, 1);
        FlytStreamsApp second = null;
        try {
            // The first instance is RUNNING before the second joins, so that it keeps the active tasks (its stores are
            // caught up) and the new one gets standby replicas of them.
            first.awaitRunning(timeout);
            second = instances.start(secondStateDir, 1);
            awaitCorrect(second, expected, System.nanoTime());
            awaitStandbysCaughtUp(List.of(first, second));
            FlytStreamsApp victim = activeTasks(first) >= activeTasks(second) ? first : second;
            FlytStreamsApp survivor = victim == first ? second : first;
            log.info("Failover: stopping the instance with {} active tasks; the other has {} active and {} standby tasks",
                activeTasks(victim), activeTasks(survivor), standbyTasks(survivor));
            long restoredBefore = restoredRecords(survivor);
            long start = System.nanoTime();
            victim.close();
            if (victim == second) {
                second = null;
            } else {
                first = null;
            }
            awaitCorrect(survivor, expected, start);
            return new Recovered(Duration.ofNanos(System.nanoTime() - start), restoredRecords(survivor) - restoredBefore);
        } finally {
            if (first != null) {
                first.close();
            }
            if (second != null) {
                second.close();
            }
        }
    }

    /**
     * Changelog records this instance's restore consumer has read: restoration of active tasks and, while it hosts
     * standby replicas, their updates. (Kafka Streams' own restore-total metric is recorded at DEBUG level only, which
     * would slow down the app under test.)
     */
    static long restoredRecords(FlytStreamsApp app) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> m : app.streams().metrics().entrySet()) {
            MetricName name = m.getKey();
            if (name.group().equals("consumer-fetch-manager-metrics") && name.name().equals("records-consumed-total")
                && name.tags().getOrDefault("client-id", "").endsWith("restore-consumer") && !name.tags().containsKey("topic")
                && m.getValue().metricValue() instanceof Number n) {
                total += n.doubleValue();
            }
        }
        return (long) total;
    }

    private void awaitCorrect(FlytStreamsApp app, QueryAnswers expected, long since) throws Exception {
        ApiClient api = new ApiClient(app.api().port());
        long deadline = since + timeout.toNanos();
        long nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!expected.matchedBy(api)) {
            app.ensureAlive();
            long now = System.nanoTime();
            if (now > deadline) {
                throw new TimeoutException("the restarted instance did not give the expected answers within " + timeout
                    + " (state " + app.streams().state() + ")");
            }
            if (now > nextProgress) {
                out.printf("  recovery: %d s, streams state %s%n", TimeUnit.NANOSECONDS.toSeconds(now - since), app.streams().state());
                out.flush();
                nextProgress += TimeUnit.SECONDS.toNanos(10);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Waits until every instance is RUNNING (no rebalance under way) and no store, active or standby, is behind. */
    private void awaitStandbysCaughtUp(List<FlytStreamsApp> apps) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long reported = -1;
        while (true) {
            boolean running = true;
            long behind = 0;
            for (FlytStreamsApp app : apps) {
                app.ensureAlive();
                running &= app.streams().state() == KafkaStreams.State.RUNNING;
                behind += lagBeyondMarkers(app);
            }
            if (running && behind == 0) {
                log.info("Standby replicas caught up");
                return;
            }
            if (behind != reported) {
                out.printf("  recovery: standby replicas %,d records behind%n", behind);
                out.flush();
                reported = behind;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("standby replicas still " + behind + " records behind (or a rebalance under way) after " + timeout);
            }
            Thread.sleep(500);
        }
    }

    private static long lagBeyondMarkers(FlytStreamsApp app) {
        long behind = 0;
        for (Map<Integer, LagInfo> partitions : app.streams().allLocalStorePartitionLags().values()) {
            for (LagInfo lag : partitions.values()) {
                behind += Math.max(0, lag.offsetLag() - CAUGHT_UP_LAG);
            }
        }
        return behind;
    }

    private static int activeTasks(FlytStreamsApp app) {
        return app.streams().metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
    }

    private static int standbyTasks(FlytStreamsApp app) {
        return app.streams().metadataForLocalThreads().stream().mapToInt(t -> t.standbyTasks().size()).sum();
    }
}
