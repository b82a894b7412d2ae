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
import no.flyt.events.RegisterEvent;
import no.flyt.reference.Municipality;
import no.flyt.reference.MunicipalityCatalog;
import no.flyt.serde.AvroSerdeConfig;
import no.flyt.streams.FlytStreamsApp;
import no.flyt.streams.api.StatisticsQueries;
import no.flyt.streams.api.StatisticsSource;
import no.flyt.streams.api.StreamsStatisticsSource;
import no.flyt.streams.config.FlytTopics;
import no.flyt.streams.config.StreamsSettings;
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
    public final TestOutputTopic<String, byte[]> deadLetters;

    public TopologyFixture(Path stateDir) {
        Map<String, Object> serdeConfig = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + UUID.randomUUID());
        topics = FlytTopics.create("", serdeConfig, 4);
        Properties config = StreamsSettings.streamsConfig("unused:9092", (String) serdeConfig.get(AvroSerdeConfig.SCHEMA_REGISTRY_URL),
            stateDir, topics, new Properties());
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

    /** Lets the wall-clock punctuation forward the deltas the person processors have summed since the last one. */
    public void forwardPendingDeltas() {
        driver.advanceWallClockTime(PendingDeltas.INTERVAL);
    }

    /** Lets the wall-clock punctuation publish the years whose months changed since the last publication. */
    public void publishChangedYears() {
        driver.advanceWallClockTime(YearSums.INTERVAL);
    }

    public KeyValueStore<String, CellCounts> statisticsStore() {
        return driver.getKeyValueStore(RegionFlowsTopology.REGION_STATISTICS_STORE);
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

    /** The statistics store as a query source, the way the API reads the local stores. */
    public StatisticsSource source() {
        return (codes, from, to) -> {
            Map<String, NavigableMap<YearMonth, CellCounts>> result = new TreeMap<>();
            KeyValueStore<String, CellCounts> store = statisticsStore();
            for (String code : codes) {
                NavigableMap<YearMonth, CellCounts> months = StreamsStatisticsSource.range(store, code, from, to);
                if (!months.isEmpty()) {
                    result.put(code, months);
                }
            }
            return result;
        };
    }

    public StatisticsQueries queries() {
        return new StatisticsQueries(() -> MunicipalityCatalog.bundled().current(), source());
    }

    @Override
    public void close() {
        driver.close();
    }
}
