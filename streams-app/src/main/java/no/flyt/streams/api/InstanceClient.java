package no.flyt.streams.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import no.flyt.streams.codec.CellCounts;
import no.flyt.streams.query.Instance;
import no.flyt.streams.query.UnavailableException;
import org.apache.kafka.common.serialization.Serde;

/**
 * The one way an instance asks another for numbers: the stored months of the regions the other instance hosts, as
 * their stored bytes ({@link #PATH}). A peer that does not answer, answers late or answers anything but the months
 * is {@link UnavailableException}: the caller answers 503, never a partial sum.
 */
final class InstanceClient {

    /** The internal endpoint: {@code ?regions=COUNTY:03,MUNICIPALITY:0301&from=yyyy-MM&to=yyyy-MM}. */
    static final String PATH = "/api/internal/region-months";
    static final String CONTENT_TYPE = "application/vnd.flyt.region-months";

    private static final Serde<CellCounts> CELLS = CellCounts.serde();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Map<String, NavigableMap<YearMonth, CellCounts>> fetch(Instance instance, Collection<String> regions, YearMonth from, YearMonth to) {
        String query = "?regions=" + URLEncoder.encode(String.join(",", regions), StandardCharsets.UTF_8) + "&from=" + from + "&to=" + to;
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + instance + PATH + query))
            .timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new UnavailableException("instance " + instance + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
            }
            return decode(response.body());
        } catch (IOException | UncheckedIOException e) {
            throw new UnavailableException("instance " + instance + " did not answer (" + e.getMessage() + "); retry", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while asking instance " + instance, e);
        }
    }

    /** Region count, then per region: its id, month count, and per month: yyyy-MM, length, stored bytes. */
    static byte[] encode(Map<String, NavigableMap<YearMonth, CellCounts>> regions) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(regions.size());
            for (Map.Entry<String, NavigableMap<YearMonth, CellCounts>> region : regions.entrySet()) {
                out.writeUTF(region.getKey());
                out.writeInt(region.getValue().size());
                for (Map.Entry<YearMonth, CellCounts> month : region.getValue().entrySet()) {
                    byte[] cells = CELLS.serializer().serialize(null, month.getValue());
                    out.writeUTF(month.getKey().toString());
                    out.writeInt(cells.length);
                    out.write(cells);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    static Map<String, NavigableMap<YearMonth, CellCounts>> decode(byte[] body) throws IOException {
        Map<String, NavigableMap<YearMonth, CellCounts>> regions = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            int n = in.readInt();
            for (int r = 0; r < n; r++) {
                String region = in.readUTF();
                int months = in.readInt();
                NavigableMap<YearMonth, CellCounts> byMonth = new TreeMap<>();
                for (int m = 0; m < months; m++) {
                    YearMonth month = YearMonth.parse(in.readUTF());
                    byte[] cells = in.readNBytes(in.readInt());
                    byMonth.put(month, CELLS.deserializer().deserialize(null, cells));
                }
                regions.put(region, byMonth);
            }
        }
        return regions;
    }
}
