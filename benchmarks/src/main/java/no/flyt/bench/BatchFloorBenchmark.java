package no.flyt.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import no.flyt.events.BaselinePerson;
import no.flyt.events.RegisterEvent;
import no.flyt.producers.io.EventFileReader;
import no.flyt.producers.io.EventSet;
import no.flyt.producers.io.ReadResult;
import no.flyt.streams.recount.BatchRecount;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch floor: the independent batch recount ({@link BatchRecount}) of the same event set, from reading the
 * files to the finished aggregates. It has no broker, no exactly-once and no state stores, so it tells what the
 * counting itself costs; the end-to-end figure can be read against it.
 *
 * <p>The recount holds the whole history in memory (about 3 GiB of heap at scale 0.1), more than the bench JVM may
 * use, so it runs in a child JVM of its own with the same class path ({@link #main}).
 */
final class BatchFloorBenchmark {

    private static final Logger log = LoggerFactory.getLogger(BatchFloorBenchmark.class);
    private static final String RESULT = "BATCH-FLOOR-RESULT";

    /** A timed recount and the peak heap the recount JVM used. */
    record Result(Measurement measurement, long peakHeapBytes) {
    }

    private BatchFloorBenchmark() {
    }

    /** Runs the recount in a child JVM with {@code maxHeap} (as for -Xmx, e.g. "4g"). */
    static Result runInChildJvm(Path eventSet, String maxHeap, Duration timeout) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path output = Files.createTempFile("flyt-batch-floor-", ".out");
        try {
            Process child = new ProcessBuilder(java.toString(), "-Xmx" + maxHeap, "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), BatchFloorBenchmark.class.getName(), eventSet.toAbsolutePath().toString(),
                output.toAbsolutePath().toString())
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
            if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                child.destroyForcibly().waitFor();
                throw new IOException("the batch recount did not finish within " + timeout);
            }
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            String[] result = lines.stream().filter(l -> l.startsWith(RESULT + " ")).findFirst().map(l -> l.split(" ")).orElse(null);
            if (child.exitValue() != 0 || result == null) {
                throw new IOException("the batch recount failed (exit " + child.exitValue() + ", out of memory with -Xmx" + maxHeap
                    + "?)" + (lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1)));
            }
            return new Result(new Measurement("independent batch recount", Long.parseLong(result[1]), Duration.ofNanos(Long.parseLong(result[2]))),
                Long.parseLong(result[3]));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The child JVM: recounts the event set given as the first argument and writes the result line to the second. */
    public static void main(String[] args) throws IOException {
        try (MemorySampler memory = new MemorySampler()) {
            Measurement m = run(EventSet.open(Path.of(args[0])));
            Files.writeString(Path.of(args[1]), RESULT + " " + m.records() + " " + m.elapsed().toNanos() + " " + memory.peakHeapBytes() + "\n");
        }
    }

    /** Recounts in this JVM. */
    static Measurement run(EventSet eventSet) throws IOException {
        long start = System.nanoTime();
        Counting<BaselinePerson> baseline;
        Counting<RegisterEvent> events;
        try (EventFileReader<BaselinePerson> baselineReader = open(eventSet.baseline().orElse(null), BaselinePerson.class);
             EventFileReader<RegisterEvent> eventsReader = open(eventSet.events().orElse(null), RegisterEvent.class)) {
            // Read while counting: the recount goes through each input once, and the files are read on its clock as
            // the end-to-end replay reads them on its own.
            baseline = new Counting<>(baselineReader);
            events = new Counting<>(eventsReader);
            BatchRecount recount = BatchRecount.of(baseline, events);
            log.info("Batch recount: {} statistics cells, {} rejected records", recount.cells().size(), recount.rejections().size());
        }
        return new Measurement("independent batch recount", baseline.count + events.count, Duration.ofNanos(System.nanoTime() - start));
    }

    private static <T extends SpecificRecord> EventFileReader<T> open(Path file, Class<T> type) throws IOException {
        return file == null ? null : EventFileReader.open(file, type);
    }

    /** The well-formed records of a file (none without a file), read once, counted as they are handed out. */
    private static final class Counting<T extends SpecificRecord> implements Iterable<T> {

        private final Iterator<ReadResult<T>> items;
        private long count;

        Counting(EventFileReader<T> reader) {
            this.items = reader == null ? List.<ReadResult<T>>of().iterator() : reader.iterator();
        }

        @Override
        public Iterator<T> iterator() {
            return new Iterator<>() {
                private T next;

                @Override
                public boolean hasNext() {
                    while (next == null && items.hasNext()) {
                        ReadResult<T> item = items.next();
                        if (!item.isMalformed()) {
                            next = item.record();
                        }
                    }
                    return next != null;
                }

                @Override
                public T next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    T result = next;
                    next = null;
                    count++;
                    return result;
                }
            };
        }
    }
}
