package no.flyt.producers.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import no.flyt.events.CountryBackground;
import no.flyt.events.EmploymentChange;
import no.flyt.events.EmploymentEvent;
import no.flyt.events.OccupationGroup;
import no.flyt.events.RegistrationKind;
import no.flyt.events.EventType;
import no.flyt.events.ImmigrantCategory;
import no.flyt.events.PersonAttributes;
import no.flyt.events.RegisterEvent;
import no.flyt.events.Sex;
import no.flyt.serde.AvroSerdeConfig;
import no.flyt.producers.io.EventFileReader;
import no.flyt.producers.io.EventFileWriter;
import no.flyt.serde.KafkaAvroDeserializer;
import no.flyt.serde.KafkaAvroSerializer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayProducerTest {

    private final Map<String, Object> serdeConfig = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + UUID.randomUUID(),
        AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
    private MockProducer<byte[], byte[]> producer;
    private ReplayProducer replay;

    @BeforeEach
    void setUp() {
        producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(serdeConfig, false);
        replay = new ReplayProducer(producer, serializer, "dead-letters");
    }

    private static RegisterEvent event(int i) {
        return RegisterEvent.newBuilder()
            .setEventId("E" + i).setPersonId("P" + i).setEventType(EventType.IMMIGRATION)
            .setEventDate(LocalDate.of(2020, 1, 1)).setRecordedAt(Instant.parse("2020-01-02T00:00:00Z").plusSeconds(i))
            .setToMunicipality("0301")
            .setPerson(PersonAttributes.newBuilder().setBirthDate(LocalDate.of(1990, 1, 1)).setSex(Sex.MALE)
                .setImmigrantCategory(ImmigrantCategory.IMMIGRANT).setCountryBackground(CountryBackground.EU_EEA_UK).build())
            .build();
    }

    private static List<ReplayItem> items(int n) {
        List<ReplayItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RegisterEvent e = event(i);
            items.add(new ReplayItem.Good(e.getPersonId(), e, e.getRecordedAt().toEpochMilli()));
        }
        return items;
    }

    /** Employment change {@code i}, recorded {@code i} seconds plus half a second after the first event. */
    private static EmploymentEvent employment(int i) {
        return EmploymentEvent.newBuilder()
            .setEventId("A" + i).setPersonId("P" + i).setEmploymentId("J" + i).setChange(EmploymentChange.START)
            .setEventDate(LocalDate.of(2019, 12, 1)).setRecordedAt(Instant.parse("2020-01-02T00:00:00.500Z").plusSeconds(i))
            .setOccupationGroup(OccupationGroup.OTHER).setWorkplaceMunicipality("0301")
            .setRegistration(RegistrationKind.NEW).setCorrectsEventId(null)
            .build();
    }

    private static List<ReplayItem> employmentItems(int n) {
        List<ReplayItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            EmploymentEvent e = employment(i);
            items.add(new ReplayItem.Good(e.getPersonId(), e, e.getRecordedAt().toEpochMilli()));
        }
        return items;
    }

    private List<String> sentIds(String topic) {
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(serdeConfig, false);
        return producer.history().stream()
            .filter(r -> r.topic().equals(topic))
            .map(r -> deserializer.deserialize(topic, r.value()))
            .map(v -> v instanceof RegisterEvent e ? e.getEventId() : ((EmploymentEvent) v).getEventId())
            .toList();
    }

    private List<String> sentEventIds() {
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(serdeConfig, false);
        return producer.history().stream()
            .filter(r -> r.topic().equals("events"))
            .map(r -> ((RegisterEvent) deserializer.deserialize("events", r.value())).getEventId())
            .toList();
    }

    @Test
    void sendsEveryRecordKeyedByPersonWithItsRecordingTimeAsTimestamp() {
        ReplayProducer.Result result = replay.replay(items(5).iterator(), "events", ReplayOptions.AS_FAST_AS_POSSIBLE, 5, ReplayProgress.NONE);
        assertThat(result.sent()).isEqualTo(5);
        assertThat(result.acknowledged()).isEqualTo(5);
        assertThat(sentEventIds()).containsExactly("E0", "E1", "E2", "E3", "E4");
        ProducerRecord<byte[], byte[]> first = producer.history().get(0);
        assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo("P0");
        assertThat(first.timestamp()).isEqualTo(Instant.parse("2020-01-02T00:00:00Z").toEpochMilli());
        assertThat(first.value()[0]).as("Confluent wire format magic byte").isZero();
    }

    @Test
    void anAvroFileIsSentWithTheSameBytesAsItsRecordsSerialized(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("events.avro");
        List<RegisterEvent> events = new ArrayList<>();
        try (EventFileWriter<RegisterEvent> writer = EventFileWriter.create(file, RegisterEvent.class, EventFileWriter.Options.defaults())) {
            for (int i = 0; i < 500; i++) {
                events.add(event(i));
                writer.append(event(i));
            }
        }
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(serdeConfig, false);

        try (EventFileReader<RegisterEvent> reader = EventFileReader.open(file, RegisterEvent.class)) {
            replay.replay(EventFileItems.events(reader), "events", ReplayOptions.AS_FAST_AS_POSSIBLE, -1, ReplayProgress.NONE);
        }

        List<byte[]> sent = producer.history().stream().map(r -> r.value()).toList();
        assertThat(sent).hasSize(events.size());
        for (int i = 0; i < events.size(); i++) {
            assertThat(sent.get(i)).as("event %d", i).isEqualTo(serializer.serialize("events", events.get(i)));
        }
    }

    @Test
    void unreadableItemGoesToTheDeadLetterTopicAndTheReplayGoesOn() {
        List<ReplayItem> items = items(3);
        items.add(1, new ReplayItem.Bad("events.jsonl:2", "unexpected end of input", "{\"eventId\":".getBytes(StandardCharsets.UTF_8)));
        ReplayProducer.Result result = replay.replay(items.iterator(), "events", ReplayOptions.AS_FAST_AS_POSSIBLE, 4, ReplayProgress.NONE);
        assertThat(result.bad()).isEqualTo(1);
        assertThat(sentEventIds()).containsExactly("E0", "E1", "E2");
        List<ProducerRecord<byte[], byte[]>> dead = producer.history().stream().filter(r -> r.topic().equals("dead-letters")).toList();
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"eventId\":");
        assertThat(new String(dead.get(0).headers().lastHeader(ReplayProducer.ERROR_MESSAGE_HEADER).value(), StandardCharsets.UTF_8))
            .isEqualTo("unexpected end of input");
        assertThat(new String(dead.get(0).headers().lastHeader(ReplayProducer.LOCATION_HEADER).value(), StandardCharsets.UTF_8))
            .isEqualTo("events.jsonl:2");
    }

    @Test
    void shuffleChangesTheOrderButNotTheSetAndDuplicatesAreInjected() {
        ReplayProducer.Result result = replay.replay(items(500).iterator(), "events", new ReplayOptions(0, 0.1, 50, 3), 500, ReplayProgress.NONE);
        List<String> ids = sentEventIds();
        assertThat(result.duplicates()).isBetween(20L, 90L);
        assertThat(ids).hasSize(500 + (int) result.duplicates());
        assertThat(ids.stream().distinct().count()).isEqualTo(500);
        assertThat(ids.stream().distinct().toList()).isNotEqualTo(items(500).stream()
            .map(i -> ((RegisterEvent) ((ReplayItem.Good) i).value()).getEventId()).collect(Collectors.toList()));
    }

    @Test
    void eventsAndEmploymentGoToTheirTopicsInterleavedByRecordingTime() {
        List<ReplayProducer.Result> results = replay.replay(List.of(
                new ReplayProducer.Input(items(3).iterator(), "events", 3),
                new ReplayProducer.Input(employmentItems(3).iterator(), "employment", 3)),
            ReplayOptions.AS_FAST_AS_POSSIBLE, ReplayProgress.NONE);

        assertThat(results).extracting(ReplayProducer.Result::sent).containsExactly(3L, 3L);
        assertThat(results).extracting(ReplayProducer.Result::acknowledged).containsExactly(3L, 3L);
        assertThat(sentIds("events")).containsExactly("E0", "E1", "E2");
        assertThat(sentIds("employment")).containsExactly("A0", "A1", "A2");
        // E0 at t, A0 at t + 0.5 s, E1 at t + 1 s, ...: each record in the order of its recording time
        assertThat(producer.history()).extracting(ProducerRecord::topic)
            .containsExactly("events", "employment", "events", "employment", "events", "employment");
        ProducerRecord<byte[], byte[]> firstEmployment = producer.history().get(1);
        assertThat(new String(firstEmployment.key(), StandardCharsets.UTF_8)).isEqualTo("P0");
        assertThat(firstEmployment.timestamp()).isEqualTo(employment(0).getRecordedAt().toEpochMilli());
    }

    @Test
    void duplicatesShufflingAndDeadLettersApplyToTheEmploymentInputToo() {
        List<ReplayItem> employment = employmentItems(500);
        employment.add(7, new ReplayItem.Bad("employment.jsonl:8", "no such enum symbol: STRAT", "{\"change\":\"STRAT\"}"
            .getBytes(StandardCharsets.UTF_8)));
        List<ReplayProducer.Result> results = replay.replay(List.of(
                new ReplayProducer.Input(items(500).iterator(), "events", 500),
                new ReplayProducer.Input(employment.iterator(), "employment", 501)),
            new ReplayOptions(0, 0.1, 50, 3), ReplayProgress.NONE);

        ReplayProducer.Result employmentResult = results.get(1);
        List<String> ids = sentIds("employment");
        assertThat(employmentResult.duplicates()).isBetween(20L, 90L);
        assertThat(employmentResult.bad()).isEqualTo(1);
        assertThat(ids).hasSize(500 + (int) employmentResult.duplicates());
        assertThat(ids.stream().distinct().count()).isEqualTo(500);
        assertThat(ids.stream().distinct().toList()).as("shuffled within windows")
            .isNotEqualTo(employmentItems(500).stream().map(i -> ((EmploymentEvent) ((ReplayItem.Good) i).value()).getEventId()).toList());
        assertThat(results.get(0).duplicates()).isPositive();
        List<ProducerRecord<byte[], byte[]>> dead = producer.history().stream().filter(r -> r.topic().equals("dead-letters")).toList();
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader(ReplayProducer.LOCATION_HEADER).value(), StandardCharsets.UTF_8))
            .isEqualTo("employment.jsonl:8");
    }

    @Test
    void mergedInputsReportProgressTogether() {
        List<Long> finalCounts = new ArrayList<>();
        replay.replay(List.of(new ReplayProducer.Input(items(4).iterator(), "events", 4),
                new ReplayProducer.Input(employmentItems(6).iterator(), "employment", 6)),
            ReplayOptions.AS_FAST_AS_POSSIBLE, (sent, acked, bad, total, last) -> {
                if (last) {
                    finalCounts.addAll(List.of(sent, acked, total));
                }
            });
        assertThat(finalCounts).containsExactly(10L, 10L, 10L);
    }

    @Test
    void mergingTakesTheEarliestHeadAndUnreadableItemsAtOnce() {
        ReplayItem early = new ReplayItem.Good("P1", employment(1), 100);
        ReplayItem late = new ReplayItem.Good("P2", employment(2), 200);
        ReplayItem bad = new ReplayItem.Bad("employment.jsonl:3", "bad", new byte[0]);
        ReplayProducer.Merged merged = new ReplayProducer.Merged(List.of(List.of(late).iterator(), List.of(bad, early).iterator()));
        List<ReplayItem> order = new ArrayList<>();
        while (merged.hasNext()) {
            order.add(merged.next());
        }
        assertThat(order).containsExactly(bad, early, late);
    }

    @Test
    void reportsProgressAndAFinalReport() {
        AtomicBoolean done = new AtomicBoolean();
        List<Long> finalCounts = new ArrayList<>();
        replay.replay(items(10).iterator(), "events", ReplayOptions.AS_FAST_AS_POSSIBLE, 10, (sent, acked, bad, total, last) -> {
            if (last) {
                done.set(true);
                finalCounts.add(sent);
                finalCounts.add(acked);
                finalCounts.add(total);
            }
        });
        assertThat(done).isTrue();
        assertThat(finalCounts).containsExactly(10L, 10L, 10L);
    }
}
