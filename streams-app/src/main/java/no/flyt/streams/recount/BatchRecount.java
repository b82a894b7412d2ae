package no.flyt.streams.recount;

import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import no.flyt.aggregates.RegionStatistics;
import no.flyt.catalogue.Dimension;
import no.flyt.catalogue.Measure;
import no.flyt.catalogue.Table;
import no.flyt.aggregates.StatisticsCell;
import no.flyt.aggregates.YearlyRegionStatistics;
import no.flyt.events.BaselinePerson;
import no.flyt.events.EmploymentChange;
import no.flyt.events.EmploymentEvent;
import no.flyt.events.EventType;
import no.flyt.events.PersonAttributes;
import no.flyt.events.RegisterEvent;
import no.flyt.events.RegistrationKind;
import no.flyt.reference.Municipality;
import no.flyt.reference.MunicipalityCatalog;

/**
 * A second, independent implementation of every aggregate the streams app keeps, computed in one batch from the
 * whole baseline and event history in memory: no state stores, no signed deltas, no shared counting code. Which
 * tables each measure has comes from the statistics catalogue; which events count where, and every category of an
 * event, is worked out here on its own from the events' fields. It
 * resolves each event's versions by looking at all of them at once (the latest recorded version wins, an
 * annulment counts nothing, a redelivery is the same event), then counts the winners.
 *
 * <p>Results are plain maps with readable keys, so that they can be compared cell by cell with what the streams
 * app publishes and serves:
 * <ul>
 *   <li>{@link #cells()}: {@code <TYPE>:<code>:<yyyy-MM>|<measure>|<breakdown>|<category>|<age>} as in the
 *       region-statistics topic: the category the labels of the breakdown's categorical dimensions joined by '|', the
 *       age the age band, single year of age, birth year or settlement year, empty for cells without one; for
 *       municipalities and, summed from them, counties, centrality classes and size bands;</li>
 *   <li>{@link #regionFlows()}: the region-flows topic, {@code <TYPE>:<code>:<yyyy-MM>} to
 *       [domesticIn, domesticOut, immigrations, emigrations];</li>
 *   <li>{@link #flowTotals()}, {@link #population(YearMonth)}, {@link #originDestination(String, YearMonth, YearMonth)}:
 *       the derived answers of the query API.</li>
 * </ul>
 */
public final class BatchRecount {

    public static final List<String> AGE_BANDS = List.of("0-19", "20-29", "30-64", "65+");

    private final MunicipalityCatalog catalog;
    private final Map<String, Long> cells = new TreeMap<>();
    private final Map<String, long[]> regionFlows = new TreeMap<>();
    private final Map<String, Long> flowTotals = new TreeMap<>();
    /** Population changes: 2024 municipality -> month -> "dimension|category|birthYear" -> count. */
    private final Map<String, TreeMap<YearMonth, Map<String, Long>>> populationChanges = new TreeMap<>();
    /** Domestic moves between different municipalities: origin code, destination code, month. */
    private final List<String[]> moves = new ArrayList<>();
    private final Map<String, String> rejections = new TreeMap<>();
    /** Each person's employment relationships: employment id to {start, end, occupation of the start}. */
    private final Map<String, Map<String, Object[]>> employment = new HashMap<>();

    private BatchRecount(MunicipalityCatalog catalog) {
        this.catalog = catalog;
    }

    /** Recounts {@code baseline} and {@code events} (any order, duplicates allowed) with the bundled reference data. */
    public static BatchRecount of(Iterable<BaselinePerson> baseline, Iterable<RegisterEvent> events) {
        return of(baseline, events, List.of());
    }

    /** As {@link #of(Iterable, Iterable)}, with the employment register joined on the person. */
    public static BatchRecount of(Iterable<BaselinePerson> baseline, Iterable<RegisterEvent> events, Iterable<EmploymentEvent> jobs) {
        return of(baseline, events, jobs, MunicipalityCatalog.bundled());
    }

    public static BatchRecount of(Iterable<BaselinePerson> baseline, Iterable<RegisterEvent> events, Iterable<EmploymentEvent> jobs,
                                  MunicipalityCatalog catalog) {
        BatchRecount recount = new BatchRecount(catalog);
        recount.resolveEmployment(jobs);
        recount.run(baseline, events);
        return recount;
    }

    public Map<String, Long> cells() {
        return cells;
    }

    /**
     * The rows of one published region-statistics record (the latest value of a key of the region-statistics
     * topic) in the form of {@link #cells()}, to compare the two cell by cell.
     */
    public static Map<String, Long> rowsOf(String key, RegionStatistics value) {
        return rowsOf(key, value.getCells());
    }

    /** The rows of one published yearly record, in the form of {@link #yearCells()}. */
    public static Map<String, Long> rowsOf(String key, YearlyRegionStatistics value) {
        return rowsOf(key, value.getCells());
    }

    /**
     * {@link #cells()} summed over the months of each year, keyed {@code MUNICIPALITY:0301:2020|...}: what the
     * yearly topic must hold.
     */
    public Map<String, Long> yearCells() {
        Map<String, Long> years = new TreeMap<>();
        cells.forEach((key, n) -> {
            int bar = key.indexOf('|');
            String month = key.substring(0, bar);
            years.merge(month.substring(0, month.length() - "-MM".length()) + key.substring(bar), n, Long::sum);
        });
        years.values().removeIf(n -> n == 0);
        return years;
    }

    private static Map<String, Long> rowsOf(String key, List<StatisticsCell> cells) {
        Map<String, Long> rows = new TreeMap<>();
        for (StatisticsCell c : cells) {
            String age = c.getAgeBand() != null ? c.getAgeBand()
                : c.getAge() != null ? c.getAge()
                : c.getBirthYear() != null ? c.getBirthYear().toString()
                : c.getSettlementYear() != null ? c.getSettlementYear().toString() : "";
            rows.put(key + "|" + c.getMeasure() + "|" + c.getDimension() + "|" + c.getCategory() + "|" + age, c.getCount());
        }
        return rows;
    }

    public Map<String, long[]> regionFlows() {
        return regionFlows;
    }

    /**
     * Flows of every municipality, county, centrality class and size band per month, without breakdowns:
     * {@code <KIND>:<code>:<yyyy-MM>|<measure>} with measures domesticIn, domesticOut, immigrations, emigrations,
     * refugeeSettlements, births, deaths, movesWithin (moves that stay inside the region). Zero values are left out.
     */
    public Map<String, Long> flowTotals() {
        return flowTotals;
    }

    /**
     * The rejected records (dead letters) and why: event id to reason, {@code baseline:<person id>} for baseline
     * records. A death of a person never seen is listed once, under the id of its counted version.
     */
    public Map<String, String> rejections() {
        return rejections;
    }

    // --------------------------------------------------------------------------------------------- resolving

    private void run(Iterable<BaselinePerson> baseline, Iterable<RegisterEvent> events) {
        Set<String> seen = new HashSet<>();
        Map<String, BaselinePerson> baselineByPerson = new LinkedHashMap<>();
        for (BaselinePerson p : baseline) {
            String reason = baselineRejection(p);
            if (reason != null) {
                rejections.put("baseline:" + p.getPersonId(), reason);
                continue;
            }
            baselineByPerson.merge(p.getPersonId(), p, (a, b) -> b.getExtractDate().isAfter(a.getExtractDate()) ? b : a);
        }
        Map<String, RegisterEvent> distinct = new LinkedHashMap<>();
        for (RegisterEvent e : events) {
            distinct.putIfAbsent(e.getEventId(), e);
        }
        Map<String, List<RegisterEvent>> versions = new LinkedHashMap<>();
        for (RegisterEvent e : distinct.values()) {
            String reason = rejection(e);
            if (reason != null) {
                rejections.put(e.getEventId(), reason);
                continue;
            }
            String original = e.getCorrectsEventId() == null ? e.getEventId() : e.getCorrectsEventId();
            versions.computeIfAbsent(e.getPersonId() + "/" + original, k -> new ArrayList<>()).add(e);
            if (e.getRegistration() != RegistrationKind.ANNULMENT && e.getEventType() != EventType.DEATH) {
                seen.add(e.getPersonId());
            }
        }
        seen.addAll(baselineByPerson.keySet());
        baselineByPerson.values().forEach(this::countBaseline);
        Comparator<RegisterEvent> latest = Comparator.comparing(RegisterEvent::getRecordedAt).thenComparing(RegisterEvent::getEventId);
        Map<String, List<RegisterEvent>> countedByPerson = new LinkedHashMap<>();
        for (List<RegisterEvent> all : versions.values()) {
            RegisterEvent winner = all.stream().max(latest).orElseThrow();
            if (winner.getRegistration() == RegistrationKind.ANNULMENT) {
                continue;
            }
            if (winner.getEventType() == EventType.DEATH && !seen.contains(winner.getPersonId())) {
                rejections.put(winner.getEventId(), "death of a person never seen (no baseline record and no other event of the person)");
                continue;
            }
            count(winner);
            countedByPerson.computeIfAbsent(winner.getPersonId(), k -> new ArrayList<>()).add(winner);
        }
        countedByPerson.values().forEach(this::settledRefugee);
        countedByPerson.values().forEach(this::moversByOccupation);
        addCoarserRegions();
    }

    /**
     * The employment register's versions resolved like the population register's (the latest recorded version of a
     * change counts, an annulment counts nothing, a redelivery is the same change), then each relationship from its
     * earliest counted START (whose occupation it has) to its earliest counted END.
     */
    private void resolveEmployment(Iterable<EmploymentEvent> jobs) {
        Map<String, EmploymentEvent> distinct = new LinkedHashMap<>();
        for (EmploymentEvent e : jobs) {
            distinct.putIfAbsent(e.getEventId(), e);
        }
        Map<String, EmploymentEvent> winners = new HashMap<>();
        Comparator<EmploymentEvent> later = Comparator.comparing(EmploymentEvent::getRecordedAt).thenComparing(EmploymentEvent::getEventId);
        for (EmploymentEvent e : distinct.values()) {
            String reason = employmentRejection(e);
            if (reason != null) {
                rejections.put(e.getEventId(), reason);
                continue;
            }
            String original = e.getPersonId() + "/" + (e.getCorrectsEventId() == null ? e.getEventId() : e.getCorrectsEventId());
            winners.merge(original, e, (a, b) -> later.compare(a, b) >= 0 ? a : b);
        }
        Comparator<EmploymentEvent> earlier = Comparator.comparing(EmploymentEvent::getEventDate).thenComparing(EmploymentEvent::getEventId);
        Map<String, EmploymentEvent[]> startAndEnd = new HashMap<>();
        for (EmploymentEvent e : winners.values()) {
            if (e.getRegistration() == RegistrationKind.ANNULMENT) {
                continue;
            }
            EmploymentEvent[] pair = startAndEnd.computeIfAbsent(e.getPersonId() + "/" + e.getEmploymentId(), k -> new EmploymentEvent[2]);
            int i = e.getChange() == EmploymentChange.START ? 0 : 1;
            if (pair[i] == null || earlier.compare(e, pair[i]) < 0) {
                pair[i] = e;
            }
        }
        startAndEnd.forEach((key, pair) -> {
            if (pair[0] != null) {
                employment.computeIfAbsent(pair[0].getPersonId(), p -> new HashMap<>()).put(pair[0].getEmploymentId(),
                    new Object[] {pair[0].getEventDate(), pair[1] == null ? null : pair[1].getEventDate(), pair[0].getOccupationGroup().name()});
            }
        });
    }

    private static String employmentRejection(EmploymentEvent e) {
        if (e.getChange() == EmploymentChange.UNKNOWN && e.getRegistration() != RegistrationKind.ANNULMENT) {
            return "unknown employment change";
        }
        if ((e.getRegistration() == RegistrationKind.NEW) != (e.getCorrectsEventId() == null)) {
            return e.getRegistration() == RegistrationKind.NEW ? "a NEW registration must not name correctsEventId"
                : e.getRegistration() + " without correctsEventId";
        }
        if (e.getEventDate().isAfter(e.getRecordedAt().atZone(ZoneOffset.UTC).toLocalDate())) {
            return "event date " + e.getEventDate() + " is in the future of its recording time " + e.getRecordedAt();
        }
        return null;
    }

    /** Whether the person works on {@code day}: some relationship has begun and not ended (its end is its last day). */
    private boolean employedOn(String personId, LocalDate day) {
        for (Object[] job : employment.getOrDefault(personId, Map.of()).values()) {
            LocalDate start = (LocalDate) job[0];
            LocalDate end = (LocalDate) job[1];
            if (!day.isBefore(start) && (end == null || !day.isAfter(end))) {
                return true;
            }
        }
        return false;
    }

    /** The occupation group on {@code day}: of the working relationship that began last (then by employment id). */
    private String occupationOn(String personId, LocalDate day) {
        String occupation = "NOT_EMPLOYED";
        LocalDate latestStart = null;
        String latestId = null;
        for (Map.Entry<String, Object[]> job : new TreeMap<>(employment.getOrDefault(personId, Map.of())).entrySet()) {
            LocalDate start = (LocalDate) job.getValue()[0];
            LocalDate end = (LocalDate) job.getValue()[1];
            boolean working = !day.isBefore(start) && (end == null || !day.isAfter(end));
            if (working && (latestStart == null || start.isAfter(latestStart)
                || (start.equals(latestStart) && job.getKey().compareTo(latestId) > 0))) {
                latestStart = start;
                latestId = job.getKey();
                occupation = (String) job.getValue()[2];
            }
        }
        return occupation;
    }

    /** Every counted move between municipalities again, by the mover's occupation on the day and the destination's county. */
    private void moversByOccupation(List<RegisterEvent> counted) {
        for (RegisterEvent e : counted) {
            if ((e.getEventType() == EventType.MOVE || e.getEventType() == EventType.REFUGEE_SETTLEMENT) && e.getFromMunicipality() != null) {
                Municipality from = catalog.byCode(e.getFromMunicipality()).orElseThrow();
                Municipality to = catalog.byCode(e.getToMunicipality()).orElseThrow();
                if (!from.getCode2024().equals(to.getCode2024())) {
                    add(key(from.getCode2024(), YearMonth.from(e.getEventDate())) + "|DOMESTIC_OUT_BY_OCCUPATION|OCCUPATION_GROUP_BY_PARTNER_COUNTY|"
                        + occupationOn(e.getPersonId(), e.getEventDate()) + "|" + to.getCountyCode() + "|", 1);
                }
            }
        }
    }

    /** Every municipality cell again under the municipality's county, centrality class and size band. */
    private void addCoarserRegions() {
        Map<String, Long> coarser = new TreeMap<>();
        cells.forEach((key, n) -> {
            String[] parts = key.split(":", 3);
            Municipality m = catalog.byCode(parts[1]).orElseThrow();
            String rest = parts[2];
            coarser.merge("COUNTY:" + m.getCountyCode() + ":" + rest, n, Long::sum);
            coarser.merge("CENTRALITY_CLASS:" + m.getCentralityClass() + ":" + rest, n, Long::sum);
            coarser.merge("SIZE_BAND:" + sizeBand(m) + ":" + rest, n, Long::sum);
        });
        coarser.values().removeIf(n -> n == 0);
        cells.putAll(coarser);
    }

    private String baselineRejection(BaselinePerson p) {
        LocalDate birth = p.getPerson().getBirthDate();
        if (birth.isAfter(p.getExtractDate())) {
            return "birth date " + birth + " is after the extract date " + p.getExtractDate();
        }
        if (birth.getYear() < 1850) {
            return "birth date " + birth + " is implausible (before 1850)";
        }
        if (catalog.byCode(p.getMunicipality()).isEmpty()) {
            return "unknown municipality code " + p.getMunicipality() + " in municipality";
        }
        return null;
    }

    private String rejection(RegisterEvent e) {
        if (e.getEventType() == EventType.UNKNOWN) {
            return "unknown event type";
        }
        if ((e.getRegistration() == RegistrationKind.NEW) != (e.getCorrectsEventId() == null)) {
            return e.getRegistration() == RegistrationKind.NEW ? "a NEW registration must not name correctsEventId"
                : e.getRegistration() + " without correctsEventId";
        }
        LocalDate date = e.getEventDate();
        if (date.isAfter(e.getRecordedAt().atZone(ZoneOffset.UTC).toLocalDate())) {
            return "event date " + date + " is in the future of its recording time " + e.getRecordedAt();
        }
        LocalDate birth = e.getPerson().getBirthDate();
        if (date.isBefore(birth)) {
            return "event date " + date + " is before the person's birth date " + birth;
        }
        if (birth.getYear() < 1850) {
            return "birth date " + birth + " is implausible (before 1850)";
        }
        if (e.getRegistration() == RegistrationKind.ANNULMENT) {
            return null;
        }
        boolean needsFrom = switch (e.getEventType()) {
            case MOVE, EMIGRATION, DEATH -> true;
            default -> false;
        };
        boolean needsTo = switch (e.getEventType()) {
            case MOVE, IMMIGRATION, REFUGEE_SETTLEMENT, BIRTH -> true;
            default -> false;
        };
        if (needsFrom && e.getFromMunicipality() == null) {
            return e.getEventType() + " without fromMunicipality";
        }
        if (needsTo && e.getToMunicipality() == null) {
            return e.getEventType() + " without toMunicipality";
        }
        if (e.getFromMunicipality() != null && catalog.byCode(e.getFromMunicipality()).isEmpty()) {
            return "unknown municipality code " + e.getFromMunicipality() + " in fromMunicipality";
        }
        if (e.getToMunicipality() != null && catalog.byCode(e.getToMunicipality()).isEmpty()) {
            return "unknown municipality code " + e.getToMunicipality() + " in toMunicipality";
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------- counting

    private void countBaseline(BaselinePerson p) {
        Municipality m = catalog.byCode(p.getMunicipality()).orElseThrow();
        YearMonth month = YearMonth.from(p.getExtractDate().minusDays(1));
        PersonAttributes a = p.getPerson();
        population(m.getCode2024(), month, new Who(a, Period.between(a.getBirthDate(), p.getExtractDate()).getYears(), null, null), +1);
    }

    private void count(RegisterEvent e) {
        Municipality from = e.getFromMunicipality() == null ? null : catalog.byCode(e.getFromMunicipality()).orElseThrow();
        Municipality to = e.getToMunicipality() == null ? null : catalog.byCode(e.getToMunicipality()).orElseThrow();
        PersonAttributes p = e.getPerson();
        YearMonth month = YearMonth.from(e.getEventDate());
        Who who = new Who(p, Period.between(p.getBirthDate(), e.getEventDate()).getYears(), null, null);
        switch (e.getEventType()) {
            case IMMIGRATION -> arrive(to, month, who, Measure.IMMIGRATIONS, "immigrations", 2);
            case BIRTH -> arrive(to, month, who, Measure.BIRTHS, "births", -1);
            case EMIGRATION -> leave(from, month, who, Measure.EMIGRATIONS, "emigrations", 3);
            case DEATH -> leave(from, month, who, Measure.DEATHS, "deaths", -1);
            case MOVE, REFUGEE_SETTLEMENT -> {
                boolean settlement = e.getEventType() == EventType.REFUGEE_SETTLEMENT;
                if (settlement) {
                    count(to.getCode2024(), month, Measure.REFUGEE_SETTLEMENTS, who, 1);
                    totals(to, month, "refugeeSettlements");
                }
                if (from != null && !from.getCode2024().equals(to.getCode2024())) {
                    move(from, to, month, who);
                } else if (!settlement) {
                    count(to.getCode2024(), month, Measure.MOVES_WITHIN, who, 1);
                    totals(to, month, "movesWithin");
                }
            }
            default -> throw new IllegalStateException("no rule for " + e.getEventType());
        }
    }

    /**
     * The settled-refugee measures of one person, from all their counted events at once: the earliest settlement
     * (by date, then event id) names the municipality; every later event that leaves it or comes back to it is a
     * -1 or +1 of those still living there, and a move away is counted under the destination's centrality class.
     */
    private void settledRefugee(List<RegisterEvent> counted) {
        RegisterEvent settlement = counted.stream()
            .filter(e -> e.getEventType() == EventType.REFUGEE_SETTLEMENT)
            .min(Comparator.comparing(RegisterEvent::getEventDate).thenComparing(RegisterEvent::getEventId))
            .orElse(null);
        if (settlement == null) {
            return;
        }
        String home = catalog.byCode(settlement.getToMunicipality()).orElseThrow().getCode2024();
        PersonAttributes attributes = settlement.getPerson();
        Who cohort = new Who(attributes, Period.between(attributes.getBirthDate(), settlement.getEventDate()).getYears(), null,
            settlement.getEventDate().getYear());
        count(home, YearMonth.from(settlement.getEventDate()), Measure.SETTLED_REFUGEES_REMAINING, cohort, +1);
        for (RegisterEvent e : counted) {
            if (!e.getEventDate().isAfter(settlement.getEventDate())) {
                continue;
            }
            String from = e.getFromMunicipality() == null ? null : catalog.byCode(e.getFromMunicipality()).orElseThrow().getCode2024();
            Municipality to = e.getToMunicipality() == null ? null : catalog.byCode(e.getToMunicipality()).orElseThrow();
            String toCode = to == null ? null : to.getCode2024();
            YearMonth month = YearMonth.from(e.getEventDate());
            boolean out = home.equals(from) && !home.equals(toCode);
            boolean in = home.equals(toCode) && !home.equals(from);
            switch (e.getEventType()) {
                case MOVE, REFUGEE_SETTLEMENT -> {
                    if (out) {
                        count(home, month, Measure.SETTLED_REFUGEES_REMAINING, cohort, -1);
                        count(home, month, Measure.SETTLED_REFUGEES_MOVED_AWAY, cohort.with(to), 1);
                    } else if (in) {
                        count(home, month, Measure.SETTLED_REFUGEES_REMAINING, cohort, +1);
                    }
                }
                case EMIGRATION, DEATH -> {
                    if (out) {
                        count(home, month, Measure.SETTLED_REFUGEES_REMAINING, cohort, -1);
                    }
                }
                case IMMIGRATION -> {
                    if (in) {
                        count(home, month, Measure.SETTLED_REFUGEES_REMAINING, cohort, +1);
                    }
                }
                default -> {
                }
            }
            if (e.getEventType() == EventType.EMIGRATION) {
                count(home, month, Measure.SETTLED_REFUGEES_EMIGRATED, cohort, 1);
            }
        }
        livingInNorwayAndWorking(settlement, counted, home, cohort);
    }

    /**
     * Whether the settled refugee lives in Norway, and whether they also work, on the last day of every month from the
     * settlement on: each change from one month's end to the next is a +1 or -1 in that month.
     */
    private void livingInNorwayAndWorking(RegisterEvent settlement, List<RegisterEvent> counted, String home, Who cohort) {
        List<RegisterEvent> later = counted.stream().filter(e -> e.getEventDate().isAfter(settlement.getEventDate()))
            .sorted(Comparator.comparing(RegisterEvent::getEventDate).thenComparing(RegisterEvent::getEventId)).toList();
        boolean wasLiving = false;
        boolean wasWorking = false;
        for (YearMonth month = YearMonth.from(settlement.getEventDate()); !month.isAfter(LAST_MONTH); month = month.plusMonths(1)) {
            LocalDate end = month.atEndOfMonth();
            boolean living = true;
            for (RegisterEvent e : later) {
                if (e.getEventDate().isAfter(end)) {
                    break;
                }
                if (e.getEventType() == EventType.EMIGRATION || e.getEventType() == EventType.DEATH) {
                    living = false;
                } else if (e.getEventType() == EventType.IMMIGRATION) {
                    living = true;
                }
            }
            boolean working = living && employedOn(settlement.getPersonId(), end);
            if (living != wasLiving) {
                count(home, month, Measure.SETTLED_REFUGEES_IN_NORWAY, cohort, living ? 1 : -1);
            }
            if (working != wasWorking) {
                count(home, month, Measure.SETTLED_REFUGEES_EMPLOYED, cohort, working ? 1 : -1);
            }
            wasLiving = living;
            wasWorking = working;
        }
    }

    /** Later than any month a replay holds: the month-end states are followed up to here. */
    private static final YearMonth LAST_MONTH = YearMonth.of(2040, 12);

    private void arrive(Municipality to, YearMonth month, Who who, Measure measure, String total, int flow) {
        count(to.getCode2024(), month, measure, who, 1);
        population(to.getCode2024(), month, who, +1);
        totals(to, month, total);
        if (flow >= 0) {
            flowsEverywhere(to, month, flow);
        }
    }

    private void leave(Municipality from, YearMonth month, Who who, Measure measure, String total, int flow) {
        count(from.getCode2024(), month, measure, who, 1);
        population(from.getCode2024(), month, who, -1);
        totals(from, month, total);
        if (flow >= 0) {
            flowsEverywhere(from, month, flow);
        }
    }

    private void move(Municipality from, Municipality to, YearMonth month, Who who) {
        String origin = from.getCode2024();
        String destination = to.getCode2024();
        count(origin, month, Measure.DOMESTIC_OUT, who.with(to), 1);
        count(destination, month, Measure.DOMESTIC_IN, who.with(from), 1);
        if (!from.getCountyCode().equals(to.getCountyCode())) {
            count(origin, month, Measure.DOMESTIC_OUT_TO_OTHER_COUNTY, who, 1);
            count(destination, month, Measure.DOMESTIC_IN_FROM_OTHER_COUNTY, who, 1);
        }
        if (from.getCentralityClass() != to.getCentralityClass()) {
            count(origin, month, Measure.DOMESTIC_OUT_TO_OTHER_CENTRALITY_CLASS, who, 1);
            count(destination, month, Measure.DOMESTIC_IN_FROM_OTHER_CENTRALITY_CLASS, who, 1);
        }
        if (!sizeBand(from).equals(sizeBand(to))) {
            count(origin, month, Measure.DOMESTIC_OUT_TO_OTHER_SIZE_BAND, who, 1);
            count(destination, month, Measure.DOMESTIC_IN_FROM_OTHER_SIZE_BAND, who, 1);
        }
        population(origin, month, who, -1);
        population(destination, month, who, +1);
        moves.add(new String[] {origin, destination, month.toString()});

        Map<String, String[]> regions = regionsOf(from, to);
        regions.forEach((kind, codes) -> {
            if (codes[0].equals(codes[1])) {
                addTotal(kind + ":" + codes[0] + ":" + month + "|movesWithin");
            } else {
                addTotal(kind + ":" + codes[0] + ":" + month + "|domesticOut");
                addTotal(kind + ":" + codes[1] + ":" + month + "|domesticIn");
            }
        });
        for (String type : List.of("MUNICIPALITY", "COUNTY", "CENTRALITY_CLASS", "SIZE_BAND")) {
            String[] codes = regions.get(type);
            if (!codes[0].equals(codes[1])) {
                regionFlow(type + ":" + codes[0] + ":" + month, 1);
                regionFlow(type + ":" + codes[1] + ":" + month, 0);
            }
        }
    }

    private Map<String, String[]> regionsOf(Municipality from, Municipality to) {
        Map<String, String[]> regions = new LinkedHashMap<>();
        regions.put("MUNICIPALITY", new String[] {from.getCode2024(), to.getCode2024()});
        regions.put("COUNTY", new String[] {from.getCountyCode(), to.getCountyCode()});
        regions.put("CENTRALITY_CLASS", new String[] {String.valueOf(from.getCentralityClass()), String.valueOf(to.getCentralityClass())});
        regions.put("SIZE_BAND", new String[] {sizeBand(from), sizeBand(to)});
        return regions;
    }

    private void totals(Municipality m, YearMonth month, String measure) {
        regionsOf(m, m).forEach((kind, codes) -> addTotal(kind + ":" + codes[0] + ":" + month + "|" + measure));
    }

    private void flowsEverywhere(Municipality m, YearMonth month, int index) {
        regionFlow("MUNICIPALITY:" + m.getCode2024() + ":" + month, index);
        regionFlow("COUNTY:" + m.getCountyCode() + ":" + month, index);
        regionFlow("CENTRALITY_CLASS:" + m.getCentralityClass() + ":" + month, index);
        regionFlow("SIZE_BAND:" + sizeBand(m) + ":" + month, index);
    }

    private void regionFlow(String key, int index) {
        regionFlows.computeIfAbsent(key, k -> new long[4])[index]++;
    }

    private void addTotal(String key) {
        flowTotals.merge(key, 1L, Long::sum);
    }

    /**
     * Who or what is counted: the person's attributes as registered, the age at the date in whole years, the
     * municipality at the other end of a move, the year of the refugee settlement.
     */
    private record Who(PersonAttributes person, int age, Municipality partner, Integer settlementYear) {

        Who with(Municipality other) {
            return new Who(person, age, other, settlementYear);
        }

        /** The label of a dimension, worked out from the event's fields (not from the app's codes). */
        String label(Dimension dimension) {
            return switch (dimension) {
                case ALL -> "ALL";
                case IMMIGRANT_CATEGORY -> person.getImmigrantCategory().name();
                case COUNTRY_BACKGROUND -> person.getCountryBackground().name();
                case IMMIGRATION_REASON -> person.getImmigrationReason() == null ? "NONE" : person.getImmigrationReason().name();
                case EDUCATION_LEVEL -> person.getEducationLevel().name();
                case SEX -> person.getSex().name();
                case AGE_BAND -> ageBand(age);
                case AGE -> age <= 30 ? String.valueOf(age) : age < 65 ? "31-64" : "65+";
                case BIRTH_YEAR -> String.valueOf(person.getBirthDate().getYear());
                case SETTLEMENT_YEAR -> String.valueOf(settlementYear);
                case PARTNER_COUNTY -> partner.getCountyCode();
                case PARTNER_CENTRALITY_CLASS -> String.valueOf(partner.getCentralityClass());
                case PARTNER_SIZE_BAND -> sizeBand(partner);
                case NO_AGE -> "";
                case COLLECTIVE_PROTECTION -> person.getCollectiveProtection() ? "YES" : "NO";
                case OCCUPATION_GROUP -> throw new IllegalStateException("movers by occupation are counted on their own");
            };
        }
    }

    /**
     * The measure in every table the catalogue declares for it: the row of each table is the labels of its
     * categorical dimensions joined by '|' (ALL when it has none) and the label of its age or year.
     */
    private void count(String code2024, YearMonth month, Measure measure, Who who, int sign) {
        for (Table table : measure.tables()) {
            List<String> categories = new ArrayList<>();
            String age = "";
            for (Dimension d : table.dimensions()) {
                switch (d.placement()) {
                    case CATEGORY -> categories.add(who.label(d));
                    case AGE_BAND, AGE, BIRTH_YEAR, SETTLEMENT_YEAR -> age = who.label(d);
                    case NONE -> {
                    }
                }
            }
            String category = categories.isEmpty() ? "ALL" : String.join("|", categories);
            add(key(code2024, month) + "|" + measure.name() + "|" + table.breakdown().name() + "|" + category + "|" + age, sign);
        }
    }

    private void population(String code2024, YearMonth month, Who who, int sign) {
        count(code2024, month, Measure.POPULATION, who, sign);
        PersonAttributes p = who.person();
        int birthYear = p.getBirthDate().getYear();
        Map<String, Long> changes = populationChanges.computeIfAbsent(code2024, k -> new TreeMap<>())
            .computeIfAbsent(month, k -> new HashMap<>());
        changes.merge("ALL|ALL|" + birthYear, (long) sign, Long::sum);
        changes.merge("IMMIGRANT_CATEGORY|" + p.getImmigrantCategory().name() + "|" + birthYear, (long) sign, Long::sum);
    }

    private void add(String key, long n) {
        long v = cells.merge(key, n, Long::sum);
        if (v == 0) {
            cells.remove(key);
        }
    }

    private static String key(String code2024, YearMonth month) {
        return "MUNICIPALITY:" + code2024 + ":" + month;
    }

    static String ageBand(int age) {
        return age < 20 ? "0-19" : age < 30 ? "20-29" : age < 65 ? "30-64" : "65+";
    }

    static String sizeBand(Municipality m) {
        int population = m.getPopulation2024() == null ? 0 : m.getPopulation2024();
        return population < 1_000 ? "UNDER_1000" : population < 50_000 ? "FROM_1000_TO_49999" : "FROM_50000";
    }

    // ------------------------------------------------------------------------------------------ derived answers

    /**
     * The population at the end of {@code month} per region, by age band (the age reached in the month's year) and
     * immigrant category: {@code <KIND>:<code>|<IMMIGRANT_CATEGORY or ALL>|<age band>} to count.
     */
    public Map<String, Long> population(YearMonth month) {
        Map<String, Long> result = new TreeMap<>();
        populationChanges.forEach((code, byMonth) -> {
            Municipality m = catalog.byCode(code).orElseThrow();
            byMonth.headMap(month, true).values().forEach(changes -> changes.forEach((cell, n) -> {
                String[] parts = cell.split("\\|");
                if (!parts[0].equals("ALL") && !parts[0].equals("IMMIGRANT_CATEGORY")) {
                    return;
                }
                String band = ageBand(Math.max(0, month.getYear() - Integer.parseInt(parts[2])));
                for (Map.Entry<String, String[]> region : regionsOf(m, m).entrySet()) {
                    result.merge(region.getKey() + ":" + region.getValue()[0] + "|" + parts[1] + "|" + band, n, Long::sum);
                }
            }));
        });
        result.values().removeIf(v -> v == 0);
        return result;
    }

    /** Moves between municipalities from {@code from} to {@code to} by the regions at both ends: {@code origin>destination}. */
    public Map<String, Long> originDestination(String kind, YearMonth from, YearMonth to) {
        Map<String, Long> result = new TreeMap<>();
        for (String[] move : moves) {
            YearMonth month = YearMonth.parse(move[2]);
            if (month.isBefore(from) || month.isAfter(to)) {
                continue;
            }
            String[] codes = regionsOf(catalog.byCode(move[0]).orElseThrow(), catalog.byCode(move[1]).orElseThrow()).get(kind);
            result.merge(codes[0] + ">" + codes[1], 1L, Long::sum);
        }
        return result;
    }
}
