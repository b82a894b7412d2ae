package no.flyt.streams.topology;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The year of a region, derived from its months rather than kept as a second aggregate: whenever a region-month's
 * statistics are published (once per commit, when the store's cache is flushed), the months of its year are read back
 * from the same store with one prefix scan and their sum is forwarded under the year key. The partitioner puts every
 * month of a region in one task, so the scan sees the whole year; no state of its own means nothing more to restore.
 * If several months of one year change within a commit, the year is published once for each, with the same value.
 */
final class YearSums implements Processor<String, CellCounts, String, CellCounts> {

    private static final StringSerializer KEYS = new StringSerializer();

    private final String monthStoreName;
    private ProcessorContext<String, CellCounts> context;
    private TimestampedKeyValueStore<String, CellCounts> months;

    YearSums(String monthStoreName) {
        this.monthStoreName = monthStoreName;
    }

    @Override
    public void init(ProcessorContext<String, CellCounts> context) {
        this.context = context;
        this.months = context.getStateStore(monthStoreName);
    }

    @Override
    public void process(Record<String, CellCounts> month) {
        String year = RegionKey.yearKeyOf(month.key());
        context.forward(month.withKey(year).withValue(sum(months, year)));
    }

    /** The cell-wise sum of the months of {@code yearKey} in {@code months}. */
    static CellCounts sum(TimestampedKeyValueStore<String, CellCounts> months, String yearKey) {
        CellCounts sum = CellCounts.EMPTY;
        try (KeyValueIterator<String, ValueAndTimestamp<CellCounts>> scan =
                 months.prefixScan(RegionKey.monthsPrefixOf(yearKey), KEYS)) {
            while (scan.hasNext()) {
                KeyValue<String, ValueAndTimestamp<CellCounts>> month = scan.next();
                if (month.value != null) {
                    sum = sum.plus(month.value.value());
                }
            }
        }
        return sum;
    }
}
