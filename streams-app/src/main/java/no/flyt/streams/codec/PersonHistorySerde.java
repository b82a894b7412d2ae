package no.flyt.streams.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import no.flyt.streams.rules.CountedEmployment;
import no.flyt.streams.rules.CountedEvent;
import no.flyt.streams.rules.EventFact;
import no.flyt.streams.rules.PersonCategories;
import no.flyt.streams.rules.PersonHistory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The binary form of a {@link PersonHistory} in the person-history store and its changelog. Format 2 (written) holds
 * the person's attributes as codes of the statistics catalogue, the catalogue generation of every counted fact, and
 * the person's employment-register changes. Format 1 (read, written by the first releases) held the positions of the
 * attribute symbols in the released input schemas, which are the catalogue's codes, with -1 for no immigration reason;
 * it had no generations (its facts were counted under generation 1), no collective protection (read as UNKNOWN) and
 * no employment.
 *
 * <pre>
 * history:    format (1 byte) | seen (1) | has baseline (1) | [format 2: generation (1)] | [baseline event]
 *             | n (int) | n x (original id, event) | [format 2: m (int) | m x (original id, employment change)]
 * event:      id (short length + UTF-8) | recordedAt (long) | flags: 1 fact, 2 held (1) | [format 2: generation (1)] | [fact]
 * fact:       kind (1) | date (int epoch day) | from | to (each: length byte or -1, ASCII) | birth date (int epoch day)
 *             | sex | immigrant category | country background | immigration reason | education level (1 byte each)
 *             | [format 2: collective protection (1)]
 * employment: id | recordedAt (long) | change: 0 START, 1 END, -1 annulled (1) | employment id | date (int epoch day)
 *             | occupation group (1)
 * </pre>
 */
public final class PersonHistorySerde {

    static final byte FORMAT_1 = 1;
    static final byte FORMAT_2 = 2;
    /** Facts stored in format 1 were counted before generations existed. */
    static final int FORMAT_1_GENERATION = 1;
    private static final int MAX_FACT_SIZE = 1 + 4 + 2 * (1 + 8) + 4 + 6;

    private PersonHistorySerde() {
    }

    public static Serde<PersonHistory> serde() {
        Serializer<PersonHistory> serializer = (topic, value) -> value == null ? null : encode(value);
        Deserializer<PersonHistory> deserializer = (topic, bytes) -> bytes == null ? null : decode(topic, bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    static byte[] encode(PersonHistory h) {
        int size = 4 + 4 + (h.baseline() == null ? 0 : maxSize(h.baseline()));
        for (Map.Entry<String, CountedEvent> e : h.versions().entrySet()) {
            size += 2 + e.getKey().length() * 3 + maxSize(e.getValue());
        }
        size += 4;
        for (Map.Entry<String, CountedEmployment> e : h.employment().entrySet()) {
            size += 2 + e.getKey().length() * 3 + 2 + e.getValue().eventId().length() * 3 + 8 + 1
                + 2 + e.getValue().employmentId().length() * 3 + 4 + 1;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.put(FORMAT_2).put((byte) (h.seen() ? 1 : 0)).put((byte) (h.baseline() == null ? 0 : 1)).put((byte) h.generation());
        if (h.baseline() != null) {
            write(buffer, h.baseline());
        }
        buffer.putInt(h.versions().size());
        for (Map.Entry<String, CountedEvent> e : h.versions().entrySet()) {
            writeString(buffer, e.getKey());
            write(buffer, e.getValue());
        }
        buffer.putInt(h.employment().size());
        for (Map.Entry<String, CountedEmployment> e : h.employment().entrySet()) {
            writeString(buffer, e.getKey());
            CountedEmployment c = e.getValue();
            writeString(buffer, c.eventId());
            buffer.putLong(c.recordedAt());
            buffer.put((byte) (c.change() == null ? -1 : c.change().code()));
            writeString(buffer, c.employmentId());
            buffer.putInt(c.date() == null ? Integer.MIN_VALUE : (int) c.date().toEpochDay());
            buffer.put((byte) c.occupation());
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    static PersonHistory decode(String topic, byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            byte format = buffer.get();
            if (format != FORMAT_1 && format != FORMAT_2) {
                throw new SerializationException("unknown person-history format " + format + " on " + topic);
            }
            boolean seen = buffer.get() != 0;
            boolean hasBaseline = buffer.get() != 0;
            int generation = format == FORMAT_1 ? FORMAT_1_GENERATION : buffer.get();
            CountedEvent baseline = hasBaseline ? read(buffer, format) : null;
            int n = buffer.getInt();
            Map<String, CountedEvent> versions = new LinkedHashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                versions.put(readString(buffer), read(buffer, format));
            }
            Map<String, CountedEmployment> employment = new LinkedHashMap<>();
            if (format == FORMAT_2) {
                int m = buffer.getInt();
                for (int i = 0; i < m; i++) {
                    String original = readString(buffer);
                    String id = readString(buffer);
                    long recordedAt = buffer.getLong();
                    CountedEmployment.Change change = CountedEmployment.Change.ofCode(buffer.get());
                    String employmentId = readString(buffer);
                    int day = buffer.getInt();
                    int occupation = buffer.get();
                    employment.put(original, new CountedEmployment(id, recordedAt, employmentId, change,
                        day == Integer.MIN_VALUE ? null : LocalDate.ofEpochDay(day), occupation));
                }
            }
            return new PersonHistory(seen, baseline, versions, employment, generation);
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializationException("corrupt person-history record on " + topic, e);
        }
    }

    private static int maxSize(CountedEvent e) {
        return 2 + e.eventId().length() * 3 + 8 + 2 + MAX_FACT_SIZE;
    }

    private static void write(ByteBuffer buffer, CountedEvent e) {
        writeString(buffer, e.eventId());
        buffer.putLong(e.recordedAt());
        buffer.put((byte) ((e.fact() == null ? 0 : 1) | (e.held() ? 2 : 0)));
        buffer.put((byte) e.generation());
        if (e.fact() != null) {
            write(buffer, e.fact());
        }
    }

    private static CountedEvent read(ByteBuffer buffer, byte format) {
        String id = readString(buffer);
        long recordedAt = buffer.getLong();
        byte flags = buffer.get();
        int generation = format == FORMAT_1 ? FORMAT_1_GENERATION : buffer.get();
        EventFact fact = (flags & 1) != 0 ? readFact(buffer, format) : null;
        return new CountedEvent(id, recordedAt, fact, (flags & 2) != 0, generation);
    }

    private static void write(ByteBuffer buffer, EventFact f) {
        buffer.put((byte) f.kind().code()).putInt((int) f.date().toEpochDay());
        writeCode(buffer, f.from2024());
        writeCode(buffer, f.to2024());
        buffer.putInt((int) f.birthDate().toEpochDay())
            .put((byte) f.sex())
            .put((byte) f.immigrantCategory())
            .put((byte) f.countryBackground())
            .put((byte) f.immigrationReason())
            .put((byte) f.educationLevel())
            .put((byte) f.collectiveProtection());
    }

    private static EventFact readFact(ByteBuffer buffer, byte format) {
        EventFact.Kind kind = EventFact.Kind.ofCode(buffer.get());
        LocalDate date = LocalDate.ofEpochDay(buffer.getInt());
        String from = readCode(buffer);
        String to = readCode(buffer);
        LocalDate birth = LocalDate.ofEpochDay(buffer.getInt());
        int sex = buffer.get();
        int category = buffer.get();
        int background = buffer.get();
        int reason = buffer.get();
        int education = buffer.get();
        int protection = format == FORMAT_1 ? PersonCategories.PROTECTION_NOT_RECORDED : buffer.get();
        if (format == FORMAT_1 && reason < 0) {
            reason = PersonCategories.NO_IMMIGRATION_REASON;
        }
        return new EventFact(kind, date, from, to, birth, sex, category, background, reason, education, protection);
    }

    private static void writeCode(ByteBuffer buffer, String code) {
        if (code == null) {
            buffer.put((byte) -1);
            return;
        }
        byte[] bytes = code.getBytes(StandardCharsets.US_ASCII);
        buffer.put((byte) bytes.length).put(bytes);
    }

    private static String readCode(ByteBuffer buffer) {
        byte length = buffer.get();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static void writeString(ByteBuffer buffer, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        buffer.putShort((short) b.length).put(b);
    }

    private static String readString(ByteBuffer buffer) {
        byte[] b = new byte[Short.toUnsignedInt(buffer.getShort())];
        buffer.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
