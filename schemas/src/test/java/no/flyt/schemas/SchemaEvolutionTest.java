package no.flyt.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every schema as it is now can read what its released versions wrote, and the released versions can read what it
 * writes (full compatibility), so a registry with any compatibility level accepts it and consumers and producers of
 * either version keep working during an upgrade. {@code released/} holds each record schema as the first release
 * registered it, resolved into one document; add a schema there when it is released.
 */
class SchemaEvolutionTest {

    static List<Path> released() throws URISyntaxException, IOException {
        Path dir = Path.of(SchemaEvolutionTest.class.getResource("/released").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("released")
    void theCurrentSchemaAndTheReleasedOneReadEachOthersRecords(Path file) throws Exception {
        Schema old = parse(file);
        Schema current = (Schema) Class.forName(old.getFullName()).getMethod("getClassSchema").invoke(null);

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, old).getType())
            .as("%s: the current schema reads records of the released one", old.getFullName())
            .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(old, current).getType())
            .as("%s: the released schema reads records of the current one", old.getFullName())
            .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @ParameterizedTest
    @MethodSource("released")
    void anIncompatibleChangeWouldBeCaught(Path file) throws Exception {
        Schema old = parse(file);
        // a required field added without a default: the new schema cannot read the released records
        String json = old.toString();
        Schema broken = new Schema.Parser().parse(json.replaceFirst("\"fields\":\\[",
            "\"fields\":[{\"name\":\"addedWithoutDefault\",\"type\":\"int\"},"));
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(broken, old).getType())
            .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    private static Schema parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Schema.Parser().parse(in);
        }
    }
}
