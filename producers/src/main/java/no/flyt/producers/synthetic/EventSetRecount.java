package no.flyt.producers.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.flyt.events.BaselinePerson;
import no.flyt.events.EventType;
import no.flyt.events.ImmigrantCategory;
import no.flyt.events.RegisterEvent;
import no.flyt.events.RegistrationKind;
import no.flyt.producers.io.EventFileReader;
import no.flyt.producers.io.EventSet;
import no.flyt.producers.io.ReadResult;
import no.flyt.reference.Municipality;
import no.flyt.reference.MunicipalityCatalog;

/**
 * Recounts an event set the way the statistics count it: each NEW event once, replaced by its latest correction,
 * dropped when annulled. Counts are kept per day of event date, so that any period can be summed; population stocks
 * per 2024 municipality on 1 January of each year follow from the baseline and the net flows.
 *
 * <p>Two passes over the events: the first collects corrections and annulments (a small share), the second counts.
 */
final class EventSetRecount {

    static final LocalDate FIRST_DAY = LocalDate.of(2015, 1, 1);
    static final int DAYS = (int) (LocalDate.of(2026, 1, 1).toEpochDay() - FIRST_DAY.toEpochDay());
    static final int FIRST_YEAR = 2015;
    static final int YEARS = 12;

    /** What is counted per day. */
    enum Flow {
        BIRTHS, DEATHS, IMMIGRATIONS, EMIGRATIONS, MOVES_BETWEEN_MUNICIPALITIES, MOVES_WITHIN_MUNICIPALITIES,
        MOVES_BETWEEN_COUNTIES, MOVES_BETWEEN_REGIONS, REFUGEES_SETTLED, UKRAINIANS_SETTLED, UKRAINIAN_IMMIGRATIONS,
        UKRAINIAN_EMIGRATIONS,
        OSLO_BIRTHS, OSLO_DEATHS, OSLO_IMMIGRATIONS, OSLO_EMIGRATIONS, OSLO_DOMESTIC_IN, OSLO_DOMESTIC_OUT,
        OSLO_OUT_TO_FORMER_VIKEN, OSLO_OUT_TO_NEAR_NEIGHBOURS
    }

    private final MunicipalityCatalog catalog;
    private final Map<String, Integer> index2024 = new HashMap<>();
    private final Map<String, Boolean> formerViken = new HashMap<>();
    private final String[] codes2024;
    private final long[][] daily = new long[Flow.values().length][DAYS];
    /** Net change per 2024 municipality per year of event date. */
    private final long[][] netByMunicipality;
    /** Refugee settlements per settling 2024 municipality per day of event date: all refugees, and Ukrainians. */
    private final Map<Integer, long[]> settlementsByMunicipality = new HashMap<>();
    private final Map<Integer, long[]> ukrainianSettlementsByMunicipality = new HashMap<>();
    private final long[] baselineByMunicipality;
    /** Oslo's immigrants and Norwegian-born to immigrant parents: baseline and net change per year. */
    private final long[] osloByCategory = new long[ImmigrantCategory.values().length];
    private final long[][] osloNetByCategory = new long[ImmigrantCategory.values().length][YEARS];
    private long baselinePersons;
    private long newEvents;
    private long corrections;
    private long annulments;
    private long malformed;

    private EventSetRecount(MunicipalityCatalog catalog) {
        this.catalog = catalog;
        List<Municipality> current = catalog.current();
        codes2024 = new String[current.size()];
        for (int i = 0; i < current.size(); i++) {
            codes2024[i] = current.get(i).getCode();
            index2024.put(codes2024[i], i);
        }
        netByMunicipality = new long[codes2024.length][YEARS];
        baselineByMunicipality = new long[codes2024.length];
    }

    static EventSetRecount of(Path directory, MunicipalityCatalog catalog) throws IOException {
        EventSet set = EventSet.open(directory);
        EventSetRecount recount = new EventSetRecount(catalog);
        Path baseline = set.baseline().orElseThrow(() -> new IOException("no baseline file in " + directory));
        Path events = set.events().orElseThrow(() -> new IOException("no events file in " + directory));
        recount.countBaseline(baseline);
        Map<String, RegisterEvent> latestCorrection = new HashMap<>();
        Set<String> annulled = new HashSet<>();
        try (EventFileReader<RegisterEvent> reader = EventFileReader.open(events, RegisterEvent.class)) {
            for (ReadResult<RegisterEvent> item : reader) {
                if (item.isMalformed()) {
                    continue;
                }
                RegisterEvent e = item.record();
                if (e.getRegistration() == RegistrationKind.ANNULMENT) {
                    annulled.add(e.getCorrectsEventId());
                } else if (e.getRegistration() == RegistrationKind.CORRECTION) {
                    latestCorrection.merge(e.getCorrectsEventId(), e,
                        (a, b) -> b.getRecordedAt().isBefore(a.getRecordedAt()) ? a : b);
                }
            }
        }
        try (EventFileReader<RegisterEvent> reader = EventFileReader.open(events, RegisterEvent.class)) {
            for (ReadResult<RegisterEvent> item : reader) {
                if (item.isMalformed()) {
                    recount.malformed++;
                    continue;
                }
                RegisterEvent e = item.record();
                switch (e.getRegistration()) {
                    case CORRECTION -> recount.corrections++;
                    case ANNULMENT -> recount.annulments++;
                    default -> {
                        recount.newEvents++;
                        if (!annulled.contains(e.getEventId())) {
                            recount.count(latestCorrection.getOrDefault(e.getEventId(), e));
                        }
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return recount;
    }

    private void countBaseline(Path file) throws IOException {
        try (EventFileReader<BaselinePerson> reader = EventFileReader.open(file, BaselinePerson.class)) {
            for (ReadResult<BaselinePerson> item : reader) {
                if (item.isMalformed()) {
                    malformed++;
                    continue;
                }
                BaselinePerson p = item.record();
                baselinePersons++;
                int m = municipality(p.getMunicipality());
                baselineByMunicipality[m]++;
                if (codes2024[m].equals(MunicipalityTable.OSLO)) {
                    osloByCategory[p.getPerson().getImmigrantCategory().ordinal()]++;
                }
            }
        }
    }

    private int municipality(String code) {
        String code2024 = catalog.code2024(code)
            .orElseThrow(() -> new IllegalArgumentException("unknown municipality code " + code));
        return index2024.get(code2024);
    }

    private void count(RegisterEvent e) {
        int day = (int) (e.getEventDate().toEpochDay() - FIRST_DAY.toEpochDay());
        if (day < 0 || day >= DAYS) {
            return;
        }
        int year = e.getEventDate().getYear() - FIRST_YEAR;
        String from = e.getFromMunicipality();
        String to = e.getToMunicipality();
        boolean ukrainian = e.getPerson().getCollectiveProtection();
        int category = e.getPerson().getImmigrantCategory().ordinal();
        int fromIndex = from == null ? -1 : municipality(from);
        int toIndex = to == null ? -1 : municipality(to);
        boolean fromOslo = MunicipalityTable.OSLO.equals(from);
        boolean toOslo = MunicipalityTable.OSLO.equals(to);
        switch (e.getEventType()) {
            case BIRTH -> {
                add(Flow.BIRTHS, day);
                if (toOslo) {
                    add(Flow.OSLO_BIRTHS, day);
                }
            }
            case DEATH -> {
                add(Flow.DEATHS, day);
                if (fromOslo) {
                    add(Flow.OSLO_DEATHS, day);
                }
            }
            case IMMIGRATION -> {
                add(Flow.IMMIGRATIONS, day);
                if (ukrainian) {
                    add(Flow.UKRAINIAN_IMMIGRATIONS, day);
                }
                if (toOslo) {
                    add(Flow.OSLO_IMMIGRATIONS, day);
                }
            }
            case EMIGRATION -> {
                add(Flow.EMIGRATIONS, day);
                if (ukrainian) {
                    add(Flow.UKRAINIAN_EMIGRATIONS, day);
                }
                if (fromOslo) {
                    add(Flow.OSLO_EMIGRATIONS, day);
                }
            }
            case MOVE, REFUGEE_SETTLEMENT -> {
                if (e.getEventType() == EventType.REFUGEE_SETTLEMENT) {
                    add(Flow.REFUGEES_SETTLED, day);
                    settlementsByMunicipality.computeIfAbsent(day, k -> new long[codes2024.length])[toIndex]++;
                    if (ukrainian) {
                        add(Flow.UKRAINIANS_SETTLED, day);
                        ukrainianSettlementsByMunicipality.computeIfAbsent(day, k -> new long[codes2024.length])[toIndex]++;
                    }
                }
                if (from == null || to == null) {
                    toIndex = -1; // a settlement without a move: the immigration already placed the person
                } else if (from.equals(to)) {
                    if (e.getEventType() == EventType.MOVE) {
                        add(Flow.MOVES_WITHIN_MUNICIPALITIES, day);
                    }
                    fromIndex = toIndex = -1;
                } else {
                    add(Flow.MOVES_BETWEEN_MUNICIPALITIES, day);
                    if (!from.substring(0, 2).equals(to.substring(0, 2))) {
                        add(Flow.MOVES_BETWEEN_COUNTIES, day);
                    }
                    if (!region(from).equals(region(to))) {
                        add(Flow.MOVES_BETWEEN_REGIONS, day);
                    }
                    if (toOslo) {
                        add(Flow.OSLO_DOMESTIC_IN, day);
                    }
                    if (fromOslo) {
                        add(Flow.OSLO_DOMESTIC_OUT, day);
                        if (formerViken(to)) {
                            add(Flow.OSLO_OUT_TO_FORMER_VIKEN, day);
                        }
                        if (MunicipalityTable.NEAR_NEIGHBOURS_OF_OSLO.contains(codes2024[toIndex])) {
                            add(Flow.OSLO_OUT_TO_NEAR_NEIGHBOURS, day);
                        }
                    }
                }
            }
            default -> {
                return;
            }
        }
        if (year < 0 || year >= YEARS) {
            return;
        }
        if (fromIndex >= 0) {
            netByMunicipality[fromIndex][year]--;
            if (codes2024[fromIndex].equals(MunicipalityTable.OSLO)) {
                osloNetByCategory[category][year]--;
            }
        }
        if (toIndex >= 0) {
            netByMunicipality[toIndex][year]++;
            if (codes2024[toIndex].equals(MunicipalityTable.OSLO)) {
                osloNetByCategory[category][year]++;
            }
        }
    }

    private void add(Flow flow, int day) {
        daily[flow.ordinal()][day]++;
    }

    /** Former Viken: the 2024 municipality of the code lay in county 30 in 2020-2023. */
    private boolean formerViken(String code) {
        return formerViken.computeIfAbsent(code, c -> {
            String code2024 = catalog.code2024(c).orElseThrow();
            return catalog.codeValidOn(code2024, LocalDate.of(2021, 6, 1)).startsWith("30");
        });
    }

    /**
     * SSB's six regions (landsdeler) of 2020, from the county digits of a 2020-2023 code; older codes fall back to
     * their county.
     */
    static String region(String code) {
        String county = code.substring(0, 2);
        return switch (county) {
            case "03", "30" -> "Oslo og Viken";
            case "34" -> "Innlandet";
            case "38", "42" -> "Agder og Sør-Østlandet";
            case "11", "46", "15" -> "Vestlandet";
            case "50" -> "Trøndelag";
            case "18", "54" -> "Nord-Norge";
            default -> county;
        };
    }

    // ------------------------------------------------------------------------------------------ queries

    /** Events of the flow with event date in [from, to]. */
    long sum(Flow flow, LocalDate from, LocalDate to) {
        int a = (int) Math.max(0, from.toEpochDay() - FIRST_DAY.toEpochDay());
        int b = (int) Math.min(DAYS - 1, to.toEpochDay() - FIRST_DAY.toEpochDay());
        long total = 0;
        long[] counts = daily[flow.ordinal()];
        for (int d = a; d <= b; d++) {
            total += counts[d];
        }
        return total;
    }

    /**
     * Refugee settlements with event date in [from, to] per settling 2024 municipality (indexed as {@link #codes2024()}),
     * of Ukrainians with collective protection only or of all refugees.
     */
    long[] settlementsByMunicipality(boolean ukrainiansOnly, LocalDate from, LocalDate to) {
        long[] total = new long[codes2024.length];
        int a = (int) Math.max(0, from.toEpochDay() - FIRST_DAY.toEpochDay());
        int b = (int) Math.min(DAYS - 1, to.toEpochDay() - FIRST_DAY.toEpochDay());
        (ukrainiansOnly ? ukrainianSettlementsByMunicipality : settlementsByMunicipality).forEach((day, counts) -> {
            if (day >= a && day <= b) {
                for (int m = 0; m < counts.length; m++) {
                    total[m] += counts[m];
                }
            }
        });
        return total;
    }

    /** Population of a 2024 municipality on 1 January of {@code year} (2015 = the baseline). */
    long population(String code2024, int year) {
        int m = index2024.get(code2024);
        long stock = baselineByMunicipality[m];
        for (int y = FIRST_YEAR; y < year; y++) {
            stock += netByMunicipality[m][y - FIRST_YEAR];
        }
        return stock;
    }

    long nationalPopulation(int year) {
        long total = 0;
        for (String code : codes2024) {
            total += population(code, year);
        }
        return total;
    }

    /** Oslo residents of the category on 1 January of {@code year}. */
    long osloPopulation(ImmigrantCategory category, int year) {
        long stock = osloByCategory[category.ordinal()];
        for (int y = FIRST_YEAR; y < year; y++) {
            stock += osloNetByCategory[category.ordinal()][y - FIRST_YEAR];
        }
        return stock;
    }

    String[] codes2024() {
        return codes2024.clone();
    }

    long baselinePersons() {
        return baselinePersons;
    }

    long newEvents() {
        return newEvents;
    }

    long corrections() {
        return corrections;
    }

    long annulments() {
        return annulments;
    }

    long malformed() {
        return malformed;
    }
}
