package no.flyt.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryDistributionTest {

    private static final String RUNNER = "apicurio-registry-app-9.9.9-runner.jar";

    @TempDir
    Path dir;

    @Test
    void unpacksOnceIntoAVersionedCacheDirectory() throws IOException {
        Path zip = zip("9.9.9", RUNNER, "lib/a.jar");
        Path cache = dir.resolve("cache");

        Path runner = RegistryDistribution.runnerJar(zip, cache);

        assertThat(runner).isEqualTo(cache.resolve("apicurio-registry-9.9.9").resolve(RUNNER));
        assertThat(runner).hasContent(RUNNER);
        assertThat(runner.resolveSibling("lib").resolve("a.jar")).hasContent("lib/a.jar");

        Files.writeString(runner.resolveSibling("marker"), "kept");
        assertThat(RegistryDistribution.runnerJar(zip, cache)).isEqualTo(runner);
        assertThat(runner.resolveSibling("marker")).as("not unpacked a second time").exists();
    }

    @Test
    void concurrentFirstUsesAgreeAndLeaveNoTemporaryDirectories() throws Exception {
        Path zip = zip("9.9.9", RUNNER, "lib/a.jar", "lib/b.jar", "meta/c.txt");
        Path cache = dir.resolve("cache");
        int racers = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Callable<Path> unpack = () -> {
                    start.await();
                    return RegistryDistribution.runnerJar(zip, cache);
                };
                results.add(pool.submit(unpack));
            }
            start.countDown();
            for (Future<Path> result : results) {
                assertThat(result.get()).hasContent(RUNNER);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> entries = Files.list(cache)) {
            assertThat(entries.map(entry -> entry.getFileName().toString()).collect(Collectors.toList()))
                    .containsExactly("apicurio-registry-9.9.9");
        }
    }

    @Test
    void refusesEntriesOutsideTheTargetDirectory() throws IOException {
        Path zip = zip("9.9.9", RUNNER, "../escaped.txt");

        assertThatThrownBy(() -> RegistryDistribution.runnerJar(zip, dir.resolve("cache")))
                .hasRootCauseMessage("zip entry ../escaped.txt points outside the target directory");
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
        assertThat(dir.resolve("cache").resolve("apicurio-registry-9.9.9")).doesNotExist();
    }

    /** A zip in the Maven repository layout, each entry holding its own name. */
    private Path zip(String version, String... entries) throws IOException {
        Path zip = dir.resolve("repository/io/apicurio/apicurio-registry-app").resolve(version)
                .resolve("apicurio-registry-app-" + version + "-all.zip");
        Files.createDirectories(zip.getParent());
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipOut = new ZipOutputStream(out)) {
            for (String entry : entries) {
                zipOut.putNextEntry(new ZipEntry(entry));
                zipOut.write(entry.getBytes(StandardCharsets.UTF_8));
                zipOut.closeEntry();
            }
        }
        return zip;
    }
}
