package no.flyt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import no.flyt.events.BaselinePerson;
import no.flyt.events.EmploymentEvent;
import no.flyt.events.RegisterEvent;
import no.flyt.producers.io.EventFileReader;
import no.flyt.producers.io.EventSet;
import no.flyt.producers.replay.EventFileItems;
import no.flyt.producers.replay.ReplayOptions;
import no.flyt.producers.replay.ReplayProducer;
import no.flyt.producers.replay.ReplayProducerConfig;
import no.flyt.serde.KafkaAvroSerializer;
import no.flyt.streams.config.FlytTopics;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Replays an event set (baseline first, then the register events and the employment register together, interleaved
 * by recording time) or a single event file to flyt's topics.
 */
final class EventSetReplayer {

    /** What was replayed; a part is null when the input had no such file. */
    record Summary(ReplayProducer.Result baseline, ReplayProducer.Result events, ReplayProducer.Result employment) {
    }

    private EventSetReplayer() {
    }

    static Summary replay(ConnectionOptions connection, Path input, ReplayOptions options, PrintWriter progressOut) throws IOException {
        FlytTopics topics = connection.topics();
        Properties producerConfig = ReplayProducerConfig.producerConfig(connection.bootstrapServers, connection.kafkaOverrides());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig);
             KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(connection.serdeConfig(), false);
            ReplayProducer replay = new ReplayProducer(producer, serializer, topics.deadLetters().name());
            Path baselineFile = null;
            Path eventsFile = null;
            Path employmentFile = null;
            if (Files.isDirectory(input)) {
                EventSet set = EventSet.open(input);
                baselineFile = set.baseline().orElse(null);
                eventsFile = set.events().orElse(null);
                employmentFile = set.employment().orElse(null);
            } else if (EventSet.isEmploymentFile(input)) {
                employmentFile = input;
            } else {
                eventsFile = input;
            }
            ReplayProducer.Result baseline = null;
            if (baselineFile != null) {
                try (EventFileReader<BaselinePerson> reader = EventFileReader.open(baselineFile, BaselinePerson.class)) {
                    baseline = replay.replay(EventFileItems.baseline(reader), topics.baselinePersons().name(),
                        options.withSpeedUp(0), reader.totalRecords().orElse(-1), new ProgressBar(progressOut, "baseline"));
                }
            }
            ReplayProducer.Result events = null;
            ReplayProducer.Result employment = null;
            try (EventFileReader<RegisterEvent> eventsReader = eventsFile == null ? null
                     : EventFileReader.open(eventsFile, RegisterEvent.class);
                 EventFileReader<EmploymentEvent> employmentReader = employmentFile == null ? null
                     : EventFileReader.open(employmentFile, EmploymentEvent.class)) {
                List<ReplayProducer.Input> inputs = new ArrayList<>();
                if (eventsReader != null) {
                    inputs.add(new ReplayProducer.Input(EventFileItems.events(eventsReader), topics.registerEvents().name(),
                        eventsReader.totalRecords().orElse(-1)));
                }
                if (employmentReader != null) {
                    inputs.add(new ReplayProducer.Input(EventFileItems.employment(employmentReader),
                        topics.employmentEvents().name(), employmentReader.totalRecords().orElse(-1)));
                }
                if (!inputs.isEmpty()) {
                    String label = eventsReader == null ? "employment" : employmentReader == null ? "events  " : "events + employment";
                    List<ReplayProducer.Result> results = replay.replay(inputs, options, new ProgressBar(progressOut, label));
                    events = eventsReader == null ? null : results.get(0);
                    employment = employmentReader == null ? null : results.get(results.size() - 1);
                }
            }
            return new Summary(baseline, events, employment);
        }
    }
}
