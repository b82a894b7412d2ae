package no.flyt.folkeregister.fake;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import no.flyt.folkeregister.feed.FeedFields;

/**
 * The fake Folkeregister's data: the feed-shaped files of {@link FeedFiles}, read in place. Only the start of every
 * line is kept in memory (a {@code long} per line), so a decade at scale 0.1 costs a few tens of megabytes; the
 * statistical attributes are held as their JSON lines per person.
 */
final class FeedStore implements AutoCloseable {

    static final int EVENT_DOCUMENT_KIND = 1;
    static final int PERSON_DOCUMENT_KIND = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LineFile feed;
    private final LineFile eventDocuments;
    private final LineFile personDocuments;
    private final Map<String, List<String>> attributes = new HashMap<>();

    FeedStore(FeedFiles files) throws IOException {
        this.feed = new LineFile(files.feed());
        this.eventDocuments = new LineFile(files.eventDocuments());
        this.personDocuments = new LineFile(files.personDocuments());
        if (feed.lines() != eventDocuments.lines() || feed.lines() != personDocuments.lines()) {
            throw new IOException("the feed files in " + files.directory() + " do not have a document per feed entry");
        }
        if (Files.exists(files.attributes())) {
            String field = "\"" + FeedFields.NATIONAL_ID_NUMBER + "\":\"";
            try (var lines = Files.lines(files.attributes(), StandardCharsets.UTF_8)) {
                for (String line : (Iterable<String>) lines::iterator) {
                    int at = line.indexOf(field);
                    String id = at >= 0 ? line.substring(at + field.length(), line.indexOf('"', at + field.length()))
                        : JSON.readTree(line).path(FeedFields.NATIONAL_ID_NUMBER).asText();
                    attributes.computeIfAbsent(id, k -> new ArrayList<>(2)).add(line);
                }
            }
        }
    }

    /** The highest sequence number in the files. */
    long lastSequence() {
        return feed.lines();
    }

    /** The feed entry of {@code sequence} (from 1) as JSON text. */
    String entry(long sequence) {
        return feed.line(sequence);
    }

    /** The event document with this id, or null. */
    String eventDocument(String documentId) {
        long seq = sequenceOf(documentId, EVENT_DOCUMENT_KIND);
        return seq < 1 || seq > eventDocuments.lines() ? null : eventDocuments.line(seq);
    }

    /** The person document with this id, or null. */
    String personDocument(String documentId) {
        long seq = sequenceOf(documentId, PERSON_DOCUMENT_KIND);
        return seq < 1 || seq > personDocuments.lines() ? null : personDocuments.line(seq);
    }

    /** Every version of the person's statistical attributes (JSON lines), oldest first. */
    List<String> attributes(String nationalId) {
        return attributes.getOrDefault(nationalId, List.of());
    }

    /**
     * A document id of the shape the register uses (32 hex digits). The fake's own carry the sequence number in the
     * first half, so it finds the line without an index; the connector treats ids as opaque.
     */
    static String documentId(long sequence, int kind) {
        long z = sequence * 0x9E3779B97F4A7C15L + kind * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
        return String.format("%016x%016x", sequence, z ^ (z >>> 29));
    }

    private static long sequenceOf(String documentId, int kind) {
        if (documentId == null || documentId.length() != 32) {
            return -1;
        }
        try {
            long seq = Long.parseUnsignedLong(documentId.substring(0, 16), 16);
            return documentId.equals(documentId(seq, kind)) ? seq : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        feed.close();
        eventDocuments.close();
        personDocuments.close();
    }

    /** A JSON Lines file with the start of every line indexed. */
    private static final class LineFile implements AutoCloseable {
        private final FileChannel channel;
        private long[] starts = new long[1 << 12];
        private int lines;

        LineFile(Path path) throws IOException {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
                long position = 0;
                boolean atStart = true;
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    for (int i = 0; i < n; i++) {
                        if (atStart) {
                            add(position + i);
                            atStart = false;
                        }
                        if (buffer[i] == '\n') {
                            atStart = true;
                        }
                    }
                    position += n;
                }
                add(position); // the end of the last line
                lines--;
            }
        }

        private void add(long start) {
            if (lines == starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[lines++] = start;
        }

        long lines() {
            return lines;
        }

        /** Line {@code number} (from 1), without its line break. */
        String line(long number) {
            int i = (int) number - 1;
            long start = starts[i];
            int length = (int) (starts[i + 1] - start);
            ByteBuffer buffer = ByteBuffer.allocate(length);
            try {
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, start + buffer.position()) < 0) {
                        break;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int end = length;
            while (end > 0 && (buffer.get(end - 1) == '\n' || buffer.get(end - 1) == '\r')) {
                end--;
            }
            return new String(buffer.array(), 0, end, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
