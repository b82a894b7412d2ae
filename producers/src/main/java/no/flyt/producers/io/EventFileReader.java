package no.flyt.producers.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads an event file of either format as records of one schema, in file order. Iterate it once:
 *
 * <pre>{@code
 * try (EventFileReader<RegisterEvent> reader = EventFileReader.open(path, RegisterEvent.class)) {
 *     for (ReadResult<RegisterEvent> item : reader) {
 *         if (item.isMalformed()) log.warn("line {}: {}", item.lineNumber(), item.error());
 *         else send(item.record());
 *     }
 * }
 * }</pre>
 *
 * <p>A JSON line that cannot be mapped is reported as a malformed item with its line number and reading goes on;
 * blank lines are skipped. Avro files are read with the file's writer schema resolved against the reader's.
 * For progress, {@link #sizeInBytes()} and {@link #bytesRead()} are always known (compressed bytes for .gz), and
 * {@link #totalRecords()} is known for Avro files and for files listed in a sibling {@code manifest.json}.
 */
public final class EventFileReader<T extends IndexedRecord> implements Iterable<ReadResult<T>>, Closeable {

    private static final byte[] AVRO_MAGIC = {'O', 'b', 'j', 1};

    private final Path path;
    private final EventFileFormat format;
    private final Schema readerSchema;
    private final GenericData model;
    private final long size;
    private final CountingInputStream counting;
    private final DataFileStream<T> avro;
    /** Decodes an Avro file's datums (its writer schema resolved against the reader schema); null for JSON Lines. */
    private final GenericDatumReader<T> datumReader;
    /** Whether an Avro file's datums are encoded under the reader schema itself, so their bytes can be passed on. */
    private final boolean writtenWithReaderSchema;
    private final BufferedReader lines;
    private OptionalLong totalRecords;
    private boolean iterated;

    private EventFileReader(Path path, Schema readerSchema, GenericData model) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("event file " + path + " does not exist or is not a regular file");
        }
        this.path = path;
        this.format = EventFileFormat.of(path);
        this.readerSchema = readerSchema;
        this.model = model;
        this.size = Files.size(path);
        this.counting = new CountingInputStream(Files.newInputStream(path));
        try {
            InputStream in = new BufferedInputStream(counting, 1 << 16);
            if (format == EventFileFormat.AVRO) {
                checkAvroMagic(in);
                this.lines = null;
                this.datumReader = model instanceof SpecificData specific
                    ? new SpecificDatumReader<>(null, readerSchema, specific)
                    : new GenericDatumReader<>(null, readerSchema, model);
                this.avro = new DataFileStream<>(in, datumReader);
                this.writtenWithReaderSchema = avro.getSchema().equals(readerSchema);
            } else {
                this.avro = null;
                this.datumReader = null;
                this.writtenWithReaderSchema = false;
                InputStream text = EventFileFormat.isGzip(path) ? new GZIPInputStream(in, 1 << 16) : in;
                this.lines = new BufferedReader(new InputStreamReader(text, StandardCharsets.UTF_8), 1 << 16);
            }
        } catch (IOException | RuntimeException e) {
            counting.close();
            throw e instanceof IOException io ? io : new IOException(path + ": " + e.getMessage(), e);
        }
    }

    /** Opens an event file holding records of a generated class. */
    public static <T extends SpecificRecord> EventFileReader<T> open(Path path, Class<T> type) throws IOException {
        SpecificData model = SpecificData.getForClass(type);
        return new EventFileReader<>(path, model.getSchema(type), model);
    }

    /** Opens an event file read into {@code readerSchema} records built by {@code model}. */
    public static <T extends IndexedRecord> EventFileReader<T> open(Path path, Schema readerSchema, GenericData model)
        throws IOException {
        return new EventFileReader<>(path, readerSchema, model);
    }

    private void checkAvroMagic(InputStream in) throws IOException {
        in.mark(AVRO_MAGIC.length);
        byte[] head = in.readNBytes(AVRO_MAGIC.length);
        in.reset();
        for (int i = 0; i < AVRO_MAGIC.length; i++) {
            if (head.length < AVRO_MAGIC.length || head[i] != AVRO_MAGIC[i]) {
                throw new NotAnAvroContainerFileException(path);
            }
        }
    }

    /** Thrown when a {@code .avro} file does not start like an Avro object container file. */
    public static final class NotAnAvroContainerFileException extends IOException {
        private static final long serialVersionUID = 1L;

        NotAnAvroContainerFileException(Path path) {
            super(path + " is not an Avro object container file (it does not start with 'Obj' 0x01). Event files in "
                + "Avro format are written by 'flyt generate' or any Avro DataFileWriter; for JSON Lines name the file .jsonl");
        }
    }

    public Path path() {
        return path;
    }

    public EventFileFormat format() {
        return format;
    }

    /** The writer schema stored in an Avro file, or the reader schema for JSON Lines. */
    public Schema writerSchema() {
        return avro != null ? avro.getSchema() : readerSchema;
    }

    /** Size of the file on disk. */
    public long sizeInBytes() {
        return size;
    }

    /** Bytes of the file consumed so far (read ahead in buffers, so it runs slightly ahead of the records). */
    public long bytesRead() {
        return counting.count;
    }

    /**
     * The number of records (lines, for JSON Lines) in the file, when it can be known without reading it: counted
     * from the block headers of an Avro file, or taken from a {@code manifest.json} next to the file.
     */
    public synchronized OptionalLong totalRecords() {
        if (totalRecords == null) {
            totalRecords = countRecords();
        }
        return totalRecords;
    }

    private OptionalLong countRecords() {
        try {
            Path directory = path.toAbsolutePath().getParent();
            if (directory != null) {
                OptionalLong fromManifest = EventSetManifest.find(directory)
                    .map(m -> m.recordsOf(path.getFileName().toString())).orElse(OptionalLong.empty());
                if (fromManifest.isPresent()) {
                    return fromManifest;
                }
            }
            return format == EventFileFormat.AVRO ? OptionalLong.of(AvroContainerFiles.countRecords(path)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public Iterator<ReadResult<T>> iterator() {
        if (iterated) {
            throw new IllegalStateException("an EventFileReader can be iterated only once; open the file again");
        }
        iterated = true;
        return avro != null ? new AvroIterator() : new JsonLinesIterator();
    }

    public Stream<ReadResult<T>> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public void close() throws IOException {
        if (avro != null) {
            avro.close();
        } else {
            lines.close();
        }
    }

    /**
     * Reads the file block by block and decodes each datum from the block's bytes, so that the bytes of each datum are
     * known too: when the file was written with the reader schema they are the record's encoding, which a replay sends
     * as it is instead of encoding the record again ({@link ReadResult#encoded()}).
     */
    private final class AvroIterator implements Iterator<ReadResult<T>> {
        private final BlockInput block = new BlockInput();
        private final BinaryDecoder decoder = DecoderFactory.get().directBinaryDecoder(block, null);
        private long remainingInBlock;
        private long position;

        @Override
        public boolean hasNext() {
            try {
                while (remainingInBlock == 0) {
                    if (block.remaining() > 0) {
                        throw corrupt("the block holds more bytes than its records");
                    }
                    if (!avro.hasNext()) {
                        return false;
                    }
                    ByteBuffer bytes = avro.nextBlock();
                    remainingInBlock = avro.getBlockCount();
                    block.reset(bytes);
                }
                return true;
            } catch (IOException | AvroRuntimeException e) {
                throw corrupt(e.getMessage(), e);
            }
        }

        private UncheckedIOException corrupt(String reason) {
            return corrupt(reason, null);
        }

        private UncheckedIOException corrupt(String reason, Exception cause) {
            return new UncheckedIOException(new IOException(path + ": corrupt Avro block after record " + position + ": " + reason, cause));
        }

        @Override
        public ReadResult<T> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            try {
                int start = block.position();
                T record = datumReader.read(null, decoder);
                remainingInBlock--;
                byte[] encoded = writtenWithReaderSchema ? block.copy(start) : null;
                return ReadResult.of(++position, record, encoded);
            } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
                throw new UncheckedIOException(new IOException(path + ": cannot decode record " + (position + 1) + ": " + e.getMessage(), e));
            }
        }
    }

    /** The bytes of the current block, with the read position exposed (unsynchronised, unlike ByteArrayInputStream). */
    private static final class BlockInput extends InputStream {
        private byte[] bytes = new byte[0];
        private int position;
        private int limit;

        void reset(ByteBuffer buffer) {
            if (buffer.hasArray()) {
                bytes = buffer.array();
                position = buffer.arrayOffset() + buffer.position();
                limit = buffer.arrayOffset() + buffer.limit();
            } else {
                bytes = new byte[buffer.remaining()];
                buffer.duplicate().get(bytes);
                position = 0;
                limit = bytes.length;
            }
        }

        int position() {
            return position;
        }

        int remaining() {
            return limit - position;
        }

        byte[] copy(int from) {
            return java.util.Arrays.copyOfRange(bytes, from, position);
        }

        @Override
        public int read() {
            return position < limit ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (position >= limit) {
                return -1;
            }
            int n = Math.min(len, limit - position);
            System.arraycopy(bytes, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long k = Math.max(0, Math.min(n, limit - position));
            position += (int) k;
            return k;
        }

        @Override
        public int available() {
            return limit - position;
        }
    }

    private final class JsonLinesIterator implements Iterator<ReadResult<T>> {
        private long lineNumber;
        private ReadResult<T> next;

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            try {
                for (String line; (line = lines.readLine()) != null; ) {
                    lineNumber++;
                    if (line.isBlank()) {
                        continue;
                    }
                    next = parse(line);
                    return true;
                }
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(new IOException(path + ": cannot read line " + (lineNumber + 1) + ": " + e.getMessage(), e));
            }
        }

        private ReadResult<T> parse(String line) {
            try {
                @SuppressWarnings("unchecked")
                T record = (T) AvroJson.fromJson(line, readerSchema, model);
                return ReadResult.of(lineNumber, record);
            } catch (AvroJson.MappingException e) {
                return ReadResult.malformed(lineNumber, e.getMessage());
            }
        }

        @Override
        public ReadResult<T> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ReadResult<T> result = next;
            next = null;
            return result;
        }
    }

    /** Counts the bytes that pass, for progress. */
    private static final class CountingInputStream extends FilterInputStream {
        private volatile long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
