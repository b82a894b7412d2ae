package no.flyt.streams.config;

import java.util.List;
import java.util.Map;
import no.flyt.aggregates.RegionFlows;
import no.flyt.aggregates.RegionStatistics;
import no.flyt.aggregates.YearlyRegionStatistics;
import no.flyt.events.BaselinePerson;
import no.flyt.events.EmploymentEvent;
import no.flyt.events.RegisterEvent;
import no.flyt.reference.Municipality;
import no.flyt.serde.SpecificAvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics flyt reads and writes, each with its serdes: an immutable registry built once per application
 * (or per test, with a prefix that makes the names unique) from the serde configuration.
 */
public final class FlytTopics {

    public static final String REGISTER_EVENTS = "flyt.register-events.v1";
    public static final String BASELINE_PERSONS = "flyt.baseline-persons.v1";
    public static final String EMPLOYMENT_EVENTS = "flyt.employment-events.v1";
    public static final String MUNICIPALITIES = "flyt.reference.municipalities.v1";
    public static final String DEAD_LETTERS = "flyt.dead-letters.v1";
    public static final String REGION_FLOWS = "flyt.region-flows.monthly.v1";
    public static final String REGION_STATISTICS = "flyt.region-statistics.monthly.v1";
    public static final String REGION_STATISTICS_YEARLY = "flyt.region-statistics.yearly.v1";

    /** Register history is kept forever: events dated years back must not fall to time-based retention. */
    private static final Map<String, String> KEEP_FOREVER = Map.of("retention.ms", "-1");
    private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");

    private final TopicSpec<String, RegisterEvent> registerEvents;
    private final TopicSpec<String, BaselinePerson> baselinePersons;
    private final TopicSpec<String, EmploymentEvent> employmentEvents;
    private final Serde<SpecificRecord> personRecords;
    private final TopicSpec<String, Municipality> municipalities;
    private final TopicSpec<String, byte[]> deadLetters;
    private final TopicSpec<String, RegionFlows> regionFlows;
    private final TopicSpec<String, RegionStatistics> regionStatistics;
    private final TopicSpec<String, YearlyRegionStatistics> yearlyRegionStatistics;

    private FlytTopics(String prefix, Map<String, ?> serdeConfig, int partitions) {
        this.registerEvents = new TopicSpec<>(prefix + REGISTER_EVENTS, Serdes.String(),
            valueSerde(serdeConfig, RegisterEvent.class), partitions, KEEP_FOREVER);
        this.baselinePersons = new TopicSpec<>(prefix + BASELINE_PERSONS, Serdes.String(),
            valueSerde(serdeConfig, BaselinePerson.class), partitions, KEEP_FOREVER);
        this.personRecords = valueSerde(serdeConfig, SpecificRecord.class);
        this.employmentEvents = new TopicSpec<>(prefix + EMPLOYMENT_EVENTS, Serdes.String(),
            valueSerde(serdeConfig, EmploymentEvent.class), partitions, KEEP_FOREVER);
        this.municipalities = new TopicSpec<>(prefix + MUNICIPALITIES, Serdes.String(),
            valueSerde(serdeConfig, Municipality.class), 1, COMPACTED);
        this.deadLetters = new TopicSpec<>(prefix + DEAD_LETTERS, Serdes.String(), Serdes.ByteArray(), 1, KEEP_FOREVER);
        this.regionFlows = new TopicSpec<>(prefix + REGION_FLOWS, Serdes.String(),
            valueSerde(serdeConfig, RegionFlows.class), partitions, COMPACTED);
        this.regionStatistics = new TopicSpec<>(prefix + REGION_STATISTICS, Serdes.String(),
            valueSerde(serdeConfig, RegionStatistics.class), partitions, COMPACTED);
        this.yearlyRegionStatistics = new TopicSpec<>(prefix + REGION_STATISTICS_YEARLY, Serdes.String(),
            valueSerde(serdeConfig, YearlyRegionStatistics.class), partitions, COMPACTED);
    }

    /**
     * @param prefix      prepended to every topic name ("" in production; unique per test)
     * @param serdeConfig at least {@code schema.registry.url}; passed to every Avro serde
     * @param partitions  partition count for the partitioned topics flyt creates
     */
    public static FlytTopics create(String prefix, Map<String, ?> serdeConfig, int partitions) {
        return new FlytTopics(prefix, serdeConfig, partitions);
    }

    static <T extends SpecificRecord> Serde<T> valueSerde(Map<String, ?> serdeConfig, Class<T> type) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>();
        serde.configure(serdeConfig, false);
        return serde;
    }

    public TopicSpec<String, RegisterEvent> registerEvents() {
        return registerEvents;
    }

    public TopicSpec<String, BaselinePerson> baselinePersons() {
        return baselinePersons;
    }

    /**
     * The serde of the person-keyed inputs the streams app reads with one source: register events and employment
     * changes (each record's schema id names its class).
     */
    public Serde<SpecificRecord> personRecords() {
        return personRecords;
    }

    /** The employment register's changes, keyed by person id and partitioned like the register events. */
    public TopicSpec<String, EmploymentEvent> employmentEvents() {
        return employmentEvents;
    }

    public TopicSpec<String, Municipality> municipalities() {
        return municipalities;
    }

    /** Rejected records: the original value bytes, the reason in headers (KIP-1034 header names). */
    public TopicSpec<String, byte[]> deadLetters() {
        return deadLetters;
    }

    public TopicSpec<String, RegionFlows> regionFlows() {
        return regionFlows;
    }

    /** Municipality-month statistics with breakdowns and population changes, keyed {@code MUNICIPALITY:0301:2020-03}. */
    public TopicSpec<String, RegionStatistics> regionStatistics() {
        return regionStatistics;
    }

    /** The same statistics per region-year (sums of the months), keyed {@code MUNICIPALITY:0301:2020}. */
    public TopicSpec<String, YearlyRegionStatistics> yearlyRegionStatistics() {
        return yearlyRegionStatistics;
    }

    /**
     * The partitioned topics the streams app consumes with committed offsets: what {@link CatchUp} must wait for.
     * (The municipalities topic is read by a global consumer, which commits no offsets.)
     */
    public List<String> streamsInputTopics() {
        return List.of(registerEvents.name(), baselinePersons.name(), employmentEvents.name());
    }

    /** What the streams app writes: its output topics and the dead-letter topic (what {@code flyt clean} deletes). */
    public List<TopicSpec<?, ?>> outputs() {
        return List.of(regionFlows, regionStatistics, yearlyRegionStatistics, deadLetters);
    }

    /** Every topic flyt creates up front (internal repartition and changelog topics are Kafka Streams' own). */
    public List<TopicSpec<?, ?>> all() {
        return List.of(registerEvents, baselinePersons, employmentEvents, municipalities, deadLetters, regionFlows,
            regionStatistics, yearlyRegionStatistics);
    }
}
