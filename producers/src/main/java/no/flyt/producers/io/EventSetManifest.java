package no.flyt.producers.io;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The small {@code manifest.json} of an event set: who generated it, with which seed and scale, for which period,
 * and how many records each file holds (so that readers can show progress without counting first). Written with
 * sorted keys and no timestamps, so that the same seed gives the same bytes.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventSetManifest(
    String generator,
    String generatorVersion,
    Long seed,
    Double scale,
    String extractDate,
    String periodFrom,
    String periodTo,
    List<FileEntry> files,
    Map<String, Long> counts) {

    public static final String FILE_NAME = "manifest.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public EventSetManifest {
        files = files == null ? List.of() : List.copyOf(files);
        counts = counts == null ? Map.of() : new TreeMap<>(counts);
    }

    /** One data file of the set. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileEntry(String name, String schema, long records) {
    }

    /** The record count of the named file, if the manifest lists it. */
    public OptionalLong recordsOf(String fileName) {
        return files.stream().filter(f -> f.name().equals(fileName)).mapToLong(FileEntry::records).findFirst();
    }

    public void write(Path directory) throws IOException {
        Files.writeString(directory.resolve(FILE_NAME), MAPPER.writeValueAsString(this) + "\n");
    }

    public static EventSetManifest read(Path file) throws IOException {
        try {
            return MAPPER.readValue(file.toFile(), EventSetManifest.class);
        } catch (IOException e) {
            throw new IOException("cannot read event-set manifest " + file + ": " + e.getMessage(), e);
        }
    }

    /** The manifest of the directory, if it has one. */
    public static Optional<EventSetManifest> find(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
    }
}
