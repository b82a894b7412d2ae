package no.flyt.streams.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.flyt.reference.Municipality;
import no.flyt.streams.topology.EventVersionProcessor;
import org.apache.kafka.common.Metric;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP JSON query API, answered from the Streams state stores. A request for a region hosted by another
 * instance is forwarded there ({@code application.server} must be this API's host:port).
 *
 * <pre>
 * GET /api/municipalities                                   the 2024 municipalities with county and centrality class
 * GET /api/municipalities/{code}/flows?from=yyyy-MM&to=yyyy-MM
 * GET /api/counties/{code}/flows?from=…&to=…
 * GET /api/centrality-classes/{class}/flows?from=…&to=…
 * GET /api/health                                           streams state and dead-letter count
 *
 * GET /api/{municipalities|counties|centrality-classes|size-bands}/{code}/statistics?from&to&period=month|year|total
 * GET /api/norway/statistics?…                              flows with breakdowns by age band and each dimension
 * GET /api/{…}/{code}/population?from=yyyy-MM&to=yyyy-MM&step=12   (or ?at=yyyy-MM) stock at the end of each month
 * GET /api/norway/population?…
 * GET /api/centrality-classes/immigrant-distribution?from&to&step   immigrants by class over time
 * GET /api/origin-destination/{counties|centrality-classes|size-bands}?from&to
 * </pre>
 */
public final class QueryApi implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueryApi.class);

    static final YearMonth DEFAULT_FROM = YearMonth.of(2015, 1);
    static final int MAX_MONTHS = 1200;
    private static final String FORWARDED = "X-Flyt-Forwarded";

    private final KafkaStreams streams;
    private final RegionFlowsQueries queries;
    private final StreamsStatisticsSource statisticsSource;
    private final StatisticsQueries statistics;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Javalin app;

    private QueryApi(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.queries = new RegionFlowsQueries(streams, self);
        this.statisticsSource = new StreamsStatisticsSource(streams, self);
        this.statistics = new StatisticsQueries(queries::municipalities2024, statisticsSource);
        this.app = Javalin.create(config -> config.showJavalinBanner = false);
        app.get("/api/health", this::health);
        app.get("/api/municipalities", ctx -> ctx.json(queries.municipalities2024().stream()
            .map(m -> Map.of("code", m.getCode(), "name", m.getName(), "countyCode", m.getCountyCode(),
                "countyName", m.getCountyName(), "centralityClass", m.getCentralityClass()))
            .toList()));
        app.get("/api/municipalities/{code}/flows", ctx -> flows(ctx, queries.municipality(ctx.pathParam("code"))));
        app.get("/api/counties/{code}/flows", ctx -> flows(ctx, queries.county(ctx.pathParam("code"))));
        app.get("/api/centrality-classes/{class}/flows", ctx -> flows(ctx, queries.centralityClass(ctx.pathParam("class"))));
        app.get("/api/size-bands/{band}/flows", ctx -> flows(ctx, queries.sizeBand(ctx.pathParam("band"))));
        app.get("/api/municipalities/{code}/statistics", ctx -> statistics(ctx, municipalityScope(ctx.pathParam("code"))));
        app.get("/api/counties/{code}/statistics", ctx -> statistics(ctx, RegionScope.county(ctx.pathParam("code"), queries.municipalities2024())));
        app.get("/api/centrality-classes/immigrant-distribution", ctx -> ctx.json(statistics.immigrantDistribution(months(ctx))));
        app.get("/api/centrality-classes/{class}/statistics",
            ctx -> statistics(ctx, RegionScope.centralityClass(ctx.pathParam("class"), queries.municipalities2024())));
        app.get("/api/size-bands/{band}/statistics", ctx -> statistics(ctx, RegionScope.sizeBand(ctx.pathParam("band"), queries.municipalities2024())));
        app.get("/api/norway/statistics", ctx -> statistics(ctx, RegionScope.country(queries.municipalities2024())));
        app.get("/api/municipalities/{code}/population", ctx -> population(ctx, municipalityScope(ctx.pathParam("code"))));
        app.get("/api/counties/{code}/population", ctx -> population(ctx, RegionScope.county(ctx.pathParam("code"), queries.municipalities2024())));
        app.get("/api/centrality-classes/{class}/population",
            ctx -> population(ctx, RegionScope.centralityClass(ctx.pathParam("class"), queries.municipalities2024())));
        app.get("/api/size-bands/{band}/population", ctx -> population(ctx, RegionScope.sizeBand(ctx.pathParam("band"), queries.municipalities2024())));
        app.get("/api/norway/population", ctx -> population(ctx, RegionScope.country(queries.municipalities2024())));
        app.get("/api/municipalities/{code}/refugee-retention", ctx -> refugeeRetention(ctx, municipalityScope(ctx.pathParam("code"))));
        app.get("/api/counties/{code}/refugee-retention",
            ctx -> refugeeRetention(ctx, RegionScope.county(ctx.pathParam("code"), queries.municipalities2024())));
        app.get("/api/centrality-classes/{class}/refugee-retention",
            ctx -> refugeeRetention(ctx, RegionScope.centralityClass(ctx.pathParam("class"), queries.municipalities2024())));
        app.get("/api/size-bands/{band}/refugee-retention",
            ctx -> refugeeRetention(ctx, RegionScope.sizeBand(ctx.pathParam("band"), queries.municipalities2024())));
        app.get("/api/norway/refugee-retention", ctx -> refugeeRetention(ctx, RegionScope.country(queries.municipalities2024())));
        app.get("/api/origin-destination/{kind}", this::originDestination);
        app.get(StreamsStatisticsSource.INTERNAL_PATH, ctx -> {
            YearMonth from = month(ctx, "from", DEFAULT_FROM);
            YearMonth to = month(ctx, "to", YearMonth.now());
            String codes = ctx.queryParam("codes");
            ctx.json(statisticsSource.readLocalForWire(codes == null || codes.isBlank() ? List.of() : List.of(codes.split(",")), from, to));
        });
        app.exception(ApiError.class, (e, ctx) -> ctx.status(e.status()).json(Map.of("error", e.getMessage())));
        app.error(404, ctx -> {
            if (ctx.result() == null) {
                ctx.json(Map.of("error", "no such endpoint: " + ctx.path()));
            }
        });
    }

    /** Starts the API on {@code self}'s host and port (port 0 picks a free one; see {@link #port()}). */
    public static QueryApi start(KafkaStreams streams, HostInfo self) {
        QueryApi api = new QueryApi(streams, self);
        api.app.start(self.host(), self.port());
        log.info("Query API listening on http://{}:{}/api", self.host(), api.port());
        return api;
    }

    public int port() {
        return app.port();
    }

    private void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        KafkaStreams.State state = streams.state();
        body.put("state", state.name());
        body.put("deadLetters", sum(EventVersionProcessor.DEAD_LETTERS_METRIC));
        body.put("supersededOrDuplicate", sum(EventVersionProcessor.SUPERSEDED_METRIC));
        body.put("heldDeathsCounted", sum(EventVersionProcessor.RELEASED_DEATHS_METRIC));
        ctx.status(state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING ? 200 : 503).json(body);
    }

    /** Total of a flyt counter over every task of this instance. */
    public long sum(String metricName) {
        double total = 0;
        for (Map.Entry<org.apache.kafka.common.MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            if (e.getKey().group().equals(EventVersionProcessor.METRIC_GROUP) && e.getKey().name().equals(metricName)) {
                total += ((Number) e.getValue().metricValue()).doubleValue();
            }
        }
        return (long) total;
    }

    private void flows(Context ctx, RegionFlowsQueries.Region region) throws IOException, InterruptedException {
        YearMonth from = month(ctx, "from", DEFAULT_FROM);
        YearMonth to = month(ctx, "to", YearMonth.now());
        if (from.isAfter(to)) {
            throw new ApiError(400, "from (" + from + ") is after to (" + to + ")");
        }
        if (from.plusMonths(MAX_MONTHS).isBefore(to)) {
            throw new ApiError(400, "at most " + MAX_MONTHS + " months per request");
        }
        RegionFlowsQueries.Location location = queries.flows(region, from, to);
        if (location instanceof RegionFlowsQueries.Local local) {
            ctx.json(local.answer());
        } else {
            forward(ctx, ((RegionFlowsQueries.Remote) location).host());
        }
    }

    private RegionScope municipalityScope(String code) {
        RegionFlowsQueries.Region region = queries.municipality(code);
        Municipality m = queries.municipalities2024().stream().filter(x -> x.getCode().equals(region.code())).findFirst()
            .orElseThrow(() -> new ApiError(404, "municipality " + region.code() + " is missing from the reference data"));
        return RegionScope.municipality(m, code);
    }

    private void statistics(Context ctx, RegionScope scope) {
        YearMonth from = month(ctx, "from", DEFAULT_FROM);
        YearMonth to = month(ctx, "to", YearMonth.now());
        checkRange(from, to);
        String period = ctx.queryParam("period");
        StatisticsQueries.Period p;
        try {
            p = period == null || period.isBlank() ? StatisticsQueries.Period.TOTAL : StatisticsQueries.Period.valueOf(period.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "period must be month, year or total, was '" + period + "'");
        }
        ctx.json(statistics.flows(scope, from, to, p));
    }

    private void population(Context ctx, RegionScope scope) {
        ctx.json(statistics.population(scope, months(ctx)));
    }

    private void refugeeRetention(Context ctx, RegionScope scope) {
        ctx.json(statistics.refugeeRetention(scope, month(ctx, "at", YearMonth.now())));
    }

    private void originDestination(Context ctx) {
        StatisticsQueries.OdKind kind = switch (ctx.pathParam("kind")) {
            case "counties" -> StatisticsQueries.OdKind.COUNTY;
            case "centrality-classes" -> StatisticsQueries.OdKind.CENTRALITY_CLASS;
            case "size-bands" -> StatisticsQueries.OdKind.SIZE_BAND;
            default -> throw new ApiError(404, "unknown region kind " + ctx.pathParam("kind") + ": use counties, centrality-classes or size-bands");
        };
        YearMonth from = month(ctx, "from", DEFAULT_FROM);
        YearMonth to = month(ctx, "to", YearMonth.now());
        checkRange(from, to);
        ctx.json(statistics.originDestination(kind, from, to));
    }

    /** The months a stock is asked for: {@code at}, or {@code from} to {@code to} every {@code step} months (default 12). */
    private static List<YearMonth> months(Context ctx) {
        String at = ctx.queryParam("at");
        if (at != null && !at.isBlank()) {
            return List.of(month(ctx, "at", null));
        }
        YearMonth to = month(ctx, "to", YearMonth.now());
        YearMonth from = month(ctx, "from", to);
        checkRange(from, to);
        int step;
        try {
            step = Integer.parseInt(ctx.queryParamAsClass("step", String.class).getOrDefault("12"));
        } catch (NumberFormatException e) {
            throw new ApiError(400, "step must be a whole number of months");
        }
        if (step < 1) {
            throw new ApiError(400, "step must be at least 1 month");
        }
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(step)) {
            months.add(m);
        }
        return months;
    }

    private static void checkRange(YearMonth from, YearMonth to) {
        if (from.isAfter(to)) {
            throw new ApiError(400, "from (" + from + ") is after to (" + to + ")");
        }
        if (from.plusMonths(MAX_MONTHS).isBefore(to)) {
            throw new ApiError(400, "at most " + MAX_MONTHS + " months per request");
        }
    }

    private void forward(Context ctx, HostInfo host) throws IOException, InterruptedException {
        if (ctx.header(FORWARDED) != null) {
            throw new ApiError(503, "the region moved while the request was forwarded; retry");
        }
        String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + ctx.path() + query))
            .timeout(Duration.ofSeconds(10)).header(FORWARDED, "1").GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        ctx.status(response.statusCode()).contentType("application/json").result(response.body());
    }

    private static YearMonth month(Context ctx, String name, YearMonth fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiError(400, name + " must be a month as yyyy-MM, was '" + value + "'");
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
