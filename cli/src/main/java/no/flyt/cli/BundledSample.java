package no.flyt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The sample event set shipped inside flyt, extracted to a directory so that the replay can read it as files. */
final class BundledSample {

    static final String RESOURCE_DIR = "/no/flyt/cli/sample/";
    static final List<String> FILES = List.of("baseline.jsonl", "events.jsonl");

    private BundledSample() {
    }

    static Path extractTo(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String name : FILES) {
                try (InputStream in = BundledSample.class.getResourceAsStream(RESOURCE_DIR + name)) {
                    if (in == null) {
                        throw new IllegalStateException("the bundled sample " + name + " is missing from the flyt jar");
                    }
                    Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the bundled sample to " + dir, e);
        }
    }
}
