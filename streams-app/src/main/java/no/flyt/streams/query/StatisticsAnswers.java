package no.flyt.streams.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The JSON answers of the statistics endpoints. */
public final class StatisticsAnswers {

    private StatisticsAnswers() {
    }

    /**
     * A count broken down by age band and by each dimension on its own (each category again by age band); by the age
     * groups asked for ({@code ages=0-17,18-30,...}) where the count is kept by single years of age. Breakdowns the
     * count cannot be split into are left out (a group of counties' moves in and out have a total only).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Counts(long total, Map<String, Long> byAgeBand, Map<String, Long> byAge, Map<String, Map<String, CategoryCount>> by) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CategoryCount(long total, Map<String, Long> byAgeBand, Map<String, Long> byAge) {
    }

    /** Flows of one period (a month yyyy-MM, a year yyyy, or the whole range from..to). */
    public record FlowPeriod(String period, Map<String, Counts> measures) {
    }

    public record Flows(String regionType, String code, String name, String requestedCode, String from, String to,
                        String period, List<FlowPeriod> periods) {
    }

    /**
     * The population at the end of one month. Ages are the age reached in the month's calendar year.
     *
     * @param oldAgeRatio               people 65+ per person 20-64
     * @param immigrantShare            immigrants (category IMMIGRANT) per resident
     * @param immigrantShareAmong65Plus immigrants among the people 65+
     */
    public record PopulationAt(String month, Counts population, Double oldAgeRatio, Double immigrantShare,
                               Double immigrantShareAmong65Plus) {
    }

    public record Population(String regionType, String code, String name, String requestedCode, List<PopulationAt> months) {
    }

    public record ClassShare(int centralityClass, long population, long immigrants, Double immigrantShare,
                             long population65Plus, long immigrants65Plus, Double immigrantShareAmong65Plus,
                             Double oldAgeRatio) {
    }

    /**
     * Where immigrants live at the end of one month, by centrality class.
     *
     * @param immigrantsInClasses1And2 share of all immigrants living in classes 1-2
     * @param immigrantsInClasses5And6 share of all immigrants living in classes 5-6
     * @param gap                      the first minus the second
     */
    public record ImmigrantDistributionAt(String month, List<ClassShare> classes, Double immigrantsInClasses1And2,
                                          Double immigrantsInClasses5And6, Double gap, Double populationInClasses1And2,
                                          Double populationInClasses5And6) {
    }

    public record ImmigrantDistribution(List<ImmigrantDistributionAt> months) {
    }

    /** @param shareOfOriginOut the share of the origin's moves out of it that went here; null on the diagonal */
    public record OriginDestination(String origin, String destination, long moves, Double shareOfOriginOut) {
    }

    /** Moves between municipalities, summed by the origin's and the destination's region (the diagonal: inside one region). */
    public record OriginDestinationFlows(String regionKind, String from, String to, List<OriginDestination> flows,
                                         Map<String, Long> outOfOrigin) {
    }

    /**
     * Refugees settled in one year (a cohort) by the municipalities of a region, at the end of a month.
     *
     * @param settled                     refugee settlements of that year into the region's municipalities
     * @param remaining                   of them, living at the end of the month in the municipality that settled them
     * @param remainingShare              remaining per settled
     * @param movedAway                   their moves out of the municipality that settled them, up to the month
     * @param movedAwayByCentralityClass  those moves by the destination's centrality class (1-6)
     * @param movedTowardCentre           those moves to a more central class than the settling municipality's
     * @param by                          settled and remaining by each person dimension on its own (as at the settlement)
     */
    public record SettlementCohort(int settlementYear, long settled, long remaining, Double remainingShare, long movedAway,
                                   Map<String, Long> movedAwayByCentralityClass, long movedTowardCentre,
                                   Map<String, Map<String, CohortCount>> by) {
    }

    public record CohortCount(long settled, long remaining, Double remainingShare) {
    }

    public record RefugeeRetention(String regionType, String code, String name, String requestedCode, String at,
                                   List<SettlementCohort> cohorts) {
    }

    /**
     * One row of a table: the categories of the table's dimensions (the age dimension replaced by the age group asked
     * for, where {@code ages} was given) and the count.
     */
    public record TableRow(Map<String, String> categories, long count) {
    }

    /** A table's rows for one period: events in it for a flow measure, the stock at its end for a stock. */
    public record TablePeriod(String period, List<TableRow> rows) {
    }

    /**
     * Any table of the statistics catalogue for a region: a measure by one of its breakdowns.
     *
     * @param dimensions the table's dimensions, as the rows name them
     * @param stock      whether the rows are stocks at the end of each period (else events during it)
     */
    public record Table(String regionType, String code, String name, String requestedCode, String measure, String breakdown,
                        List<String> dimensions, boolean stock, String from, String to, String period, List<TablePeriod> periods) {
    }
}
