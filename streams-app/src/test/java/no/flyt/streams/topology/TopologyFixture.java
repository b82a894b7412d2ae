package no.flyt.streams.topology;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import no.flyt.aggregates.RegionFlows;
import no.flyt.events.BaselinePerson;
import no.flyt.events.EmploymentEvent;
import no.flyt.events.RegisterEvent;
import no.flyt.reference.Municipality;
import no.flyt.reference.MunicipalityCatalog;
import no.flyt.serde.AvroSerdeConfig;
import no.flyt.streams.FlytStreamsApp;
import no.flyt.streams.codec.CellCounts;
import no.flyt.streams.config.FlytSettings;
import no.flyt.streams.config.FlytTopics;
import no.flyt.streams.config.StreamsSettings;
import no.flyt.streams.output.RegionStatisticsRecords;
import no.flyt.streams.query.StatisticsQueries;
import no.flyt.streams.query.StatisticsReader;
import no.flyt.streams.regions.Geography;
import no.flyt.streams.regions.RegionKey;
import no.flyt.streams.regions.Regions;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** The whole streams topology in a {@link TopologyTestDriver}, with reference data loaded. */
public final class TopologyFixture implements AutoCloseable {

    public final FlytTopics topics;
    public final TopologyTestDriver driver;
    private final TestInputTopic<String, RegisterEvent> events;
    private final TestInputTopic<String, BaselinePerson> baseline;
    private final TestInputTopic<String, EmploymentEvent> employment;
    public final TestOutputTopic<String, byte[]> deadLetters;
    private final FlytSettings settings;

    public TopologyFixture(Path stateDir) {
        Map<String, Object> serdeConfig = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + UUID.randomUUID());
        topics = FlytTopics.create("", serdeConfig, 4);
        Properties config = StreamsSettings.streamsConfig("unused:9092", (String) serdeConfig.get(AvroSerdeConfig.SCHEMA_REGISTRY_URL),
            stateDir, topics, new Properties());
        settings = FlytSettings.of(config);
        driver = new TopologyTestDriver(FlytStreamsApp.buildTopology(topics, config), config);
        TestInputTopic<String, Municipality> reference = driver.createInputTopic(topics.municipalities().name(),
            Serdes.String().serializer(), topics.municipalities().valueSerde().serializer());
        for (Municipality m : MunicipalityCatalog.bundled().all()) {
            reference.pipeInput(m.getCode(), m);
        }
        events = driver.createInputTopic(topics.registerEvents().name(), Serdes.String().serializer(),
            topics.registerEvents().valueSerde().serializer());
        baseline = driver.createInputTopic(topics.baselinePersons().name(), Serdes.String().serializer(),
            topics.baselinePersons().valueSerde().serializer());
        employment = driver.createInputTopic(topics.employmentEvents().name(), Serdes.String().serializer(),
            topics.employmentEvents().valueSerde().serializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters().name(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }

    public void send(RegisterEvent... batch) {
        send(List.of(batch));
    }

    public void send(Collection<RegisterEvent> batch) {
        for (RegisterEvent e : batch) {
            events.pipeInput(e.getPersonId(), e, e.getRecordedAt());
        }
        forwardPendingDeltas();
    }

    public void baseline(BaselinePerson... persons) {
        baseline(List.of(persons));
    }

    public void baseline(Collection<BaselinePerson> persons) {
        for (BaselinePerson p : persons) {
            baseline.pipeInput(p.getPersonId(), p, p.getExtractDate().atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
        }
        forwardPendingDeltas();
    }

    public void employment(EmploymentEvent... batch) {
        employment(List.of(batch));
    }

    public void employment(Collection<EmploymentEvent> batch) {
        for (EmploymentEvent e : batch) {
            employment.pipeInput(e.getPersonId(), e, e.getRecordedAt());
        }
        forwardPendingDeltas();
    }

    /** Lets the wall-clock punctuation forward the deltas the person processors have summed since the last one. */
    public void forwardPendingDeltas() {
        driver.advanceWallClockTime(settings.combineInterval());
    }

    /** Lets the wall-clock punctuation publish the years whose months changed since the last publication. */
    public void publishChangedYears() {
        driver.advanceWallClockTime(settings.yearlyInterval());
    }

    public KeyValueStore<String, CellCounts> statisticsStore() {
        return driver.getKeyValueStore(StatisticsTopology.REGION_STATISTICS_STORE);
    }

    /** The v1 flows of every region-month, as the API derives them from the statistics store. */
    public Map<String, RegionFlows> flows() {
        Map<String, RegionFlows> flows = new TreeMap<>();
        try (var all = statisticsStore().all()) {
            all.forEachRemaining(kv -> flows.put(kv.key, RegionStatisticsRecords.flows(kv.key, kv.value)));
        }
        return flows;
    }

    /** The cells of one municipality-month ({@link CellCounts#EMPTY} when never touched). */
    public CellCounts cells(String code2024, YearMonth month) {
        CellCounts c = statisticsStore().get(RegionKey.of(no.flyt.aggregates.RegionType.MUNICIPALITY, code2024, month));
        return c == null ? CellCounts.EMPTY : c;
    }

    /** The statistics store as the query layer reads it, the way the API reads the local stores. */
    public StatisticsReader reader() {
        return (regions, from, to) -> {
            Map<String, NavigableMap<YearMonth, CellCounts>> result = new TreeMap<>();
            KeyValueStore<String, CellCounts> store = statisticsStore();
            for (String region : regions) {
                NavigableMap<YearMonth, CellCounts> months = StreamsStatistics.range(store, region, from, to);
                if (!months.isEmpty()) {
                    result.put(region, months);
                }
            }
            return result;
        };
    }

    /** The reference data flyt ships, as the query layer sees it. */
    public static Geography geography() {
        return new Geography() {
            @Override
            public java.util.Optional<Municipality> municipality(String code) {
                return MunicipalityCatalog.bundled().byCode(code);
            }

            @Override
            public List<Municipality> municipalities2024() {
                return MunicipalityCatalog.bundled().current();
            }
        };
    }

    public StatisticsQueries queries() {
        return new StatisticsQueries(new Regions(geography()), reader());
    }

    @Override
    public void close() {
        driver.close();
    }
}
