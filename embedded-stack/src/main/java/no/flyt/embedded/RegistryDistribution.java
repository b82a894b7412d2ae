package no.flyt.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Apicurio Registry distribution, unzipped once into the {@link CacheDirectory} shared by all flyt JVMs.
 */
final class RegistryDistribution {

    private static final Logger log = LoggerFactory.getLogger(RegistryDistribution.class);
    private static final String RUNNER_SUFFIX = "-runner.jar";

    private RegistryDistribution() {
    }

    /** The registry's runner jar, unzipping the distribution first if this is the first use. */
    static Path runnerJar(Path zip) {
        return runnerJar(zip, CacheDirectory.path());
    }

    static Path runnerJar(Path zip, Path cacheDir) {
        // The Maven repository layout is .../apicurio-registry-app/<version>/apicurio-registry-app-<version>-all.zip
        String version = String.valueOf(zip.toAbsolutePath().getParent().getFileName());
        Path home = cacheDir.resolve("apicurio-registry-" + version);
        try {
            if (!Files.isDirectory(home)) {
                unzipAtomically(zip, home);
            }
            return findRunnerJar(home).orElseThrow(() -> new EmbeddedStackException("No *" + RUNNER_SUFFIX + " in " + home
                    + "; delete that directory and it is unpacked again from " + zip));
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the Apicurio Registry from " + zip + " into " + home, e);
        }
    }

    /**
     * Unzips into a private temporary directory beside {@code home} and renames it: other JVMs see either
     * no directory or a complete one. When two race, the loser throws its copy away.
     */
    private static void unzipAtomically(Path zip, Path home) throws IOException {
        Files.createDirectories(home.getParent());
        Path temp = Files.createTempDirectory(home.getParent(), "." + home.getFileName() + "-");
        try {
            log.info("Unpacking the Apicurio Registry {} into {} (once)", zip.getFileName(), home);
            unzip(zip, temp);
            try {
                Files.move(temp, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename " + temp + " to " + home + " atomically", e);
            } catch (IOException e) {
                // Renaming onto a non-empty directory fails (ENOTEMPTY, not always DirectoryNotEmptyException).
                if (!Files.isDirectory(home)) {
                    throw e;
                }
                log.debug("Another process unpacked {} first", home);
            }
        } finally {
            if (Files.exists(temp)) {
                Directories.deleteRecursively(temp);
            }
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (ZipFile zipFile = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = zipFile.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path destination = root.resolve(entry.getName()).normalize();
                if (!destination.startsWith(root)) {
                    throw new IOException("zip entry " + entry.getName() + " points outside the target directory");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    try (InputStream in = zipFile.getInputStream(entry)) {
                        Files.copy(in, destination);
                    }
                }
            }
        }
    }

    private static Optional<Path> findRunnerJar(Path home) throws IOException {
        try (Stream<Path> files = Files.list(home)) {
            return files.filter(file -> file.getFileName().toString().endsWith(RUNNER_SUFFIX)).findFirst();
        }
    }
}
