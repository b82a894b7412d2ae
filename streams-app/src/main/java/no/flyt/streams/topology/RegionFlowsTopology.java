package no.flyt.streams.topology;

import no.flyt.aggregates.RegionFlows;
import no.flyt.aggregates.RegionType;
import no.flyt.events.RegisterEvent;
import no.flyt.reference.Municipality;
import no.flyt.streams.config.FlytTopics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Monthly migration flows per 2024 municipality, county and centrality class, in event time.
 *
 * <pre>
 * register-events (key person id)
 *   -> count-event-versions (per original event id: dedup, corrections, annulments; reference lookup in the
 *      municipalities GlobalKTable) -> rejected -> dead-letters
 *                                    -> signed deltas keyed region:month
 *   -> repartition by region -> sum per region-month (store region-flows) -> region-flows topic (compacted)
 * </pre>
 */
public final class RegionFlowsTopology {

    public static final String MUNICIPALITIES_STORE = "municipalities";
    public static final String EVENT_VERSIONS_STORE = "event-versions";
    public static final String REGION_FLOWS_STORE = "region-flows";
    public static final String DELTAS_REPARTITION = "region-flow-deltas";

    private RegionFlowsTopology() {
    }

    public static void addTo(StreamsBuilder builder, FlytTopics topics) {
        builder.globalTable(topics.municipalities().name(),
            Consumed.with(topics.municipalities().keySerde(), topics.municipalities().valueSerde()).withName("municipalities-source"),
            Materialized.<String, Municipality, KeyValueStore<Bytes, byte[]>>as(MUNICIPALITIES_STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(topics.municipalities().valueSerde()));

        builder.addStateStore(Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(EVENT_VERSIONS_STORE), Serdes.String(), CountedEvent.serde()));

        KStream<String, RegisterEvent> events = builder.stream(topics.registerEvents().name(),
            Consumed.with(topics.registerEvents().keySerde(), topics.registerEvents().valueSerde()).withName("register-events-source"));

        var routes = events
            .process(() -> new EventVersionProcessor(EVENT_VERSIONS_STORE, MUNICIPALITIES_STORE), Named.as("count-event-versions"), EVENT_VERSIONS_STORE)
            .split(Named.as("route-"))
            .branch((key, routed) -> routed instanceof Routed.Rejected, Branched.as("rejected"))
            .defaultBranch(Branched.as("counted"));

        var registerEventSerializer = topics.registerEvents().valueSerde().serializer();
        routes.get("route-rejected")
            .mapValues((key, routed) -> registerEventSerializer.serialize(topics.registerEvents().name(), ((Routed.Rejected) routed).event()),
                Named.as("rejected-event-bytes"))
            .to(topics.deadLetters().name(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dead-letters-sink"));

        routes.get("route-counted")
            .mapValues(routed -> ((Routed.Delta) routed).delta(), Named.as("delta"))
            .repartition(Repartitioned.<String, FlowDelta>with(Serdes.String(), FlowDelta.serde())
                .withName(DELTAS_REPARTITION)
                .withStreamPartitioner(new RegionPartitioner<>()))
            .groupByKey()
            .aggregate(RegionFlowsTopology::empty, (key, delta, flows) -> add(key, delta, flows),
                Named.as("sum-region-flows"),
                Materialized.<String, RegionFlows, KeyValueStore<Bytes, byte[]>>as(REGION_FLOWS_STORE)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(topics.regionFlows().valueSerde()))
            .toStream(Named.as("region-flows-updates"))
            .to(topics.regionFlows().name(),
                Produced.with(Serdes.String(), topics.regionFlows().valueSerde())
                    .withStreamPartitioner(new RegionPartitioner<>())
                    .withName("region-flows-sink"));
    }

    static RegionFlows empty() {
        return new RegionFlows(RegionType.MUNICIPALITY, "", "", 0L, 0L, 0L, 0L, 0L);
    }

    static RegionFlows add(String key, FlowDelta delta, RegionFlows flows) {
        long in = flows.getDomesticIn() + delta.domesticIn();
        long out = flows.getDomesticOut() + delta.domesticOut();
        long immigrations = flows.getImmigrations() + delta.immigrations();
        long emigrations = flows.getEmigrations() + delta.emigrations();
        return new RegionFlows(RegionKey.typeOf(key), RegionKey.codeOf(key), RegionKey.monthOf(key).toString(),
            in, out, immigrations, emigrations, in - out + immigrations - emigrations);
    }
}
