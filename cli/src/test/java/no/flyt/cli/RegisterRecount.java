package no.flyt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import no.flyt.aggregates.RegionType;
import no.flyt.reference.Municipality;
import no.flyt.reference.MunicipalityCatalog;

/**
 * A second, independent count of the monthly migration flows in a JSON Lines event file, written straight from the
 * register rules (plain Java and Jackson, nothing shared with the streams topology), so that the pipeline's answers
 * can be checked against it:
 * <ul>
 *   <li>a redelivered event id counts once;</li>
 *   <li>of the versions of one event (the NEW one and the CORRECTIONs and ANNULMENTs naming it in correctsEventId)
 *       the one recorded last counts (on a tie, the larger event id), and an annulment counts nothing;</li>
 *   <li>a move inside one 2024 municipality counts nothing; a county or centrality class counts a move in or out
 *       only when it crosses that region's border;</li>
 *   <li>codes valid before 2024 count under their 2024 municipality;</li>
 *   <li>an event with invalid content or an unknown municipality code counts nothing and is rejected (it goes to
 *       the dead-letter topic, once per delivery); a line that is not a readable event is malformed.</li>
 * </ul>
 * The municipality catalog is reference data (code to 2024 municipality, county, centrality class), not logic.
 */
final class RegisterRecount {

    /** A region of the aggregates: a 2024 municipality, a 2024 county or a centrality class. */
    record Region(RegionType type, String code) implements Comparable<Region> {
        @Override
        public int compareTo(Region other) {
            return Comparator.comparing(Region::type).thenComparing(Region::code).compare(this, other);
        }
    }

    /** The counts of one region in one month. */
    record Cell(long domesticIn, long domesticOut, long immigrations, long emigrations) {
        static final Cell ZERO = new Cell(0, 0, 0, 0);

        long net() {
            return domesticIn - domesticOut + immigrations - emigrations;
        }

        Cell plus(Cell other) {
            return new Cell(domesticIn + other.domesticIn, domesticOut + other.domesticOut,
                immigrations + other.immigrations, emigrations + other.emigrations);
        }

        boolean isZero() {
            return equals(ZERO);
        }
    }

    /**
     * A delivery that breaks a register rule.
     *
     * @param reasonHint a word or code the pipeline's reason must mention (e.g. the unknown code)
     */
    record Rejection(long lineNumber, String eventId, String personId, String reasonHint) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> EVENT_TYPES = Set.of("MOVE", "IMMIGRATION", "EMIGRATION", "REFUGEE_SETTLEMENT", "BIRTH", "DEATH");
    private static final Set<String> REGISTRATIONS = Set.of("NEW", "CORRECTION", "ANNULMENT");

    /** One readable line of the file. */
    private record Event(String eventId, String personId, String type, String registration, String correctsEventId,
                         LocalDate eventDate, Instant recordedAt, LocalDate birthDate, String from, String to) {
        String originalId() {
            return correctsEventId != null ? correctsEventId : eventId;
        }
    }

    private final MunicipalityCatalog catalog;
    private final SortedMap<Region, SortedMap<YearMonth, Cell>> cells = new TreeMap<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private final List<Long> malformedLines = new ArrayList<>();
    private final Set<String> historicCodes = new TreeSet<>();
    private int redeliveries;
    private int corrections;
    private int annulments;
    private int countedAnnulments;
    private int movesInsideAMunicipality;
    private YearMonth firstMonth;
    private YearMonth lastMonth;

    private RegisterRecount(MunicipalityCatalog catalog) {
        this.catalog = catalog;
    }

    static RegisterRecount of(Path eventsFile, MunicipalityCatalog catalog) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(eventsFile, StandardCharsets.UTF_8)) {
            return of(reader.lines().toList(), catalog);
        }
    }

    static RegisterRecount of(List<String> lines, MunicipalityCatalog catalog) {
        RegisterRecount recount = new RegisterRecount(catalog);
        recount.count(lines);
        return recount;
    }

    private void count(List<String> lines) {
        // Per original event id, the versions seen, by their own event id (a redelivery keeps the first delivery).
        Map<String, Map<String, Event>> versions = new LinkedHashMap<>();
        long lineNumber = 0;
        for (String line : lines) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            Optional<Event> read = read(line);
            if (read.isEmpty()) {
                malformedLines.add(lineNumber);
                continue;
            }
            Event event = read.get();
            YearMonth month = YearMonth.from(event.eventDate());
            firstMonth = firstMonth == null || month.isBefore(firstMonth) ? month : firstMonth;
            lastMonth = lastMonth == null || month.isAfter(lastMonth) ? month : lastMonth;
            Optional<String> broken = brokenRule(event);
            if (broken.isPresent()) {
                rejections.add(new Rejection(lineNumber, event.eventId(), event.personId(), broken.get()));
                continue;
            }
            Map<String, Event> ofOriginal = versions.computeIfAbsent(event.originalId(), id -> new LinkedHashMap<>());
            if (ofOriginal.putIfAbsent(event.eventId(), event) != null) {
                redeliveries++;
            } else if (event.registration().equals("CORRECTION")) {
                corrections++;
            } else if (event.registration().equals("ANNULMENT")) {
                annulments++;
            }
        }
        for (Map<String, Event> ofOriginal : versions.values()) {
            Event latest = Collections.max(ofOriginal.values(),
                Comparator.comparing(Event::recordedAt).thenComparing(Event::eventId));
            count(latest);
        }
    }

    /** The event, or empty when the line is not a readable register event. */
    private static Optional<Event> read(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            String eventId = requiredText(node, "eventId");
            String personId = requiredText(node, "personId");
            String type = requiredText(node, "eventType");
            String registration = optionalText(node, "registration");
            if (registration == null) {
                registration = "NEW"; // the field's default
            } else if (!REGISTRATIONS.contains(registration)) {
                return Optional.empty(); // the registration enum has no fallback symbol
            }
            JsonNode person = node.get("person");
            if (eventId == null || personId == null || type == null || person == null || !person.isObject()) {
                return Optional.empty();
            }
            String eventDate = requiredText(node, "eventDate");
            String recordedAt = requiredText(node, "recordedAt");
            String birthDate = requiredText(person, "birthDate");
            if (eventDate == null || recordedAt == null || birthDate == null) {
                return Optional.empty();
            }
            return Optional.of(new Event(eventId, personId, type, registration, optionalText(node, "correctsEventId"),
                LocalDate.parse(eventDate), Instant.parse(recordedAt), LocalDate.parse(birthDate),
                optionalText(node, "fromMunicipality"), optionalText(node, "toMunicipality")));
        } catch (IOException | DateTimeException e) {
            return Optional.empty();
        }
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Which rule the event breaks, as a hint the rejection reason must contain; empty when it can be counted. */
    private Optional<String> brokenRule(Event e) {
        if (!EVENT_TYPES.contains(e.type())) {
            return Optional.of("event type");
        }
        boolean isNew = e.registration().equals("NEW");
        if (isNew == (e.correctsEventId() != null)) {
            return Optional.of("correctsEventId");
        }
        if (e.eventDate().isAfter(e.recordedAt().atOffset(ZoneOffset.UTC).toLocalDate())) {
            return Optional.of("future");
        }
        if (e.eventDate().isBefore(e.birthDate())) {
            return Optional.of("birth date");
        }
        if (e.registration().equals("ANNULMENT")) {
            return Optional.empty(); // an annulment only takes back what its original added
        }
        boolean needsFrom = Set.of("MOVE", "EMIGRATION", "DEATH").contains(e.type());
        boolean needsTo = Set.of("MOVE", "IMMIGRATION", "REFUGEE_SETTLEMENT", "BIRTH").contains(e.type());
        if (needsFrom && e.from() == null) {
            return Optional.of("fromMunicipality");
        }
        if (needsTo && e.to() == null) {
            return Optional.of("toMunicipality");
        }
        for (String code : new String[] {e.from(), e.to()}) {
            if (code != null && catalog.byCode(code).isEmpty()) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }

    /** Adds what the counted version of an event adds. */
    private void count(Event e) {
        if (e.registration().equals("ANNULMENT")) {
            countedAnnulments++;
            return;
        }
        YearMonth month = YearMonth.from(e.eventDate());
        Municipality from = e.from() == null ? null : municipality(e.from());
        Municipality to = e.to() == null ? null : municipality(e.to());
        switch (e.type()) {
            case "MOVE", "REFUGEE_SETTLEMENT" -> {
                if (from == null) {
                    return; // a settlement straight from abroad: the immigration event counted the arrival
                }
                if (from.getCode2024().equals(to.getCode2024())) {
                    movesInsideAMunicipality++;
                    return;
                }
                add(new Region(RegionType.MUNICIPALITY, from.getCode2024()), month, new Cell(0, 1, 0, 0));
                add(new Region(RegionType.MUNICIPALITY, to.getCode2024()), month, new Cell(1, 0, 0, 0));
                if (!from.getCountyCode().equals(to.getCountyCode())) {
                    add(new Region(RegionType.COUNTY, from.getCountyCode()), month, new Cell(0, 1, 0, 0));
                    add(new Region(RegionType.COUNTY, to.getCountyCode()), month, new Cell(1, 0, 0, 0));
                }
                if (from.getCentralityClass() != to.getCentralityClass()) {
                    add(centralityClass(from), month, new Cell(0, 1, 0, 0));
                    add(centralityClass(to), month, new Cell(1, 0, 0, 0));
                }
                if (!sizeBand(from).equals(sizeBand(to))) {
                    add(sizeBand(from), month, new Cell(0, 1, 0, 0));
                    add(sizeBand(to), month, new Cell(1, 0, 0, 0));
                }
            }
            case "IMMIGRATION" -> addToAllRegionsOf(to, month, new Cell(0, 0, 1, 0));
            case "EMIGRATION" -> addToAllRegionsOf(from, month, new Cell(0, 0, 0, 1));
            default -> {
                // births and deaths change the population, not the migration flows
            }
        }
    }

    private Municipality municipality(String code) {
        Municipality m = catalog.byCode(code).orElseThrow();
        if (!m.getCode().equals(m.getCode2024())) {
            historicCodes.add(code);
        }
        return m;
    }

    private void addToAllRegionsOf(Municipality m, YearMonth month, Cell cell) {
        add(new Region(RegionType.MUNICIPALITY, m.getCode2024()), month, cell);
        add(new Region(RegionType.COUNTY, m.getCountyCode()), month, cell);
        add(centralityClass(m), month, cell);
        add(sizeBand(m), month, cell);
    }

    /** By the population of the 2024 municipality on 1 January 2024. */
    private static Region sizeBand(Municipality m) {
        int population = m.getPopulation2024() == null ? 0 : m.getPopulation2024();
        return new Region(RegionType.SIZE_BAND, population < 1_000 ? "UNDER_1000" : population < 50_000 ? "FROM_1000_TO_49999" : "FROM_50000");
    }

    private static Region centralityClass(Municipality m) {
        return new Region(RegionType.CENTRALITY_CLASS, String.valueOf(m.getCentralityClass()));
    }

    private void add(Region region, YearMonth month, Cell cell) {
        cells.computeIfAbsent(region, r -> new TreeMap<>()).merge(month, cell, Cell::plus);
    }

    // ---------------------------------------------------------------------------------------------- results

    /** The counts of a region in a month (zero when nothing was counted there). */
    Cell cell(Region region, YearMonth month) {
        return cells.getOrDefault(region, Collections.emptySortedMap()).getOrDefault(month, Cell.ZERO);
    }

    /** The counts of a region summed over the months from..to. */
    Cell total(Region region, YearMonth from, YearMonth to) {
        Cell total = Cell.ZERO;
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            total = total.plus(cell(region, m));
        }
        return total;
    }

    /** Every region with a non-zero count in some month. */
    Set<Region> regionsWithCounts() {
        Set<Region> regions = new TreeSet<>();
        cells.forEach((region, months) -> {
            if (months.values().stream().anyMatch(c -> !c.isZero())) {
                regions.add(region);
            }
        });
        return regions;
    }

    /** Every non-zero region-month. */
    Map<Region, SortedMap<YearMonth, Cell>> nonZeroCells() {
        Map<Region, SortedMap<YearMonth, Cell>> result = new HashMap<>();
        cells.forEach((region, months) -> months.forEach((month, cell) -> {
            if (!cell.isZero()) {
                result.computeIfAbsent(region, r -> new TreeMap<>()).put(month, cell);
            }
        }));
        return result;
    }

    /** Rejected deliveries, in file order (a redelivered rejected event is rejected again). */
    List<Rejection> rejections() {
        return List.copyOf(rejections);
    }

    /** Line numbers (1-based, blank lines included in the numbering) that hold no readable event. */
    List<Long> malformedLines() {
        return List.copyOf(malformedLines);
    }

    /** Pre-2024 municipality codes the counted events used. */
    Set<String> historicCodes() {
        return Collections.unmodifiableSet(historicCodes);
    }

    int redeliveries() {
        return redeliveries;
    }

    int corrections() {
        return corrections;
    }

    int annulments() {
        return annulments;
    }

    /** Events whose counted version is an annulment. */
    int countedAnnulments() {
        return countedAnnulments;
    }

    int movesInsideAMunicipality() {
        return movesInsideAMunicipality;
    }

    /** The month of the earliest event date in the file. */
    YearMonth firstMonth() {
        return firstMonth;
    }

    /** The month of the latest event date in the file. */
    YearMonth lastMonth() {
        return lastMonth;
    }
}
