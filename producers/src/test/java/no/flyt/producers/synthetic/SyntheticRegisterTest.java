package no.flyt.producers.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.flyt.events.BaselinePerson;
import no.flyt.events.EventType;
import no.flyt.events.ImmigrationReason;
import no.flyt.events.RegisterEvent;
import no.flyt.events.RegistrationKind;
import no.flyt.producers.io.EventFileReader;
import no.flyt.producers.io.EventSet;
import no.flyt.producers.io.EventSetManifest;
import no.flyt.reference.MunicipalityCatalog;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated files at a tiny scale: formats, determinism and the register's rules. */
class SyntheticRegisterTest {

    static final double SCALE = 0.002;
    static final long SEED = 42;

    @TempDir
    static Path dir;
    static Path set;
    static GenerationSummary summary;
    static RegisterReplay replay;
    static final MunicipalityCatalog CATALOG = MunicipalityCatalog.bundled();
    static final List<GenerationProgress> progress = new ArrayList<>();

    @BeforeAll
    static void generate() throws IOException {
        set = dir.resolve("set");
        summary = SyntheticRegister.generate(GeneratorSettings.of(SCALE, SEED).withFormat(GeneratorSettings.OutputFormat.BOTH),
            set, progress::add);
        replay = RegisterReplay.read(set, "baseline.avro", "events.avro");
    }

    @Test
    void writesBothFormatsWithTheSameRecordsAndAManifest() throws IOException {
        RegisterReplay json = RegisterReplay.read(set, "baseline.jsonl", "events.jsonl");

        assertThat(json.baseline).isEqualTo(replay.baseline);
        assertThat(json.written).isEqualTo(replay.written);
        EventSetManifest manifest = EventSet.open(set).manifest().orElseThrow();
        assertThat(manifest.seed()).isEqualTo(SEED);
        assertThat(manifest.scale()).isEqualTo(SCALE);
        assertThat(manifest.recordsOf("events.avro")).hasValue(replay.written.size());
        assertThat(manifest.recordsOf("baseline.jsonl")).hasValue(replay.baseline.size());
        assertThat(manifest.counts()).containsEntry("events." + EventType.MOVE,
            replay.written.stream().filter(e -> e.getEventType() == EventType.MOVE).count());
        assertThat(summary.files()).contains(set.resolve("events.jsonl"), set.resolve("employment.avro"),
            set.resolve(EventSetManifest.FILE_NAME));
        assertThat(manifest.recordsOf("employment.jsonl")).hasValue(summary.employmentEvents());
        assertThat(EventSet.open(set).employment()).hasValue(set.resolve("employment.avro"));
    }

    @Test
    void sizesFollowTheScale() {
        // 5.17 million persons in 2015 and about 9 million changes in the decade, scaled
        assertThat(replay.baseline).hasSizeBetween(10_300, 10_400);
        assertThat(replay.written.size()).isBetween(17_000, 20_000);
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOtherBytes() throws Exception {
        GeneratorSettings settings = GeneratorSettings.of(0.001, 7).withFormat(GeneratorSettings.OutputFormat.BOTH).withGzipJson(true);
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        Path other = dir.resolve("other");
        SyntheticRegister.generate(settings, first, ProgressListener.NONE);
        SyntheticRegister.generate(settings, second, ProgressListener.NONE);
        SyntheticRegister.generate(GeneratorSettings.of(0.001, 8), other, ProgressListener.NONE);

        for (String file : List.of("baseline.avro", "events.avro", "employment.avro", "baseline.jsonl.gz", "events.jsonl.gz",
            "employment.jsonl.gz", "manifest.json")) {
            assertThat(sha256(second.resolve(file))).as(file).isEqualTo(sha256(first.resolve(file)));
        }
        assertThat(sha256(other.resolve("events.avro"))).isNotEqualTo(sha256(first.resolve("events.avro")));
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStreamDiscard.INSTANCE);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static final class OutputStreamDiscard extends java.io.OutputStream {
        static final OutputStreamDiscard INSTANCE = new OutputStreamDiscard();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    @Test
    void everyRecordIsValidForItsSchema() throws IOException {
        // Read as generic records (raw int dates, long timestamps) and validate each against the schema.
        for (String file : List.of("events.avro", "baseline.avro")) {
            org.apache.avro.Schema schema = file.startsWith("events") ? RegisterEvent.getClassSchema() : BaselinePerson.getClassSchema();
            try (EventFileReader<GenericData.Record> reader = EventFileReader.open(set.resolve(file), schema, GenericData.get())) {
                assertThat(reader.writerSchema()).isEqualTo(schema);
                long n = 0;
                for (var item : reader) {
                    assertThat(GenericData.get().validate(schema, item.record())).as("%s record %d", file, item.position()).isTrue();
                    n++;
                }
                assertThat(n).isEqualTo(file.startsWith("events") ? replay.written.size() : replay.baseline.size());
            }
        }
    }

    @Test
    void eventIdsAreUniqueAndPersonIdsPseudonymous() {
        Set<String> ids = new HashSet<>();
        for (RegisterEvent e : replay.written) {
            assertThat(ids.add(e.getEventId())).as("duplicate event id %s", e.getEventId()).isTrue();
            assertThat(e.getPersonId()).matches("P\\d{9}");
        }
        Set<String> persons = new HashSet<>();
        for (BaselinePerson b : replay.baseline) {
            assertThat(persons.add(b.getPersonId())).isTrue();
        }
    }

    @Test
    void eventsAreInRecordingOrderAndRecordedOnOrAfterTheirDate() {
        Instant previous = Instant.MIN;
        int sameDay = 0;
        int withinTwoWeeks = 0;
        int monthsLate = 0;
        for (RegisterEvent e : replay.written) {
            assertThat(e.getRecordedAt()).isAfterOrEqualTo(previous);
            previous = e.getRecordedAt();
            Instant dayStart = e.getEventDate().atStartOfDay(ZoneOffset.UTC).toInstant();
            assertThat(e.getRecordedAt()).as("event %s", e.getEventId()).isAfterOrEqualTo(dayStart);
            long days = Duration.between(dayStart, e.getRecordedAt()).toDays();
            if (days == 0) {
                sameDay++;
            }
            if (days <= 14) {
                withinTwoWeeks++;
            }
            if (days > 60) {
                monthsLate++;
            }
        }
        int n = replay.written.size();
        assertThat(withinTwoWeeks).isGreaterThan(n * 3 / 4);
        assertThat(monthsLate).isBetween(n / 100, n / 10);
        assertThat(sameDay).isPositive();
    }

    @Test
    void noEventIsDatedBeforeThePersonWasBorn() {
        assertThat(replay.written).allSatisfy(e -> assertThat(e.getEventDate())
            .as("%s %s %s", e.getEventType(), e.getRegistration(), e.getEventId())
            .isAfterOrEqualTo(e.getPerson().getBirthDate()));
    }

    @Test
    void municipalityCodesAreValidOnTheEventDate() {
        for (RegisterEvent e : replay.written) {
            for (String code : new String[] {e.getFromMunicipality(), e.getToMunicipality()}) {
                if (code != null) {
                    assertThat(CATALOG.isValidOn(code, e.getEventDate())).as("%s on %s in %s", code, e.getEventDate(), e.getEventId()).isTrue();
                }
            }
        }
        assertThat(replay.written).anyMatch(e -> "0219".equals(e.getFromMunicipality()) || "0219".equals(e.getToMunicipality()));
        assertThat(replay.written).anyMatch(e -> "3024".equals(e.getFromMunicipality()) || "3024".equals(e.getToMunicipality()));
        assertThat(replay.written).anyMatch(e -> "3201".equals(e.getFromMunicipality()) || "3201".equals(e.getToMunicipality()));
    }

    @Test
    void baselinePersonsLiveInCodesOf2015ForAll357Municipalities() {
        LocalDate extract = GeneratorSettings.EXTRACT_DATE;
        Set<String> municipalities2024 = new HashSet<>();
        for (BaselinePerson b : replay.baseline) {
            assertThat(b.getExtractDate()).isEqualTo(extract);
            String code2024 = CATALOG.code2024(b.getMunicipality()).orElseThrow();
            assertThat(b.getMunicipality()).isEqualTo(CATALOG.codeValidOn(code2024, extract));
            municipalities2024.add(code2024);
            if (b.getSettlementMunicipality() != null) {
                assertThat(CATALOG.isValidOn(b.getSettlementMunicipality(), extract)).isTrue();
                assertThat(b.getPerson().getImmigrationReason()).isEqualTo(ImmigrationReason.REFUGE);
            }
            if (b.getImmigrationYear() != null) {
                assertThat(b.getImmigrationYear()).isBetween(b.getPerson().getBirthDate().getYear(), 2014);
            }
        }
        // at this scale the smallest municipalities (a few hundred inhabitants) may get nobody
        assertThat(municipalities2024).hasSizeGreaterThan(300);
    }

    @Test
    void eachEventTypeCarriesItsFields() {
        for (RegisterEvent e : replay.written) {
            switch (e.getEventType()) {
                case MOVE -> assertThat(e.getFromMunicipality() != null && e.getToMunicipality() != null).isTrue();
                case IMMIGRATION -> assertThat(e.getToMunicipality() != null && e.getFromCountry() != null
                    && e.getFromMunicipality() == null).isTrue();
                case EMIGRATION -> assertThat(e.getFromMunicipality() != null && e.getToCountry() != null
                    && e.getToMunicipality() == null).isTrue();
                case BIRTH -> assertThat(e.getToMunicipality() != null && e.getFromMunicipality() == null).isTrue();
                case DEATH -> assertThat(e.getFromMunicipality() != null && e.getToMunicipality() == null).isTrue();
                case REFUGEE_SETTLEMENT -> assertThat(e.getToMunicipality()).isNotNull();
                default -> throw new AssertionError("unexpected type " + e.getEventType());
            }
            if (e.getEventType() != EventType.IMMIGRATION) {
                assertThat(e.getFromCountry()).isNull();
            }
            if (e.getEventType() != EventType.EMIGRATION) {
                assertThat(e.getToCountry()).isNull();
            }
        }
        assertThat(replay.written).extracting(RegisterEvent::getEventType).contains(EventType.values()[0], EventType.MOVE,
            EventType.IMMIGRATION, EventType.EMIGRATION, EventType.REFUGEE_SETTLEMENT, EventType.BIRTH, EventType.DEATH);
    }

    @Test
    void correctionsAndAnnulmentsReferToAnEarlierNewEventOfTheSamePersonAndType() {
        Map<String, RegisterEvent> news = new HashMap<>();
        int corrections = 0;
        int annulments = 0;
        for (RegisterEvent e : replay.written) {
            if (e.getRegistration() == RegistrationKind.NEW) {
                assertThat(e.getCorrectsEventId()).isNull();
                news.put(e.getEventId(), e);
                continue;
            }
            RegisterEvent original = news.get(e.getCorrectsEventId());
            assertThat(original).as("%s refers to %s, which must come earlier", e.getEventId(), e.getCorrectsEventId()).isNotNull();
            assertThat(e.getPersonId()).isEqualTo(original.getPersonId());
            assertThat(e.getEventType()).isEqualTo(original.getEventType());
            assertThat(e.getRecordedAt()).isAfter(original.getRecordedAt());
            if (e.getRegistration() == RegistrationKind.CORRECTION) {
                corrections++;
                boolean changed = !e.getEventDate().equals(original.getEventDate())
                    || !java.util.Objects.equals(e.getToMunicipality(), original.getToMunicipality());
                assertThat(changed).as("correction %s changes nothing", e.getEventId()).isTrue();
            } else {
                annulments++;
                assertThat(e.getEventDate()).isEqualTo(original.getEventDate());
                assertThat(e.getToMunicipality()).isEqualTo(original.getToMunicipality());
            }
        }
        double share = (corrections + annulments) / (double) replay.written.size();
        assertThat(corrections).isPositive();
        assertThat(annulments).isPositive();
        assertThat(share).isBetween(0.003, 0.015);
    }

    @Test
    void nobodyHasEventsAfterDeathOrEmigrationExceptAReturnAndMovesStartWhereThePersonLives() {
        Map<String, RegisterReplay.State> states = replay.walk(CATALOG, (e, s) -> {
            String from = e.getFromMunicipality() == null ? null : CATALOG.code2024(e.getFromMunicipality()).orElseThrow();
            assertThat(s.dead).as("event %s after death of %s", e.getEventId(), s.personId).isFalse();
            switch (e.getEventType()) {
                case BIRTH -> assertThat(s.resident || s.emigrated).as("born twice: %s", s.personId).isFalse();
                case IMMIGRATION -> assertThat(s.resident).as("immigration of a resident: %s", e.getEventId()).isFalse();
                default -> {
                    assertThat(s.resident).as("%s of a non-resident: %s", e.getEventType(), e.getEventId()).isTrue();
                    if (from != null) {
                        assertThat(territory(from)).as("%s starts where %s lives", e.getEventId(), s.personId)
                            .isEqualTo(territory(s.municipality2024));
                    } else if (e.getEventType() == EventType.REFUGEE_SETTLEMENT) {
                        assertThat(territory(CATALOG.code2024(e.getToMunicipality()).orElseThrow()))
                            .isEqualTo(territory(s.municipality2024));
                    }
                }
            }
            if (e.getEventType() == EventType.REFUGEE_SETTLEMENT) {
                assertThat(e.getPerson().getImmigrationReason()).isEqualTo(ImmigrationReason.REFUGE);
                assertThat(s.settlement2024).as("settled twice: %s", s.personId).isNull();
            }
        });
        assertThat(states).hasSizeGreaterThan(replay.baseline.size());
        assertThat(states.values()).anyMatch(s -> s.dead);
        assertThat(states.values()).anyMatch(s -> s.emigrated);
    }

    /**
     * Haram (1580) was part of Ålesund (1507) in 2020-2023: a 1507 code of those years cannot tell the two 2024
     * municipalities apart, so the walk treats them as one territory.
     */
    private static String territory(String code2024) {
        return code2024.equals("1580") ? "1508" : code2024;
    }

    @Test
    void ukrainiansWithCollectiveProtectionArriveFromTheInvasionOn() {
        List<RegisterEvent> arrivals = replay.effective.stream()
            .filter(e -> e.getEventType() == EventType.IMMIGRATION && e.getPerson().getCollectiveProtection()).toList();
        assertThat(arrivals).isNotEmpty();
        for (RegisterEvent e : arrivals) {
            assertThat(e.getEventDate()).as(e.getEventId()).isAfterOrEqualTo(LocalDate.of(2022, 2, 1));
            assertThat(e.getPerson().getCountryBackgroundCode()).as(e.getEventId()).isEqualTo("UA");
            assertThat(e.getFromCountry()).as(e.getEventId()).isEqualTo("UA");
            assertThat(e.getPerson().getImmigrationReason()).as(e.getEventId()).isEqualTo(ImmigrationReason.REFUGE);
        }
    }

    @Test
    void progressIsReportedThroughTheRun() {
        assertThat(progress).first().extracting(GenerationProgress::phase).isEqualTo(GenerationProgress.Phase.BASELINE);
        assertThat(progress).last().satisfies(p -> {
            assertThat(p.phase()).isEqualTo(GenerationProgress.Phase.DONE);
            assertThat(p.fractionDone()).isEqualTo(1.0);
            assertThat(p.recordsWritten()).isEqualTo(replay.baseline.size() + replay.written.size() + summary.employmentEvents());
        });
        // one report per simulated month at least
        assertThat(progress.stream().map(GenerationProgress::simulatedDate).distinct().count()).isGreaterThanOrEqualTo(120);
        for (int i = 1; i < progress.size(); i++) {
            assertThat(progress.get(i).recordsWritten()).isGreaterThanOrEqualTo(progress.get(i - 1).recordsWritten());
        }
    }

    @Test
    void aShortRunStopsAtItsEndDateAndRejectsBadSettings() throws IOException {
        Path shortSet = dir.resolve("short");
        GenerationSummary result = SyntheticRegister.generate(
            GeneratorSettings.of(0.001, 1).withEndDate(LocalDate.of(2015, 6, 30)).withEmployment(false), shortSet,
            ProgressListener.NONE);
        RegisterReplay shortReplay = RegisterReplay.read(shortSet, "baseline.avro", "events.avro");

        for (RegisterEvent e : shortReplay.effective) {
            assertThat(e.getEventDate()).as(e.getEventId()).isBeforeOrEqualTo(LocalDate.of(2015, 6, 30));
        }
        // half a year of a full year's changes, not squeezed into the half year
        assertThat(result.events()).isBetween(300L, 600L);
        assertThat(result.employmentEvents()).isZero();
        assertThat(Files.exists(shortSet.resolve("employment.avro"))).isFalse();
        assertThatThrownBy(() -> GeneratorSettings.of(0, 1)).hasMessageContaining("scale");
        assertThatThrownBy(() -> GeneratorSettings.of(0.1, 1).withEndDate(LocalDate.of(2025, 1, 1))).hasMessageContaining("endDate");
    }
}
