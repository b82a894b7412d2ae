package no.flyt.streams.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import no.flyt.catalogue.Dimension;
import no.flyt.streams.rules.CountedEmployment;
import no.flyt.streams.rules.CountedEvent;
import no.flyt.streams.rules.EventFact;
import no.flyt.streams.rules.PersonHistory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class PersonHistorySerdeTest {

    private static final int MALE = Dimension.SEX.codeOf("MALE");
    private static final int IMMIGRANT = Dimension.IMMIGRANT_CATEGORY.codeOf("IMMIGRANT");
    private static final int EU = Dimension.COUNTRY_BACKGROUND.codeOf("EU_EEA_UK");
    private static final int WORK = Dimension.IMMIGRATION_REASON.codeOf("WORK");
    private static final int NONE = Dimension.IMMIGRATION_REASON.codeOf("NONE");
    private static final int PRIMARY = Dimension.EDUCATION_LEVEL.codeOf("PRIMARY");

    @Test
    void aHistoryRoundTripsWithTheGenerationsItWasCountedUnder() {
        EventFact death = new EventFact(EventFact.Kind.DEATH, LocalDate.of(2020, 3, 1), "0301", null, LocalDate.of(1930, 1, 2),
            MALE, IMMIGRANT, EU, WORK, PRIMARY, Dimension.COLLECTIVE_PROTECTION.codeOf("NO"));
        EventFact baseline = new EventFact(EventFact.Kind.BASELINE, LocalDate.of(2015, 1, 1), null, "0301", LocalDate.of(1930, 1, 2),
            MALE, Dimension.IMMIGRANT_CATEGORY.codeOf("REST_OF_POPULATION"), Dimension.COUNTRY_BACKGROUND.codeOf("NORWAY"), NONE,
            Dimension.EDUCATION_LEVEL.codeOf("UNKNOWN"), Dimension.COLLECTIVE_PROTECTION.codeOf("YES"));
        PersonHistory h = PersonHistory.unseen(1)
            .withVersion("E1", new CountedEvent("E7", 123L, death, true, 1))
            .withVersion("E2", new CountedEvent("E2", 99L, null, false, 2))
            .withBaseline(new CountedEvent("baseline", 5L, baseline, false, 1))
            .withEmployment("J1", new CountedEmployment("J9", 7L, "EMP-1", CountedEmployment.Change.START, LocalDate.of(2019, 8, 1),
                Dimension.OCCUPATION_GROUP.codeOf("HOME_OFFICE_TYPICAL")))
            .withEmployment("J2", new CountedEmployment("J2", 8L, "EMP-1", null, LocalDate.of(2021, 1, 31), 2))
            .seenWithReleased(2);
        var serde = PersonHistorySerde.serde();
        PersonHistory read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", h));
        assertThat(read).isEqualTo(h);
        assertThat(read.seen()).isTrue();
        assertThat(read.versions().get("E1").held()).isFalse();
        assertThat(read.versions().get("E1").generation()).as("released under generation 2").isEqualTo(2);
        assertThat(read.baseline().generation()).isEqualTo(1);
        assertThat(read.generation()).isEqualTo(1);
        assertThat(read.employment()).hasSize(2);
    }

    /**
     * The format the first releases wrote: attribute symbols as their positions in the released schemas, -1 for no
     * immigration reason, no generations. It reads as facts counted under generation 1, with the catalogue's codes.
     */
    @Test
    void aHistoryOfTheFirstFormatReadsAsCountedUnderGenerationOne() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(1); // format 1
        out.writeByte(1); // seen
        out.writeByte(0); // no baseline
        out.writeInt(2);
        writeString(out, "E1");
        writeString(out, "E1");
        out.writeLong(1_600_000_000_000L);
        out.writeByte(1); // a fact, not held
        out.writeByte(2); // EMIGRATION was position 2 of the fact kinds
        out.writeInt((int) LocalDate.of(2020, 5, 17).toEpochDay());
        out.writeByte(4);
        out.writeBytes("0301");
        out.writeByte(-1);
        out.writeInt((int) LocalDate.of(1990, 4, 2).toEpochDay());
        out.write(new byte[] {1, 0, 1, -1, 3}); // MALE, IMMIGRANT, EU_EEA_UK, no reason, TERTIARY_LONG
        writeString(out, "E2");
        writeString(out, "E9");
        out.writeLong(1_600_000_000_001L);
        out.writeByte(0); // an annulment
        out.flush();

        PersonHistory read = PersonHistorySerde.serde().deserializer().deserialize("t", bytes.toByteArray());

        CountedEvent e1 = read.versions().get("E1");
        assertThat(e1.generation()).isEqualTo(1);
        assertThat(e1.fact()).isEqualTo(new EventFact(EventFact.Kind.EMIGRATION, LocalDate.of(2020, 5, 17), "0301", null,
            LocalDate.of(1990, 4, 2), MALE, IMMIGRANT, EU, NONE, Dimension.EDUCATION_LEVEL.codeOf("TERTIARY_LONG"),
            Dimension.COLLECTIVE_PROTECTION.codeOf("UNKNOWN")));
        assertThat(read.employment()).as("the first format had no employment").isEmpty();
        assertThat(read.versions().get("E2")).isEqualTo(new CountedEvent("E9", 1_600_000_000_001L, null, false, 1));
        assertThat(read.generation()).isEqualTo(1);
        assertThat(read.seen()).isTrue();
    }

    @Test
    void anUnknownFormatIsASerializationError() {
        assertThatThrownBy(() -> PersonHistorySerde.serde().deserializer().deserialize("t", new byte[] {9, 0, 0}))
            .isInstanceOf(SerializationException.class).hasMessageContaining("format 9");
        assertThatThrownBy(() -> PersonHistorySerde.serde().deserializer().deserialize("t", new byte[] {2, 0}))
            .isInstanceOf(SerializationException.class).hasMessageContaining("corrupt");
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeShort(b.length);
        out.write(b);
    }
}
