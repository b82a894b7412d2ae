package no.flyt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.YearMonth;
import no.flyt.cli.RegisterRecount.Region;

/** A small client of flyt's query API, for tests: plain {@code java.net.http} and Jackson. */
final class FlowsApi {

    /** A status code and the parsed JSON body. */
    record Response(int status, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SERVICE_UNAVAILABLE = 503;
    private static final int ATTEMPTS = 20;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    FlowsApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** The path of a region's flows, e.g. {@code /api/counties/03/flows?from=2020-01&to=2021-12}. */
    static String flowsPath(Region region, YearMonth from, YearMonth to) {
        String collection = switch (region.type()) {
            case MUNICIPALITY -> "municipalities";
            case COUNTY -> "counties";
            case CENTRALITY_CLASS -> "centrality-classes";
            case SIZE_BAND -> "size-bands";
        };
        return "/api/" + collection + "/" + region.code() + "/flows?from=" + from + "&to=" + to;
    }

    /**
     * GETs {@code path}. A 503 is the API asking to retry (the app is rebalancing or still loading reference data),
     * so it is retried a few times before it is returned.
     */
    Response get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build();
            HttpResponse<String> response = null;
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != SERVICE_UNAVAILABLE) {
                    break;
                }
                Thread.sleep(500);
            }
            return new Response(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("GET " + base + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + base + path, e);
        }
    }

    /** GETs {@code path} and returns the body of its 200 answer. */
    JsonNode ok(String path) {
        Response response = get(path);
        if (response.status() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.status() + ": " + response.body());
        }
        return response.body();
    }
}
