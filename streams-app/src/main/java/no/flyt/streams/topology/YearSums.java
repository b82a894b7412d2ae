package no.flyt.streams.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.flyt.streams.codec.CellCounts;
import no.flyt.streams.config.FlytSettings;
import no.flyt.streams.regions.RegionKey;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The years of the regions, derived from their months rather than kept as a second aggregate. When a region-month's
 * statistics are published (at a commit, when the month store's cache is flushed), its year is noted as changed;
 * every yearly interval ({@link FlytSettings#YEARLY_INTERVAL_MS}) while months keep changing, and one {@link #QUIET}
 * after they stop, the changed years are
 * read back from the month store, each with one prefix scan of its months, and their sums are forwarded under the
 * year keys. The partitioner puts every month of a region in one task, so the scan sees the whole year.
 *
 * <p>A year is the sum of up to twelve large values and is itself as large as a month, so publishing it at every
 * commit for every changed month took almost half of the stream threads' time in the end-to-end benchmark; once per
 * interval and year it is a small fraction. Exactly once: the changed years wait in a changelogged store, committed
 * with the month values that changed them, so a failure between a commit and the next publication loses nothing.
 */
final class YearSums implements Processor<String, CellCounts, String, CellCounts> {

    static final String CHANGED_YEARS_STORE = "changed-region-years";
    /** Changed years are published this long after the last change of a month, without waiting for the interval. */
    static final Duration QUIET = Duration.ofSeconds(1);

    private static final StringSerializer KEYS = new StringSerializer();
    private static final byte[] CHANGED = new byte[0];

    private final String monthStoreName;
    private ProcessorContext<String, CellCounts> context;
    private TimestampedKeyValueStore<String, CellCounts> months;
    private KeyValueStore<String, byte[]> changed;
    private long interval;
    private boolean anyChanged;
    private long lastChange;
    private long lastPublication;

    YearSums(String monthStoreName) {
        this.monthStoreName = monthStoreName;
    }

    static StoreBuilder<KeyValueStore<String, byte[]>> storeBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CHANGED_YEARS_STORE), Serdes.String(), Serdes.ByteArray())
            .withCachingEnabled()
            .withLoggingEnabled(Map.of(TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(Duration.ofMinutes(10).toMillis())));
    }

    @Override
    public void init(ProcessorContext<String, CellCounts> context) {
        this.context = context;
        this.months = context.getStateStore(monthStoreName);
        this.changed = context.getStateStore(CHANGED_YEARS_STORE);
        this.interval = FlytSettings.of(context.appConfigs()).yearlyInterval().toMillis();
        try (KeyValueIterator<String, byte[]> restored = changed.all()) {
            anyChanged = restored.hasNext(); // noted by a failed instance and not published yet
        }
        lastPublication = context.currentSystemTimeMs();
        context.schedule(Duration.ofMillis(Math.min(interval, QUIET.toMillis())), PunctuationType.WALL_CLOCK_TIME, this::maybePublish);
    }

    @Override
    public void process(Record<String, CellCounts> month) {
        changed.put(RegionKey.yearKeyOf(month.key()), CHANGED); // the cache keeps one changelog record per year and commit
        anyChanged = true;
        lastChange = context.currentSystemTimeMs();
    }

    private void maybePublish(long now) {
        if (anyChanged && (now - lastPublication >= interval || now - lastChange >= QUIET.toMillis())) {
            publishChangedYears(now);
            anyChanged = false;
            lastPublication = now;
        }
    }

    private void publishChangedYears(long now) {
        List<String> years = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = changed.all()) {
            all.forEachRemaining(kv -> years.add(kv.key));
        }
        for (String year : years) {
            context.forward(new Record<>(year, sum(months, year), now));
            changed.delete(year);
        }
    }

    /** The cell-wise sum of the months of {@code yearKey} in {@code months}. */
    static CellCounts sum(TimestampedKeyValueStore<String, CellCounts> months, String yearKey) {
        List<CellCounts> values = new ArrayList<>(12);
        try (KeyValueIterator<String, ValueAndTimestamp<CellCounts>> scan =
                 months.prefixScan(RegionKey.monthsPrefixOf(yearKey), KEYS)) {
            while (scan.hasNext()) {
                KeyValue<String, ValueAndTimestamp<CellCounts>> month = scan.next();
                if (month.value != null) {
                    values.add(month.value.value());
                }
            }
        }
        return CellCounts.sumOf(values);
    }
}
