package no.flyt.producers.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Streams records of one schema to an event file, Avro container or JSON Lines (the format follows the file name,
 * see {@link EventFileFormat#of(Path)}). Nothing is held in memory beyond one Avro block or output buffer.
 *
 * <p>Output is byte-for-byte reproducible: the Avro sync marker is derived from {@link Options#syncSeed()} instead
 * of a random UUID, and gzip headers carry no timestamp.
 */
public final class EventFileWriter<T extends IndexedRecord> implements Closeable {

    /** How to write: Avro deflate level, sync-marker seed, and Avro block size. */
    public record Options(int deflateLevel, long syncSeed, int avroSyncInterval) {
        public Options {
            if (deflateLevel < Deflater.NO_COMPRESSION || deflateLevel > Deflater.BEST_COMPRESSION) {
                throw new IllegalArgumentException("deflate level must be 0-9, was " + deflateLevel);
            }
        }

        /** Deflate level 1: event files compress well even at the fastest level, and writing stays cheap. */
        public static Options defaults() {
            return new Options(1, 0L, 256 * 1024);
        }

        public Options withSyncSeed(long seed) {
            return new Options(deflateLevel, seed, avroSyncInterval);
        }

        public Options withDeflateLevel(int level) {
            return new Options(level, syncSeed, avroSyncInterval);
        }
    }

    private final Path path;
    private final EventFileFormat format;
    private final DataFileWriter<T> avro;
    private final JsonGenerator json;
    private long count;

    private EventFileWriter(Path path, Schema schema, GenericData model, Options options) throws IOException {
        this.path = path;
        this.format = EventFileFormat.of(path);
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        try {
            if (format == EventFileFormat.AVRO) {
                this.json = null;
                GenericDatumWriter<T> datumWriter = model instanceof SpecificData specific
                    ? new SpecificDatumWriter<>(schema, specific)
                    : new GenericDatumWriter<>(schema, model);
                this.avro = new DataFileWriter<>(datumWriter)
                    .setCodec(options.deflateLevel() == 0 ? CodecFactory.nullCodec() : CodecFactory.deflateCodec(options.deflateLevel()))
                    .setSyncInterval(options.avroSyncInterval());
                avro.setMeta("flyt.schema", schema.getFullName());
                avro.create(schema, out, syncMarker(options.syncSeed(), schema, path.getFileName().toString()));
            } else {
                this.avro = null;
                OutputStream target = EventFileFormat.isGzip(path) ? new GZIPOutputStream(out, 1 << 16) : out;
                this.json = new JsonFactory().createGenerator(target, JsonEncoding.UTF8);
                json.setPrettyPrinter(new MinimalPrettyPrinter(""));
            }
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** A writer for records of a generated class. */
    public static <T extends SpecificRecord> EventFileWriter<T> create(Path path, Class<T> type, Options options) throws IOException {
        SpecificData model = SpecificData.getForClass(type);
        return new EventFileWriter<>(path, model.getSchema(type), model, options);
    }

    /** A writer for records of any schema, built by {@code model} (generic or specific). */
    public static <T extends IndexedRecord> EventFileWriter<T> create(Path path, Schema schema, GenericData model, Options options)
        throws IOException {
        return new EventFileWriter<>(path, Objects.requireNonNull(schema, "schema"), model, options);
    }

    public void append(T record) throws IOException {
        if (avro != null) {
            avro.append(record);
        } else {
            AvroJson.write(json, record);
            json.writeRaw('\n');
        }
        count++;
    }

    /** Records appended so far. */
    public long count() {
        return count;
    }

    public Path path() {
        return path;
    }

    public EventFileFormat format() {
        return format;
    }

    @Override
    public void close() throws IOException {
        if (avro != null) {
            avro.close();
        } else {
            json.close();
        }
    }

    /** 16 bytes that separate Avro blocks: deterministic, yet different per seed, schema and file. */
    static byte[] syncMarker(long seed, Schema schema, String fileName) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(Long.toString(seed).getBytes(StandardCharsets.UTF_8));
            md5.update(schema.getFullName().getBytes(StandardCharsets.UTF_8));
            md5.update(fileName.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(md5.digest(), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    }
}
