package no.flyt.producers.io;

import java.nio.file.Path;
import java.util.Locale;

/** The two on-disk formats of an event set: Avro object container files and JSON Lines (optionally gzipped). */
public enum EventFileFormat {
    /** Avro object container file ({@code .avro}), deflate-compressed, writer schema in the header. */
    AVRO(".avro"),
    /** One JSON object per line ({@code .jsonl}, or {@code .jsonl.gz} when gzipped), mapped by {@link AvroJson}. */
    JSON_LINES(".jsonl");

    private final String extension;

    EventFileFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** The file name for a base name such as {@code events}: {@code events.avro}, {@code events.jsonl(.gz)}. */
    public String fileName(String baseName, boolean gzip) {
        return baseName + extension + (this == JSON_LINES && gzip ? ".gz" : "");
    }

    /** The format a file name implies: {@code .avro}, {@code .jsonl}, {@code .json}, {@code .ndjson}, each optionally {@code .gz}. */
    public static EventFileFormat of(Path path) {
        String name = stripGzip(path.getFileName().toString().toLowerCase(Locale.ROOT));
        if (name.endsWith(".avro")) {
            return AVRO;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson")) {
            return JSON_LINES;
        }
        throw new IllegalArgumentException("cannot tell the format of " + path
            + " from its name: use .avro for Avro container files or .jsonl / .jsonl.gz for JSON Lines");
    }

    /** Whether the file name says gzip ({@code .gz}). */
    public static boolean isGzip(Path path) {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    private static String stripGzip(String name) {
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }
}
