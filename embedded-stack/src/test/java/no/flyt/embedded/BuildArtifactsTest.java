package no.flyt.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildArtifactsTest {

    @TempDir
    Path dir;

    @Test
    void brokerClasspathHoldsTheBrokerAndOneSlf4jBindingOnly() {
        List<String> jars = BuildArtifacts.brokerClasspath().stream()
                .map(jar -> jar.getFileName().toString())
                .collect(Collectors.toList());

        assertThat(jars).anyMatch(jar -> jar.startsWith("kafka_2.13-"))
                .anyMatch(jar -> jar.startsWith("kafka-server-"))
                .anyMatch(jar -> jar.startsWith("kafka-raft-"))
                .anyMatch(jar -> jar.startsWith("kafka-storage-"))
                .anyMatch(jar -> jar.startsWith("kafka-clients-"))
                .anyMatch(jar -> jar.startsWith("scala-library-"))
                .allMatch(jar -> jar.endsWith(".jar"));
        assertThat(jars.stream().filter(jar -> jar.startsWith("slf4j-api-"))).hasSize(1);
        assertThat(jars.stream().filter(jar -> jar.startsWith("slf4j-simple-"))).hasSize(1);
        assertThat(jars).noneMatch(jar -> jar.startsWith("logback-"))
                .noneMatch(jar -> jar.startsWith("junit-"))
                .noneMatch(jar -> jar.startsWith("assertj-"))
                .noneMatch(jar -> jar.startsWith("apicurio-"))
                .noneMatch(jar -> jar.startsWith("flyt-"));
    }

    @Test
    void registryZipIsTheApicurioDistribution() {
        Path zip = BuildArtifacts.registryZip();

        assertThat(zip).isRegularFile();
        assertThat(zip.getFileName().toString()).matches("apicurio-registry-app-.+-all\\.zip");
    }

    @Test
    void missingBrokerJarSaysHowToFetchIt() throws IOException {
        Path present = Files.createFile(dir.resolve("present.jar"));
        Path missing = dir.resolve("kafka_2.13-4.4.0.jar");

        assertThatThrownBy(() -> BuildArtifacts.brokerClasspath(present + File.pathSeparator + missing))
                .isInstanceOf(EmbeddedStackException.class)
                .hasMessageContaining("missing: " + missing)
                .hasMessageContaining("./mvnw -pl embedded-stack install -DskipTests");
    }

    @Test
    void missingRegistryZipSaysHowToFetchIt() {
        Path zip = dir.resolve("apicurio-registry-app").resolve("2.6.13.Final").resolve("apicurio-registry-app-2.6.13.Final-all.zip");

        assertThatThrownBy(() -> BuildArtifacts.registryZip(zip.toString()))
                .isInstanceOf(EmbeddedStackException.class)
                .hasMessageContaining("missing: " + zip)
                .hasMessageContaining("mvn dependency:get -Dartifact=io.apicurio:apicurio-registry-app:2.6.13.Final:zip:all");
    }
}
