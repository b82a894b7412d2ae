package no.flyt.folkeregister.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import no.flyt.folkeregister.fake.FakeFolkeregister;
import no.flyt.folkeregister.fake.FeedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against the fake: backoff on 429 and 503, a new token after 401, and broken documents told apart. */
class FolkeregisterClientTest {

    @TempDir
    Path dir;

    @Test
    void retriesThroughTooManyRequestsUnavailableAndAnExpiredToken() throws Exception {
        try (FakeFolkeregister fake = FakeFolkeregister.start(feed(3), 0)) {
            FolkeregisterClient client = client(fake, Duration.ofSeconds(30));
            assertThat(client.feedPage(1)).hasSize(3);
            fake.faults().tooManyRequests(2, 20).unavailable(2);
            client.feedPage(1);
            fake.revokeTokens(); // the token stops working before the client expects it to
            List<com.fasterxml.jackson.databind.JsonNode> page = client.feedPage(2);
            assertThat(page).hasSize(2);
            assertThat(page.get(0).path("sekvensnummer").asLong()).isEqualTo(2);
            assertThat(client.retries()).as("two 429, two 503 and a 401").isGreaterThanOrEqualTo(5);
            assertThat(client.lastSequence()).isEqualTo(3);
        }
    }

    @Test
    void givesUpAsRetriableWhenTheFeedStaysDown() throws Exception {
        try (FakeFolkeregister fake = FakeFolkeregister.start(feed(1), 0)) {
            FolkeregisterClient client = client(fake, Duration.ofMillis(500));
            client.feedPage(1);
            fake.faults().unavailable(1_000);
            try {
                client.feedPage(1);
                throw new AssertionError("no failure");
            } catch (FeedException e) {
                assertThat(e.retriable()).isTrue();
            }
        }
    }

    @Test
    void aBrokenDocumentInABulkLookupFailsAloneWithItsText() throws Exception {
        try (FakeFolkeregister fake = FakeFolkeregister.start(feed(3), 0)) {
            fake.faults().corruptDocument(2, "{broken");
            FolkeregisterClient client = client(fake, Duration.ofSeconds(10));
            List<String> ids = client.feedPage(1).stream().map(e -> e.path("hendelse").path("hendelsesdokument").asText()).toList();
            List<FolkeregisterClient.Document> docs = client.eventDocuments(ids);
            assertThat(docs).hasSize(3);
            assertThat(docs.get(0).json()).isNotNull();
            assertThat(docs.get(1).json()).isNull();
            assertThat(docs.get(1).raw()).isEqualTo("{broken");
            assertThat(docs.get(1).error()).contains("malformed");
            assertThat(docs.get(2).json().path("dokumentidentifikator").asText()).isEqualTo(ids.get(2));
        }
    }

    private static FolkeregisterClient client(FakeFolkeregister fake, Duration retryFor) {
        HttpClient http = HttpClient.newHttpClient();
        return new FolkeregisterClient(http, URI.create(fake.apiUrl()), null, TokenSource.clientCredentials(http,
            URI.create(fake.tokenUrl()), FakeFolkeregister.CLIENT_ID, FakeFolkeregister.CLIENT_SECRET, null), retryFor,
            Duration.ofMillis(50), d -> {
                Thread.sleep(d.toMillis());
                return true;
            });
    }

    /** A feed of {@code n} entries written by hand in the feed's shape. */
    private FeedFiles feed(int n) throws Exception {
        FeedFiles files = new FeedFiles(dir);
        StringBuilder feed = new StringBuilder();
        StringBuilder docs = new StringBuilder();
        StringBuilder persons = new StringBuilder();
        for (int seq = 1; seq <= n; seq++) {
            String doc = no.flyt.folkeregister.fake.FakeFolkeregisterIds.eventDocument(seq);
            String person = no.flyt.folkeregister.fake.FakeFolkeregisterIds.personDocument(seq);
            feed.append("{\"sekvensnummer\":").append(seq).append(",\"hendelse\":{\"folkeregisteridentifikator\":\"0101701234").append(seq)
                .append("\",\"hendelsetype\":\"endringINavn\",\"hendelsesdokument\":\"").append(doc).append("\",\"persondokument\":\"")
                .append(person).append("\",\"ajourholdstidspunkt\":\"2020-01-01T00:00:00Z\"}}\n");
            docs.append("{\"dokumentidentifikator\":\"").append(doc).append("\",\"skjemaversjon\":\"1.0\",\"hendelse\":{}}\n");
            persons.append("{}\n");
        }
        Files.writeString(files.feed(), feed);
        Files.writeString(files.eventDocuments(), docs);
        Files.writeString(files.personDocuments(), persons);
        return files;
    }
}
