package no.flyt.embedded;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where the build found the broker's jars and the registry's zip in the local Maven repository. The build
 * (maven-dependency-plugin build-classpath) writes both into resources next to this class.
 */
final class BuildArtifacts {

    static final String BUILD_COMMAND = "./mvnw -pl embedded-stack install -DskipTests";
    static final String BROKER_CLASSPATH_RESOURCE = "broker.classpath";
    static final String REGISTRY_ZIP_RESOURCE = "registry.zip.path";

    private BuildArtifacts() {
    }

    /** The Kafka broker's classpath: kafka_2.13 with its dependencies and an SLF4J binding. */
    static List<Path> brokerClasspath() {
        return brokerClasspath(resource(BROKER_CLASSPATH_RESOURCE));
    }

    static List<Path> brokerClasspath(String classpath) {
        List<Path> jars = Arrays.stream(classpath.split(File.pathSeparator))
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .map(Path::of)
                .collect(Collectors.toList());
        if (jars.isEmpty()) {
            throw new EmbeddedStackException("flyt-embedded-stack was built without the Kafka broker's classpath. "
                    + "Rebuild it in the flyt source tree: " + BUILD_COMMAND);
        }
        List<Path> missing = jars.stream().filter(jar -> !Files.isRegularFile(jar)).collect(Collectors.toList());
        if (!missing.isEmpty()) {
            String more = missing.size() > 1 ? " and " + (missing.size() - 1) + " more" : "";
            throw new EmbeddedStackException("The Kafka broker's jars are not in the local Maven repository (missing: "
                    + missing.get(0) + more + "). Fetch them by building flyt-embedded-stack in the flyt source tree: "
                    + BUILD_COMMAND);
        }
        return jars;
    }

    /** The apicurio-registry-app "all" zip. */
    static Path registryZip() {
        return registryZip(resource(REGISTRY_ZIP_RESOURCE));
    }

    static Path registryZip(String recordedLocation) {
        String location = recordedLocation.trim();
        if (location.isEmpty()) {
            throw new EmbeddedStackException("flyt-embedded-stack was built without the Apicurio Registry zip. "
                    + "Rebuild it in the flyt source tree: " + BUILD_COMMAND);
        }
        Path zip = Path.of(location);
        if (!Files.isRegularFile(zip)) {
            String version = zip.getParent() == null ? "<version>" : String.valueOf(zip.getParent().getFileName());
            throw new EmbeddedStackException("The Apicurio Registry zip is not in the local Maven repository (missing: "
                    + zip + "). Fetch it with: mvn dependency:get -Dartifact=io.apicurio:apicurio-registry-app:"
                    + version + ":zip:all (or build flyt-embedded-stack: " + BUILD_COMMAND + ")");
        }
        return zip;
    }

    private static String resource(String name) {
        try (InputStream in = BuildArtifacts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new EmbeddedStackException("Resource no/flyt/embedded/" + name + " is missing from flyt-embedded-stack; "
                        + "it is written by the build. Rebuild the module in the flyt source tree: " + BUILD_COMMAND);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read resource no/flyt/embedded/" + name, e);
        }
    }
}
