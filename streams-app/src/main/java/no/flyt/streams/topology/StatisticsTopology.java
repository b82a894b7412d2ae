package no.flyt.streams.topology;

import java.util.List;
import no.flyt.aggregates.RegionStatistics;
import no.flyt.aggregates.YearlyRegionStatistics;
import no.flyt.events.BaselinePerson;
import no.flyt.events.EmploymentEvent;
import no.flyt.events.RegisterEvent;
import no.flyt.reference.Municipality;
import no.flyt.streams.codec.CellCounts;
import no.flyt.streams.codec.PersonHistorySerde;
import no.flyt.streams.config.FlytTopics;
import no.flyt.streams.output.RegionStatisticsRecords;
import no.flyt.streams.output.RegionStatisticsSerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
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
 * register-events + employment-events (key person id) -> count-event-versions \  per person (store person-history):
 * baseline-persons (key person id)                     -> count-baseline        /  dedup, corrections, annulments,
 *                                                          held deaths, the employment register joined on the person;
 *                                                          reference lookup in the municipalities GlobalKTable
 *   -> rejected                -> dead-letters
 *   -> statistics deltas, summed per municipality-month for 100 ms (stores pending-*-deltas), then
 *      forwarded with their county, centrality class and size band sums (key REGION_TYPE:code:month, sparse cells)
 *        -> repartition by region -> sum (store region-statistics) -> region-statistics topic (compacted)
 *                                                                     -> changed years (store changed-region-years), 1 s
 *                                                                        after the months stop changing or every 10 s:
 *                                                                        sum of the year's months -> yearly topic
 *                                                                     -> flow totals -> region-flows topic (compacted, v1)
 * </pre>
 *
 * Years are sums of months: published from the month store ({@link YearSums}) and summed the same way by the query
 * API. The v1 region flows are four totals of the statistics of the same key.
 */
public final class StatisticsTopology {

    public static final String MUNICIPALITIES_STORE = "municipalities";
    public static final String PERSONS_STORE = "person-history";
    public static final String REGION_STATISTICS_STORE = "region-statistics";
    public static final String STATISTICS_REPARTITION = "region-statistics-deltas";

    private StatisticsTopology() {
    }

    public static void addTo(StreamsBuilder builder, FlytTopics topics) {
        builder.globalTable(topics.municipalities().name(),
            Consumed.with(topics.municipalities().keySerde(), topics.municipalities().valueSerde()).withName("municipalities-source"),
            Materialized.<String, Municipality, KeyValueStore<Bytes, byte[]>>as(MUNICIPALITIES_STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(topics.municipalities().valueSerde()));

        builder.addStateStore(Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(PERSONS_STORE), Serdes.String(), PersonHistorySerde.serde()));
        builder.addStateStore(PendingDeltas.storeBuilder(PendingDeltas.EVENTS_STORE));
        builder.addStateStore(PendingDeltas.storeBuilder(PendingDeltas.BASELINE_STORE));
        builder.addStateStore(YearSums.storeBuilder());

        KStream<String, Routed> fromEvents = builder.stream(List.of(topics.registerEvents().name(), topics.employmentEvents().name()),
                Consumed.with(Serdes.String(), topics.personRecords()).withName("register-events-source"))
            .process(() -> new EventVersionProcessor(PERSONS_STORE, MUNICIPALITIES_STORE, topics.registerEvents().name(),
                    topics.employmentEvents().name()), Named.as("count-event-versions"), PERSONS_STORE, PendingDeltas.EVENTS_STORE);
        KStream<String, Routed> fromBaseline = builder.stream(topics.baselinePersons().name(),
                Consumed.with(topics.baselinePersons().keySerde(), topics.baselinePersons().valueSerde()).withName("baseline-persons-source"))
            .process(() -> new BaselineProcessor(PERSONS_STORE, MUNICIPALITIES_STORE), Named.as("count-baseline"),
                PERSONS_STORE, PendingDeltas.BASELINE_STORE);

        var routes = fromEvents.merge(fromBaseline, Named.as("person-changes"))
            .split(Named.as("route-"))
            .branch((key, routed) -> routed instanceof Routed.Rejected, Branched.as("rejected"))
            .defaultBranch(Branched.as("statistics"));

        var registerEventSerializer = topics.registerEvents().valueSerde().serializer();
        var baselineSerializer = topics.baselinePersons().valueSerde().serializer();
        var employmentSerializer = topics.employmentEvents().valueSerde().serializer();
        routes.get("route-rejected")
            .mapValues((key, routed) -> {
                Object value = ((Routed.Rejected) routed).value();
                if (value instanceof RegisterEvent event) {
                    return registerEventSerializer.serialize(topics.registerEvents().name(), event);
                }
                if (value instanceof EmploymentEvent employment) {
                    return employmentSerializer.serialize(topics.employmentEvents().name(), employment);
                }
                if (value instanceof BaselinePerson person) {
                    return baselineSerializer.serialize(topics.baselinePersons().name(), person);
                }
                // a record of a schema the topic does not hold: its JSON form (serializing it under the topic's
                // subject would register a foreign schema there)
                return value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }, Named.as("rejected-record-bytes"))
            .to(topics.deadLetters().name(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dead-letters-sink"));

        KTable<String, CellCounts> statistics = routes.get("route-statistics")
            .mapValues(routed -> ((Routed.Cells) routed).cells(), Named.as("cells"))
            .repartition(Repartitioned.<String, CellCounts>with(Serdes.String(), CellCounts.serde())
                .withName(STATISTICS_REPARTITION)
                .withStreamPartitioner(new RegionPartitioner<>()))
            .groupByKey()
            .aggregate(() -> CellCounts.EMPTY, (key, delta, sum) -> sum.plus(delta),
                Named.as("sum-region-statistics"),
                Materialized.<String, CellCounts, KeyValueStore<Bytes, byte[]>>as(REGION_STATISTICS_STORE)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(CellCounts.storeSerde()));
        KStream<String, CellCounts> monthUpdates = statistics.toStream(Named.as("region-statistics-updates"));
        monthUpdates
            .mapValues(KeyValue::pair, Named.as("region-statistics-records"))
            .to(topics.regionStatistics().name(), Produced.with(Serdes.String(),
                    writeOnly(RegionStatisticsSerializer.monthly(topics.regionStatistics().valueSerde().serializer()), RegionStatistics.class))
                .withStreamPartitioner(new RegionPartitioner<>())
                .withName("region-statistics-sink"));

        monthUpdates
            .process(() -> new YearSums(REGION_STATISTICS_STORE), Named.as("sum-region-years"),
                REGION_STATISTICS_STORE, YearSums.CHANGED_YEARS_STORE)
            .mapValues(KeyValue::pair, Named.as("yearly-region-statistics-records"))
            .to(topics.yearlyRegionStatistics().name(), Produced.with(Serdes.String(),
                    writeOnly(RegionStatisticsSerializer.yearly(topics.yearlyRegionStatistics().valueSerde().serializer()),
                        YearlyRegionStatistics.class))
                .withStreamPartitioner(new RegionPartitioner<>())
                .withName("yearly-region-statistics-sink"));

        // The v1 flows are read from the statistics store too (StatisticsQueries.flowTotals): a store of their own would be
        // updated only when the statistics cache is flushed, a commit interval later than the statistics.
        statistics.toStream(Named.as("region-flows-updates"))
            .mapValues(RegionStatisticsRecords::flows, Named.as("flow-totals"))
            .to(topics.regionFlows().name(),
                Produced.with(Serdes.String(), topics.regionFlows().valueSerde())
                    .withStreamPartitioner(new RegionPartitioner<>())
                    .withName("region-flows-sink"));
    }

    /** A serde for records that are written, never read back, with this serializer (read them as {@code readAs}). */
    private static Serde<KeyValue<String, CellCounts>> writeOnly(Serializer<KeyValue<String, CellCounts>> serializer, Class<?> readAs) {
        return Serdes.serdeFrom(serializer, (topic, bytes) -> {
            throw new UnsupportedOperationException("written only; read the topic as " + readAs.getName());
        });
    }
}
