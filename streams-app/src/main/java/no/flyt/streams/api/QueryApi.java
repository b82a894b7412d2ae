package no.flyt.streams.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.flyt.catalogue.Breakdown;
import no.flyt.catalogue.Measure;
import no.flyt.reference.Municipality;
import no.flyt.streams.query.AppStatus;
import no.flyt.streams.query.LocalStatistics;
import no.flyt.streams.query.StatisticsQueries;
import no.flyt.streams.query.UnavailableException;
import no.flyt.streams.regions.Geography;
import no.flyt.streams.regions.Region;
import no.flyt.streams.regions.RegionGroup;
import no.flyt.streams.regions.RegionKind;
import no.flyt.streams.regions.Regions;
import no.flyt.streams.regions.UnknownRegionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP JSON query API. Every question of a region is a route made from a {@link RegionKind} and a
 * {@link RegionQuestion}: {@code GET /api/{municipalities|counties|centrality-classes|size-bands|region-groups}/{code}/{question}}
 * and {@code GET /api/norway/{question}}. Any instance answers any question: the numbers of regions hosted by other
 * instances are fetched from them ({@link ClusterStatistics}); while they cannot be had the answer is 503 with
 * {@code Retry-After}, never a partial number.
 *
 * <pre>
 * GET /api/health                                 streams state and the app's counters
 * GET /api/catalogue                              what can be asked: measures, breakdowns, dimensions, region kinds
 * GET /api/municipalities                         the 2024 municipalities with county and centrality class
 * GET /api/region-groups                          the named groups of counties
 * GET /api/centrality-classes/immigrant-distribution?from&to&step   immigrants by class over time
 * GET /api/origin-destination/{counties|centrality-classes|size-bands}?from&to
 * </pre>
 */
public final class QueryApi implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueryApi.class);
    /** Seconds a client is told to wait before it asks again while numbers cannot be answered. */
    static final int RETRY_AFTER_SECONDS = 2;

    private final Javalin app;
    private final AppStatus status;
    private final StatisticsQueries queries;
    private final ClusterStatistics cluster;

    private QueryApi(LocalStatistics local, Geography geography, AppStatus status) {
        this.status = status;
        this.cluster = new ClusterStatistics(local, new InstanceClient());
        this.queries = new StatisticsQueries(new Regions(geography), cluster);
        this.app = Javalin.create(config -> config.showJavalinBanner = false);
        app.get("/api/health", this::health);
        app.get("/api/catalogue", ctx -> ctx.json(CatalogueAnswer.describe()));
        app.get("/api/municipalities", ctx -> ctx.json(municipalities(geography)));
        app.get("/api/region-groups", ctx -> ctx.json(Arrays.stream(RegionGroup.values())
            .map(g -> Map.of("code", g.code(), "name", g.displayName(), "counties", g.counties())).toList()));
        app.get("/api/centrality-classes/immigrant-distribution", ctx -> ctx.json(queries.immigrantDistribution(Params.months(ctx))));
        app.get("/api/origin-destination/{kind}", this::originDestination);
        for (RegionKind kind : RegionKind.values()) {
            String base = "/api/" + kind.pathSegment() + (kind.hasCode() ? "/{code}" : "");
            for (RegionQuestion question : RegionQuestion.values()) {
                app.get(base + "/" + question.path(), ctx -> answer(question, kind, ctx));
            }
        }
        app.get(InstanceClient.PATH, this::regionMonthsHostedHere);
        app.exception(ApiError.class, (e, ctx) -> ctx.status(e.status()).json(Map.of("error", e.getMessage())));
        app.exception(UnknownRegionException.class, (e, ctx) -> ctx.status(404).json(Map.of("error", e.getMessage())));
        app.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(400).json(Map.of("error", e.getMessage())));
        app.exception(UnavailableException.class, (e, ctx) -> ctx.status(503).header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS))
            .json(Map.of("error", e.getMessage())));
        app.error(404, ctx -> {
            if (ctx.result() == null) {
                ctx.json(Map.of("error", "no such endpoint: " + ctx.path()));
            }
        });
    }

    /** Starts the API on {@code host}:{@code port} (port 0 picks a free one; see {@link #port()}). */
    public static QueryApi start(LocalStatistics local, Geography geography, AppStatus status, String host, int port) {
        QueryApi api = new QueryApi(local, geography, status);
        api.app.start(host, port);
        log.info("Query API listening on http://{}:{}/api", host, api.port());
        return api;
    }

    public int port() {
        return app.port();
    }

    private void answer(RegionQuestion question, RegionKind kind, Context ctx) {
        Region region = queries.regions().resolve(kind, kind.hasCode() ? ctx.pathParam("code") : "NO");
        switch (question) {
            case FLOWS -> {
                YearMonth from = Params.from(ctx);
                YearMonth to = Params.to(ctx);
                Params.checkRange(from, to);
                ctx.json(queries.flowTotals(region, from, to));
            }
            case STATISTICS -> {
                YearMonth from = Params.from(ctx);
                YearMonth to = Params.to(ctx);
                Params.checkRange(from, to);
                ctx.json(queries.flows(region, from, to, Params.period(ctx), Params.ages(ctx)));
            }
            case POPULATION -> ctx.json(queries.population(region, Params.months(ctx), Params.ages(ctx)));
            case REFUGEE_RETENTION -> ctx.json(queries.refugeeRetention(region, Params.month(ctx, "at", YearMonth.now())));
            case TABLE -> {
                YearMonth from = Params.from(ctx);
                YearMonth to = Params.to(ctx);
                Params.checkRange(from, to);
                ctx.json(queries.table(region, measure(ctx.pathParam("measure")), breakdown(ctx.pathParam("breakdown")), from, to,
                    Params.period(ctx), Params.ages(ctx)));
            }
        }
    }

    private static Measure measure(String name) {
        for (Measure m : Measure.values()) {
            if (m.jsonName().equals(name) || m.name().equals(name)) {
                return m;
            }
        }
        throw new ApiError(404, "unknown measure " + name + ": GET /api/catalogue lists them");
    }

    private static Breakdown breakdown(String name) {
        try {
            return Breakdown.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ApiError(404, "unknown breakdown " + name + ": GET /api/catalogue lists them");
        }
    }

    private void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", status.state());
        body.putAll(status.counters());
        ctx.status(status.serving() ? 200 : 503).json(body);
    }

    private static List<Map<String, Object>> municipalities(Geography geography) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Municipality m : geography.municipalities2024()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("code", m.getCode());
            row.put("name", m.getName());
            row.put("countyCode", m.getCountyCode());
            row.put("countyName", m.getCountyName());
            row.put("centralityClass", m.getCentralityClass());
            list.add(row);
        }
        return list;
    }

    private void originDestination(Context ctx) {
        StatisticsQueries.OdKind kind = null;
        for (StatisticsQueries.OdKind k : StatisticsQueries.OdKind.values()) {
            if (k.regionKind().pathSegment().equals(ctx.pathParam("kind"))) {
                kind = k;
            }
        }
        if (kind == null) {
            throw new ApiError(404, "unknown region kind " + ctx.pathParam("kind") + ": use counties, centrality-classes or size-bands");
        }
        YearMonth from = Params.from(ctx);
        YearMonth to = Params.to(ctx);
        Params.checkRange(from, to);
        ctx.json(queries.originDestination(kind, from, to));
    }

    /** The internal endpoint another instance fetches the months of regions hosted here from. */
    private void regionMonthsHostedHere(Context ctx) {
        String regions = ctx.queryParam("regions");
        List<String> asked = regions == null || regions.isBlank() ? List.of() : List.of(regions.split(","));
        YearMonth from = Params.month(ctx, "from", Params.DEFAULT_FROM);
        YearMonth to = Params.month(ctx, "to", YearMonth.now());
        ctx.contentType(InstanceClient.CONTENT_TYPE).result(InstanceClient.encode(cluster.readHostedHere(asked, from, to)));
    }

    @Override
    public void close() {
        app.stop();
    }
}
