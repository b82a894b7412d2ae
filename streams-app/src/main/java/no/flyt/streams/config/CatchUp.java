package no.flyt.streams.config;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells when a streams application has absorbed its input: its committed offsets have reached the end of every
 * input topic and of its own repartition topics. With exactly-once, a committed offset means the results of
 * everything before it are committed too, so the state stores and output topics then reflect the whole input.
 */
public final class CatchUp {

    /** Longer than the app's combining interval plus a poll: see {@link #await}. */
    static final Duration SECOND_LOOK_AFTER = Duration.ofMillis(750);

    private CatchUp() {
    }

    /** Total records between the committed offsets and the end of the input and repartition topics. */
    public static long lag(Admin admin, String applicationId, Collection<String> inputTopics)
        throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
            .filter(t -> inputTopics.contains(t) || (t.startsWith(applicationId + "-") && t.endsWith("-repartition")))
            .collect(Collectors.toSet());
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
            d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long lag = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(end.getKey());
            long position = c == null ? 0 : c.offset();
            lag += Math.max(0, end.getValue().offset() - position);
        }
        return lag;
    }

    /**
     * Waits until the lag is zero twice in a row, {@link #SECOND_LOOK_AFTER} apart: the second look catches records
     * that were produced into a repartition topic after the first one (deltas wait up to 100 ms in the app before
     * they are forwarded, and then up to a commit interval before they are visible). {@code ensureAlive} is called on
     * every look and throws if the app has failed.
     */
    public static void await(Admin admin, String applicationId, Collection<String> inputTopics, Duration timeout,
                             Runnable ensureAlive) throws ExecutionException, InterruptedException, TimeoutException {
        await(admin, applicationId, inputTopics, timeout, ensureAlive, lag -> { });
    }

    /** As {@link #await(Admin, String, Collection, Duration, Runnable)}, telling {@code lagListener} every lag it sees. */
    public static void await(Admin admin, String applicationId, Collection<String> inputTopics, Duration timeout,
                             Runnable ensureAlive, java.util.function.LongConsumer lagListener)
        throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int zeroes = 0;
        long lag = -1;
        while (zeroes < 2) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(applicationId + " has not caught up after " + timeout + " (lag " + lag + " records)");
            }
            ensureAlive.run();
            lag = lag(admin, applicationId, inputTopics);
            lagListener.accept(lag);
            zeroes = lag == 0 ? zeroes + 1 : 0;
            if (zeroes < 2) {
                Thread.sleep(zeroes == 1 ? SECOND_LOOK_AFTER.toMillis() : 250);
            }
        }
    }
}
