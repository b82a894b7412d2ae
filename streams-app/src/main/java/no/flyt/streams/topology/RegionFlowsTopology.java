package no.flyt.streams.topology;

import no.flyt.aggregates.RegionFlows;
import no.flyt.aggregates.RegionType;
import no.flyt.events.BaselinePerson;
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
 * The live aggregates, in event time.
 *
 * <pre>
 * register-events (key person id)  -> count-event-versions \   per person (store person-history): dedup, corrections,
 * baseline-persons (key person id) -> count-baseline        /   annulments, held deaths; reference lookup in the
 *                                                               municipalities GlobalKTable
 *   -> rejected                -> dead-letters
 *   -> flow deltas (key region:month, municipality/county/class)
 *        -> repartition by region -> sum (store region-flows) -> region-flows topic (compacted)
 *   -> statistics deltas (key MUNICIPALITY:code:month, sparse cells)
 *        -> repartition by municipality -> sum (store region-statistics) -> region-statistics topic (compacted)
 * </pre>
 *
 * The statistics are kept per municipality only: counties, centrality classes, size bands and years are summed at
 * query time, which costs one or two store updates per event instead of up to six.
 */
public final class RegionFlowsTopology {

    public static final String MUNICIPALITIES_STORE = "municipalities";
    public static final String PERSONS_STORE = "person-history";
    public static final String REGION_FLOWS_STORE = "region-flows";
    public static final String REGION_STATISTICS_STORE = "region-statistics";
    public static final String DELTAS_REPARTITION = "region-flow-deltas";
    public static final String STATISTICS_REPARTITION = "region-statistics-deltas";

    private RegionFlowsTopology() {
    }

    public static void addTo(StreamsBuilder builder, FlytTopics topics) {
        builder.globalTable(topics.municipalities().name(),
            Consumed.with(topics.municipalities().keySerde(), topics.municipalities().valueSerde()).withName("municipalities-source"),
            Materialized.<String, Municipality, KeyValueStore<Bytes, byte[]>>as(MUNICIPALITIES_STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(topics.municipalities().valueSerde()));

        builder.addStateStore(Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(PERSONS_STORE), Serdes.String(), PersonHistory.serde()));

        KStream<String, Routed> fromEvents = builder.stream(topics.registerEvents().name(),
                Consumed.with(topics.registerEvents().keySerde(), topics.registerEvents().valueSerde()).withName("register-events-source"))
            .process(() -> new EventVersionProcessor(PERSONS_STORE, MUNICIPALITIES_STORE), Named.as("count-event-versions"), PERSONS_STORE);
        KStream<String, Routed> fromBaseline = builder.stream(topics.baselinePersons().name(),
                Consumed.with(topics.baselinePersons().keySerde(), topics.baselinePersons().valueSerde()).withName("baseline-persons-source"))
            .process(() -> new BaselineProcessor(PERSONS_STORE, MUNICIPALITIES_STORE), Named.as("count-baseline"), PERSONS_STORE);

        var routes = fromEvents.merge(fromBaseline, Named.as("person-changes"))
            .split(Named.as("route-"))
            .branch((key, routed) -> routed instanceof Routed.Rejected, Branched.as("rejected"))
            .branch((key, routed) -> routed instanceof Routed.Delta, Branched.as("flows"))
            .defaultBranch(Branched.as("statistics"));

        var registerEventSerializer = topics.registerEvents().valueSerde().serializer();
        var baselineSerializer = topics.baselinePersons().valueSerde().serializer();
        routes.get("route-rejected")
            .mapValues((key, routed) -> {
                Object value = ((Routed.Rejected) routed).value();
                return value instanceof RegisterEvent event
                    ? registerEventSerializer.serialize(topics.registerEvents().name(), event)
                    : baselineSerializer.serialize(topics.baselinePersons().name(), (BaselinePerson) value);
            }, Named.as("rejected-record-bytes"))
            .to(topics.deadLetters().name(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dead-letters-sink"));

        routes.get("route-flows")
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

        routes.get("route-statistics")
            .mapValues(routed -> ((Routed.Cells) routed).cells(), Named.as("cells"))
            .repartition(Repartitioned.<String, CellCounts>with(Serdes.String(), CellCounts.serde())
                .withName(STATISTICS_REPARTITION)
                .withStreamPartitioner(new RegionPartitioner<>()))
            .groupByKey()
            .aggregate(() -> CellCounts.EMPTY, (key, delta, sum) -> sum.plus(delta),
                Named.as("sum-region-statistics"),
                Materialized.<String, CellCounts, KeyValueStore<Bytes, byte[]>>as(REGION_STATISTICS_STORE)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(CellCounts.serde()))
            .toStream(Named.as("region-statistics-updates"))
            .mapValues(RegionStatisticsRecords::toAvro, Named.as("region-statistics-records"))
            .to(topics.regionStatistics().name(),
                Produced.with(Serdes.String(), topics.regionStatistics().valueSerde())
                    .withStreamPartitioner(new RegionPartitioner<>())
                    .withName("region-statistics-sink"));
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
