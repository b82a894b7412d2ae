package no.flyt.streams.config;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic with the serdes its keys and values are read and written with, and how it is created.
 *
 * @param name       full topic name
 * @param keySerde   configured key serde
 * @param valueSerde configured value serde
 * @param partitions partition count used when flyt creates the topic
 * @param configs    topic configs used when flyt creates it (e.g. cleanup.policy=compact)
 */
public record TopicSpec<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions, Map<String, String> configs) {
}
