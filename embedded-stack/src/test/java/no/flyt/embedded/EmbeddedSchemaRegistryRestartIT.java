package no.flyt.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schemas must outlive a registry restart: the broker's topics keep the ids they were written with. */
class EmbeddedSchemaRegistryRestartIT {

    private static final String SCHEMA = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Kept\\\",\\\"fields\\\":[{\\\"name\\\":\\\"x\\\",\\\"type\\\":\\\"int\\\"}]}\"}";

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path workDir;

    @Test
    void schemasSurviveARestartWithTheSameWorkDir() throws Exception {
        String id;
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(new RegistrySettings(Ports.freePort(), workDir))) {
            HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(registry.confluentUrl() + "/subjects/kept-value/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(SCHEMA)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(registered.statusCode()).isEqualTo(200);
            id = registered.body().replaceAll("\\D", "");
        }
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(new RegistrySettings(Ports.freePort(), workDir))) {
            HttpResponse<String> schema = http.send(HttpRequest.newBuilder(URI.create(registry.confluentUrl() + "/schemas/ids/" + id)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(schema.statusCode()).isEqualTo(200);
            assertThat(schema.body()).contains("Kept");
            HttpResponse<String> subjects = http.send(HttpRequest.newBuilder(URI.create(registry.confluentUrl() + "/subjects")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(subjects.body()).contains("kept-value");
        }
    }
}
