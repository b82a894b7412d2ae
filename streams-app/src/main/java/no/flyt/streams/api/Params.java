package no.flyt.streams.api;

import io.javalin.http.Context;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import no.flyt.catalogue.AgeGroup;
import no.flyt.streams.query.StatisticsQueries;

/** The query parameters the API reads, each checked once with a 400 that says what was wrong. */
final class Params {

    static final YearMonth DEFAULT_FROM = YearMonth.of(2015, 1);
    static final int MAX_MONTHS = 1200;

    private Params() {
    }

    static YearMonth month(Context ctx, String name, YearMonth fallback) {
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

    static YearMonth from(Context ctx) {
        return month(ctx, "from", DEFAULT_FROM);
    }

    static YearMonth to(Context ctx) {
        return month(ctx, "to", YearMonth.now());
    }

    static void checkRange(YearMonth from, YearMonth to) {
        if (from.isAfter(to)) {
            throw new ApiError(400, "from (" + from + ") is after to (" + to + ")");
        }
        if (from.plusMonths(MAX_MONTHS).isBefore(to)) {
            throw new ApiError(400, "at most " + MAX_MONTHS + " months per request");
        }
    }

    static StatisticsQueries.Period period(Context ctx) {
        String period = ctx.queryParam("period");
        try {
            return period == null || period.isBlank() ? StatisticsQueries.Period.TOTAL
                : StatisticsQueries.Period.valueOf(period.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "period must be month, year or total, was '" + period + "'");
        }
    }

    /** The age groups of {@code ages=0-17,18-30,65+}, or null when not asked for. */
    static List<AgeGroup> ages(Context ctx) {
        String ages = ctx.queryParam("ages");
        if (ages == null || ages.isBlank()) {
            return null;
        }
        try {
            return AgeGroup.parseList(ages);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "ages: " + e.getMessage());
        }
    }

    /** The months a stock is asked for: {@code at}, or {@code from} to {@code to} every {@code step} months (default 12). */
    static List<YearMonth> months(Context ctx) {
        String at = ctx.queryParam("at");
        if (at != null && !at.isBlank()) {
            return List.of(month(ctx, "at", null));
        }
        YearMonth to = to(ctx);
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
}
