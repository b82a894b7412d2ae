package no.flyt.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import no.flyt.events.BaselinePerson;
import no.flyt.events.EmploymentEvent;
import no.flyt.events.RegisterEvent;
import no.flyt.producers.io.EventFileReader;
import no.flyt.producers.io.EventSet;
import no.flyt.producers.io.ReadResult;
import no.flyt.producers.synthetic.GeneratorSettings;
import no.flyt.producers.synthetic.ProgressListener;
import no.flyt.producers.synthetic.SyntheticRegister;
import no.flyt.streams.recount.BatchRecount;
import org.apache.avro.specific.SpecificRecord;

/** Small synthetic registers for end-to-end tests, and their independent batch recount. */
final class SyntheticRegisters {

    private SyntheticRegisters() {
    }

    /** Generates a register (without the employment source) into {@code dir}. */
    static Path generate(Path dir, double scale, long seed) throws IOException {
        SyntheticRegister.generate(GeneratorSettings.of(scale, seed).withEmployment(false), dir, ProgressListener.NONE);
        return dir;
    }

    /** Generates a register with its employment register into {@code dir}. */
    static Path generateWithEmployment(Path dir, double scale, long seed) throws IOException {
        SyntheticRegister.generate(GeneratorSettings.of(scale, seed), dir, ProgressListener.NONE);
        return dir;
    }

    /** Recounts the baseline, events and (where the set has one) employment register of an event set with the batch recount. */
    static BatchRecount recount(Path eventSet) throws IOException {
        EventSet set = EventSet.open(eventSet);
        List<EmploymentEvent> employment = set.employment().isPresent() ? read(set.employment().get(), EmploymentEvent.class) : List.of();
        return BatchRecount.of(read(set.baseline().orElseThrow(), BaselinePerson.class), read(set.events().orElseThrow(), RegisterEvent.class),
            employment);
    }

    private static <T extends SpecificRecord> List<T> read(Path file, Class<T> type) throws IOException {
        List<T> records = new ArrayList<>();
        try (EventFileReader<T> reader = EventFileReader.open(file, type)) {
            for (ReadResult<T> r : reader) {
                records.add(r.record());
            }
        }
        return records;
    }
}
