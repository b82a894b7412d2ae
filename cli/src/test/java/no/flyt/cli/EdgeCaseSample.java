package no.flyt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A small hand-made event set with one case of every register rule (correction, annulment, redelivery, late
 * registration, move inside a municipality, pre-2024 codes, an unknown code and a malformed line), extracted to a
 * directory so that the replay reads it as files.
 */
final class EdgeCaseSample {

    static final String RESOURCE_DIR = "/no/flyt/cli/edge-cases/";
    static final List<String> FILES = List.of("baseline.jsonl", "events.jsonl");

    private EdgeCaseSample() {
    }

    static Path extractTo(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String name : FILES) {
                try (InputStream in = EdgeCaseSample.class.getResourceAsStream(RESOURCE_DIR + name)) {
                    if (in == null) {
                        throw new IllegalStateException("the edge-case sample " + name + " is missing from the test resources");
                    }
                    Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the edge-case sample to " + dir, e);
        }
    }
}
