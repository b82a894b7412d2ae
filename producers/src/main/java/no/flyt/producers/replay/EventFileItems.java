package no.flyt.producers.replay;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import no.flyt.events.BaselinePerson;
import no.flyt.events.EmploymentEvent;
import no.flyt.events.RegisterEvent;
import no.flyt.producers.io.EventFileReader;
import no.flyt.producers.io.ReadResult;
import org.apache.avro.specific.SpecificRecord;

/** Turns the records of an event file into replay items: key by person id, timestamp by recording time. */
public final class EventFileItems {

    private EventFileItems() {
    }

    public static Iterator<ReplayItem> events(EventFileReader<RegisterEvent> reader) {
        return items(reader, RegisterEvent::getPersonId, e -> e.getRecordedAt().toEpochMilli());
    }

    /** Employment changes, keyed by the employee's person id like the register events, timestamped by recording time. */
    public static Iterator<ReplayItem> employment(EventFileReader<EmploymentEvent> reader) {
        return items(reader, EmploymentEvent::getPersonId, e -> e.getRecordedAt().toEpochMilli());
    }

    /** Baseline records carry the start of the extract date as their timestamp. */
    public static Iterator<ReplayItem> baseline(EventFileReader<BaselinePerson> reader) {
        return items(reader, BaselinePerson::getPersonId, b -> b.getExtractDate().atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
    }

    static <T extends SpecificRecord> Iterator<ReplayItem> items(EventFileReader<T> reader, Function<T, String> key,
                                                                ToLongFunction<T> timestamp) {
        Iterator<ReadResult<T>> results = reader.iterator();
        String fileName = fileName(reader.path());
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return results.hasNext();
            }

            @Override
            public ReplayItem next() {
                ReadResult<T> result = results.next();
                if (result.isMalformed()) {
                    String location = fileName + ":" + result.lineNumber();
                    return new ReplayItem.Bad(location, result.error(), (location + ": " + result.error()).getBytes(StandardCharsets.UTF_8));
                }
                T record = result.record();
                return new ReplayItem.Good(key.apply(record), record, timestamp.applyAsLong(record), result.encoded());
            }
        };
    }

    private static String fileName(Path path) {
        return path.getFileName() == null ? path.toString() : path.getFileName().toString();
    }
}
