package no.flyt.streams.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates flyt's topics where they are missing; existing topics are left as they are. */
public final class TopicCreator {

    private static final Logger log = LoggerFactory.getLogger(TopicCreator.class);

    private TopicCreator() {
    }

    /**
     * Creates the missing topics and waits until the leader of every partition of them has opened its log. A topic's
     * partitions get a leader in the metadata before the leader has created the log; an idempotent producer that
     * writes in that gap can have its first batch refused (NOT_LEADER_OR_FOLLOWER) while its second, sent in
     * parallel, is accepted once the log exists, after which the retried first batch is out of sequence for good and
     * the producer stalls until its delivery timeout. Listing the partitions' end offsets succeeds only once the
     * logs exist.
     */
    public static void ensure(Admin admin, Collection<TopicSpec<?, ?>> topics, short replicationFactor) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec<?, ?> t : topics) {
                if (!existing.contains(t.name())) {
                    missing.add(new NewTopic(t.name(), t.partitions(), replicationFactor).configs(t.configs()));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
                missing.forEach(t -> log.info("Created topic {} ({} partitions, {})", t.name(), t.numPartitions(), t.configs()));
                awaitWritable(admin, missing.stream().map(NewTopic::name).toList());
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("cannot create flyt's topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while creating topics", e);
        }
    }

    private static void awaitWritable(Admin admin, List<String> names)
        throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            boolean ready;
            try {
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                for (TopicDescription d : admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                    d.partitions().forEach(p -> partitions.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
                }
                admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS);
                ready = true;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw e;
                }
                ready = false; // metadata not propagated yet, or a leader without its log
            }
            if (ready) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("topics " + names + " have partitions that are not writable after 60 s");
            }
            Thread.sleep(100);
        }
    }
}
