package no.flyt.streams.api;

/**
 * The questions that can be asked of a region of any kind, each answered under
 * {@code /api/{kind}/{code}/{path}} ({@code /api/norway/{path}} for Norway): the routes are made from these and
 * the region kinds, so a question added here is asked of every kind of region.
 */
enum RegionQuestion {
    FLOWS("flows", "Moves in and out across the region's border, immigrations, emigrations and net, month by month "
        + "(from, to: yyyy-MM)."),
    STATISTICS("statistics", "Every flow with its breakdowns by age band and each person dimension, by month, year or in "
        + "total (from, to, period=month|year|total; ages=0-17,18-30,... for age groups where flows are kept by single years)."),
    POPULATION("population", "The population at the end of months (at=yyyy-MM, or from, to and step in months) by age band "
        + "and each person dimension, with the old-age ratio and immigrant shares (ages=... for any age groups)."),
    REFUGEE_RETENTION("refugee-retention", "Refugees by settlement year: settled, still in the municipality that settled "
        + "them at the end of at=yyyy-MM, moved away and where to."),
    TABLE("tables/{measure}/{breakdown}", "Any measure by any of its breakdowns in the statistics catalogue "
        + "(GET /api/catalogue lists them): events in each period for a flow, the stock at its end for a stock "
        + "(from, to, period; ages=... groups the table's age).");

    private final String path;
    private final String description;

    RegionQuestion(String path, String description) {
        this.path = path;
        this.description = description;
    }

    String path() {
        return path;
    }

    String description() {
        return description;
    }
}
