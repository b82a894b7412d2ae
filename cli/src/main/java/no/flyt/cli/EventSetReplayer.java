package no.flyt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import no.flyt.events.BaselinePerson;
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

/** Replays an event set (baseline first, then the change events) or a single event file to flyt's topics. */
final class EventSetReplayer {

    /** What was replayed. */
    record Summary(ReplayProducer.Result baseline, ReplayProducer.Result events) {
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
            Path baselineFile;
            Path eventsFile;
            if (Files.isDirectory(input)) {
                EventSet set = EventSet.open(input);
                baselineFile = set.baseline().orElse(null);
                eventsFile = set.events().orElse(null);
            } else {
                baselineFile = null;
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
            if (eventsFile != null) {
                try (EventFileReader<RegisterEvent> reader = EventFileReader.open(eventsFile, RegisterEvent.class)) {
                    events = replay.replay(EventFileItems.events(reader), topics.registerEvents().name(), options,
                        reader.totalRecords().orElse(-1), new ProgressBar(progressOut, "events  "));
                }
            }
            return new Summary(baseline, events);
        }
    }
}
