package no.flyt.producers.synthetic;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.PriorityQueue;
import no.flyt.events.EventType;
import no.flyt.events.ImmigrantCategory;
import no.flyt.events.ImmigrationReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The population register, simulated day by day from the 2015 extract to the end date.
 *
 * <p>Every kind of change is a stream with a yearly count taken from {@link ModelParameters} (published figures
 * where they exist), scaled and spread over the days by {@link Schedule}. Each day, each stream picks its persons
 * by rejection sampling with {@link Propensities} and its destinations with {@link Destinations}, applies the
 * change to {@link PersonTable} and hands the event to the {@link Recorder}. Flows in and out of Oslo are streams of
 * their own, so that Oslo's published yearly figures are met exactly; the rest of the country is steered towards
 * its published populations.
 *
 * <p>Refugees arrive by immigration, to a reception centre in another municipality (then their later settlement
 * is also a move) or directly to the municipality that settles them, and wait for IMDi settlement in a queue;
 * while waiting they do not move. Ukrainians who are not settled within about ten months stop waiting.
 */
final class Simulation {

    private static final Logger log = LoggerFactory.getLogger(Simulation.class);

    enum Stream {
        BIRTH_OSLO, BIRTH_REST, IMMIGRATION_OSLO, IMMIGRATION_REST, IMMIGRATION_REFUGEE, IMMIGRATION_UKRAINIAN,
        SETTLEMENT_UKRAINIAN, SETTLEMENT_OTHER, MOVE_OSLO_OUT, MOVE_OSLO_IN, MOVE_REST, MOVE_LOCAL,
        EMIGRATION_OSLO, EMIGRATION_REST, EMIGRATION_UKRAINIAN, DEATH_OSLO, DEATH_REST
    }

    /** Share of immigrations other than refugees that are returns of people who emigrated during the decade. */
    static final double RETURN_SHARE = 0.15;
    /** Share of new non-refugee immigrants who are Norwegians returning from before 2015. */
    static final double RETURNING_NATIVE_SHARE = 0.10;
    static final double VIA_RECEPTION_OTHER = 0.7;
    static final double VIA_RECEPTION_UKRAINIAN = 0.5;
    /** Immigrants living in Norway on 1 January 2015, by centrality class 1..6 (Oslo apart); model assumption. */
    private static final double[] IMMIGRANT_SHARE_BY_CLASS = {0.17, 0.15, 0.115, 0.10, 0.09, 0.085};
    private static final double[] TWO_PARENTS_SHARE_BY_CLASS = {0.030, 0.025, 0.018, 0.013, 0.010, 0.008};
    private static final double ONE_PARENT_SHARE = 0.055;
    private static final double OSLO_IMMIGRANT_SHARE = 0.255;
    private static final double OSLO_TWO_PARENTS_SHARE = 0.085;
    private static final double OSLO_ONE_PARENT_SHARE = 0.065;
    private static final int MAX_TRIES = 5_000_000;

    private final GeneratorSettings settings;
    private final double scale;
    private final MunicipalityTable table;
    private final ModelParameters parameters;
    private final PersonTable persons;
    private final PersonFactory factory;
    private final Destinations destinations;
    private final Recorder recorder;
    private final EventSink sink;
    /** The linked employment register; null when not generated. */
    private Employment employment;
    private final int oslo;
    private final int extractDay;
    private final int endDay;

    private final Rng select;
    private final Rng choices;
    private final Rng baseline;

    private final AwaitingQueue waitingUkrainians = new AwaitingQueue();
    private final AwaitingQueue waitingRefugees = new AwaitingQueue();
    private final EmigrantPool emigrants = new EmigrantPool();
    private final Map<Stream, int[]> schedule = new EnumMap<>(Stream.class);
    private final Map<Stream, Long> shortfalls = new EnumMap<>(Stream.class);
    private int settlementMovesOutsideOslo;
    private int settlementMovesIntoOslo;
    private int backlogUkrainian;
    private int backlogOther;
    private double shareToViken;
    private double shareToNearNeighbours;

    Simulation(GeneratorSettings settings, MunicipalityTable table, ModelParameters parameters, EventSink sink) {
        this.settings = settings;
        this.scale = settings.scale();
        this.table = table;
        this.parameters = parameters;
        this.sink = sink;
        this.oslo = table.osloIndex();
        this.extractDay = (int) GeneratorSettings.EXTRACT_DATE.toEpochDay();
        this.endDay = (int) settings.endDate().toEpochDay();
        long seed = settings.seed();
        this.persons = new PersonTable(capacity(), table.size());
        this.factory = new PersonFactory(persons, Rng.stream(seed, "attributes"));
        this.destinations = new Destinations(table, persons, scale);
        this.recorder = new Recorder(sink, table, seed);
        this.select = Rng.stream(seed, "select");
        this.choices = Rng.stream(seed, "choices");
        this.baseline = Rng.stream(seed, "baseline");
    }

    /** Everybody who can ever be in the register: the 2015 population, births and immigrations. */
    private int capacity() {
        double total = parameters.national("POPULATION_JAN1", 2015) + parameters.national("REFUGEES_AWAITING_SETTLEMENT", 2015);
        for (int year = 2015; year <= GeneratorSettings.LAST_DATE.getYear(); year++) {
            total += parameters.national("BIRTHS", year) + parameters.national("IMMIGRATIONS", year);
        }
        return (int) (total * scale * 1.02) + 1_000;
    }

    PersonTable persons() {
        return persons;
    }

    /** Starts the employment register with the employments active on the extract date (after the baseline). */
    void startEmployment() throws IOException {
        employment = new Employment(persons, table, sink, settings.seed(), endDay);
        employment.writeBaseline(extractDay);
    }

    // -------------------------------------------------------------------------------------------- baseline

    /** Creates the population of 1 January 2015 (2024 municipalities, sized along the population path). */
    void buildBaseline() {
        int n = table.size();
        int[] size = new int[n];
        double cumulative = 0;
        long previous = 0;
        for (int i = 0; i < n; i++) {
            cumulative += table.populationJan1(i, 2015);
            long rounded = Math.round(cumulative * scale);
            size[i] = (int) (rounded - previous);
            previous = rounded;
        }
        // Refugees with a permit, waiting in reception centres for settlement.
        int waiting = (int) Math.round(parameters.national("REFUGEES_AWAITING_SETTLEMENT", 2015) * scale);
        for (int k = 0; k < waiting; k++) {
            int settleIn = destinations.settlement(2015, false, baseline);
            int reception = destinations.reception(settleIn, baseline);
            if (size[reception] == 0) {
                continue;
            }
            size[reception]--;
            int p = factory.refugeeAwaiting2015(extractDay);
            persons.settleIn(p, reception);
            persons.setAwaitingSettlement(p, true);
            waitingRefugees.add(p, extractDay - baseline.nextInt(120), extractDay + baseline.nextInt(180),
                extractDay + 3 * 365, settleIn);
        }
        for (int i = 0; i < n; i++) {
            int centrality = table.centrality(i);
            double immigrants = i == oslo ? OSLO_IMMIGRANT_SHARE : IMMIGRANT_SHARE_BY_CLASS[centrality - 1];
            double twoParents = i == oslo ? OSLO_TWO_PARENTS_SHARE : TWO_PARENTS_SHARE_BY_CLASS[centrality - 1];
            double oneParent = i == oslo ? OSLO_ONE_PARENT_SHARE : ONE_PARENT_SHARE;
            for (int k = 0; k < size[i]; k++) {
                double u = baseline.nextDouble();
                int p;
                if (u < immigrants) {
                    p = factory.immigrant2015(extractDay);
                } else if (u < immigrants + twoParents) {
                    p = factory.twoImmigrantParents2015(extractDay);
                } else {
                    p = factory.native2015(extractDay, centrality, u < immigrants + twoParents + oneParent);
                }
                persons.settleIn(p, i);
                long word = persons.word(p);
                int immigrationYear = persons.immigrationYear(p);
                if (PersonTable.reasonOf(word) == ImmigrationReason.REFUGE && immigrationYear >= 1990) {
                    int settledIn = baseline.chance(0.65) ? i : destinations.settlement(2015, false, baseline);
                    persons.setSettlement(p, settledIn, Math.min(immigrationYear + 1, 2014));
                }
            }
        }
        log.info("Baseline of {} persons on {} ({} waiting for settlement)", persons.size(), GeneratorSettings.EXTRACT_DATE, waiting);
    }

    // -------------------------------------------------------------------------------------------- the decade

    void run() throws IOException {
        int year = 0;
        int month = 0;
        for (int day = extractDay; day <= endDay; day++) {
            recorder.flushBefore(day);
            LocalDate date = LocalDate.ofEpochDay(day);
            if (employment != null) {
                employment.flushBefore(day);
                if (date.getDayOfMonth() == 1 && day > extractDay) {
                    employment.monthly(day);
                }
            }
            if (date.getYear() != year) {
                year = date.getYear();
                planYear(year);
            }
            if (date.getMonthValue() != month) {
                month = date.getMonthValue();
                sink.simulatedDay(date, (day - extractDay + 1.0) / (endDay - extractDay + 1.0));
            }
            int d = day - Dates.firstDayOf(year);
            waitingUkrainians.expire(day, persons);
            waitingRefugees.expire(day, persons);
            destinations.refresh(day);
            simulateDay(day, year, d);
        }
        recorder.flushAll();
        if (employment != null) {
            employment.flushAll();
        }
        if (!shortfalls.isEmpty()) {
            log.warn("Events the simulation could not place (no eligible person): {}", shortfalls);
        }
    }

    private void planYear(int year) {
        int lastDay = Math.min(endDay, Dates.lastDayOf(year));
        long seed = settings.seed();
        int births = count("BIRTHS", PublishedFigure.NORWAY, year);
        int osloBirths = count("BIRTHS", MunicipalityTable.OSLO, year);
        int deaths = count("DEATHS", PublishedFigure.NORWAY, year);
        int osloDeaths = count("DEATHS", MunicipalityTable.OSLO, year);
        int immigrations = count("IMMIGRATIONS", PublishedFigure.NORWAY, year);
        // The register's immigrations of Ukrainians (SSB), fewer than the arrivals UDI counts.
        int ukrainianImmigrations = year >= 2022 ? count("UKRAINIAN_IMMIGRATIONS", PublishedFigure.NORWAY, year) : 0;
        int refugees = count("REFUGEE_IMMIGRATIONS", PublishedFigure.NORWAY, year);
        int osloImmigrations = count("IMMIGRATIONS", MunicipalityTable.OSLO, year);
        int emigrations = count("EMIGRATIONS", PublishedFigure.NORWAY, year);
        int ukrainianEmigrations = year >= 2022 ? count("UKRAINIAN_EMIGRATIONS", PublishedFigure.NORWAY, year) : 0;
        int osloEmigrations = count("EMIGRATIONS", MunicipalityTable.OSLO, year);
        int moves = count("MOVES_BETWEEN_MUNICIPALITIES", PublishedFigure.NORWAY, year);
        int osloOut = count("DOMESTIC_OUT", MunicipalityTable.OSLO, year);
        int osloIn = count("DOMESTIC_IN", MunicipalityTable.OSLO, year);
        int localMoves = count("MOVES_WITHIN_MUNICIPALITIES", PublishedFigure.NORWAY, year);
        int settled = count("REFUGEES_SETTLED", PublishedFigure.NORWAY, year);
        int settledUkrainians = year >= 2022 ? count("UKRAINIANS_SETTLED", PublishedFigure.NORWAY, year) : 0;
        shareToViken = parameters.oslo("DOMESTIC_OUT_SHARE_TO_FORMER_VIKEN", year);
        shareToNearNeighbours = parameters.oslo("DOMESTIC_OUT_SHARE_TO_NEAR_NEIGHBOURS", year);

        plan(Stream.BIRTH_OSLO, year, osloBirths, Schedule.BIRTHS, false, lastDay, seed);
        plan(Stream.BIRTH_REST, year, births - osloBirths, Schedule.BIRTHS, false, lastDay, seed);
        plan(Stream.DEATH_OSLO, year, osloDeaths, Schedule.DEATHS, false, lastDay, seed);
        plan(Stream.DEATH_REST, year, deaths - osloDeaths, Schedule.DEATHS, false, lastDay, seed);
        plan(Stream.IMMIGRATION_OSLO, year, osloImmigrations, Schedule.IMMIGRATIONS, false, lastDay, seed);
        plan(Stream.IMMIGRATION_REST, year, immigrations - ukrainianImmigrations - refugees - osloImmigrations,
            Schedule.IMMIGRATIONS, false, lastDay, seed);
        plan(Stream.IMMIGRATION_REFUGEE, year, refugees, year == 2015 ? Schedule.REFUGEES_2015 : Schedule.FLAT, false, lastDay, seed);
        plan(Stream.IMMIGRATION_UKRAINIAN, year, ukrainianImmigrations,
            year == 2022 ? Schedule.UKRAINIANS_2022 : year == 2023 ? Schedule.UKRAINIANS_2023 : Schedule.UKRAINIANS_2024, false, lastDay, seed);
        plan(Stream.SETTLEMENT_UKRAINIAN, year, settledUkrainians,
            year == 2022 ? Schedule.UKRAINIAN_SETTLEMENTS_2022 : Schedule.SETTLEMENTS, false, lastDay, seed);
        plan(Stream.SETTLEMENT_OTHER, year, settled - settledUkrainians, Schedule.SETTLEMENTS, false, lastDay, seed);
        plan(Stream.MOVE_OSLO_OUT, year, osloOut, Schedule.MOVES, true, lastDay, seed);
        plan(Stream.MOVE_OSLO_IN, year, osloIn, Schedule.MOVES, true, lastDay, seed);
        plan(Stream.MOVE_REST, year, moves - osloOut - osloIn, Schedule.MOVES, true, lastDay, seed);
        plan(Stream.MOVE_LOCAL, year, localMoves, Schedule.MOVES, true, lastDay, seed);
        plan(Stream.EMIGRATION_OSLO, year, osloEmigrations, Schedule.EMIGRATIONS, false, lastDay, seed);
        plan(Stream.EMIGRATION_REST, year, emigrations - osloEmigrations - ukrainianEmigrations, Schedule.EMIGRATIONS, false, lastDay, seed);
        plan(Stream.EMIGRATION_UKRAINIAN, year, ukrainianEmigrations,
            year == 2022 ? Schedule.UKRAINIAN_EMIGRATIONS_2022 : Schedule.EMIGRATIONS, false, lastDay, seed);
        // Settlement moves of the year before that did not fit into that year's moves are not carried over.
        settlementMovesOutsideOslo = 0;
        settlementMovesIntoOslo = 0;
    }

    private int count(String figure, String region, int year) {
        return (int) Math.round(parameters.get(figure, region, year) * scale);
    }

    private void plan(Stream stream, int year, int count, double[] monthly, boolean firstOfMonth, int lastDay, long seed) {
        schedule.put(stream, Schedule.daily(year, Math.max(0, count), monthly, firstOfMonth, lastDay,
            Rng.stream(seed, "schedule-" + stream + "-" + year)));
    }

    private int today(Stream stream, int d) {
        return schedule.get(stream)[d];
    }

    private void simulateDay(int day, int year, int d) {
        for (int k = today(Stream.BIRTH_OSLO, d); k > 0; k--) {
            birth(Stream.BIRTH_OSLO, day, true);
        }
        for (int k = today(Stream.BIRTH_REST, d); k > 0; k--) {
            birth(Stream.BIRTH_REST, day, false);
        }
        for (int k = today(Stream.IMMIGRATION_OSLO, d); k > 0; k--) {
            immigration(day, true);
        }
        for (int k = today(Stream.IMMIGRATION_REST, d); k > 0; k--) {
            immigration(day, false);
        }
        for (int k = today(Stream.IMMIGRATION_REFUGEE, d); k > 0; k--) {
            refugeeImmigration(day, year, false);
        }
        for (int k = today(Stream.IMMIGRATION_UKRAINIAN, d); k > 0; k--) {
            refugeeImmigration(day, year, true);
        }
        backlogUkrainian = settle(waitingUkrainians, today(Stream.SETTLEMENT_UKRAINIAN, d) + backlogUkrainian, day, year);
        backlogOther = settle(waitingRefugees, today(Stream.SETTLEMENT_OTHER, d) + backlogOther, day, year);

        for (int k = today(Stream.MOVE_OSLO_OUT, d); k > 0; k--) {
            moveOutOfOslo(day);
        }
        // Settlements from a reception centre are moves too: they take the place of ordinary moves.
        int osloIn = today(Stream.MOVE_OSLO_IN, d);
        int absorbed = Math.min(settlementMovesIntoOslo, osloIn / 2);
        settlementMovesIntoOslo -= absorbed;
        for (int k = osloIn - absorbed; k > 0; k--) {
            moveIntoOslo(day);
        }
        int rest = today(Stream.MOVE_REST, d);
        absorbed = Math.min(settlementMovesOutsideOslo, rest / 2);
        settlementMovesOutsideOslo -= absorbed;
        for (int k = rest - absorbed; k > 0; k--) {
            moveElsewhere(day);
        }
        for (int k = today(Stream.MOVE_LOCAL, d); k > 0; k--) {
            localMove(day);
        }
        for (int k = today(Stream.EMIGRATION_OSLO, d); k > 0; k--) {
            emigration(Stream.EMIGRATION_OSLO, day);
        }
        for (int k = today(Stream.EMIGRATION_REST, d); k > 0; k--) {
            emigration(Stream.EMIGRATION_REST, day);
        }
        for (int k = today(Stream.EMIGRATION_UKRAINIAN, d); k > 0; k--) {
            emigration(Stream.EMIGRATION_UKRAINIAN, day);
        }
        for (int k = today(Stream.DEATH_OSLO, d); k > 0; k--) {
            death(Stream.DEATH_OSLO, day, true);
        }
        for (int k = today(Stream.DEATH_REST, d); k > 0; k--) {
            death(Stream.DEATH_REST, day, false);
        }
    }

    // -------------------------------------------------------------------------------------------- picking persons

    private enum Pool { OSLO, OUTSIDE_OSLO, ANYWHERE }

    @FunctionalInterface
    private interface Weight {
        double of(int person, long word, int municipality);
    }

    /** A resident drawn in proportion to {@code weight}, or -1 (counted as a shortfall) when none qualifies. */
    private int pick(Stream stream, Pool pool, int day, Weight weight) {
        for (int t = 0; t < MAX_TRIES; t++) {
            int p;
            if (pool == Pool.OSLO) {
                if (persons.population(oslo) == 0) {
                    break;
                }
                p = persons.residentOf(oslo, select);
            } else {
                if (persons.residentCount() == 0) {
                    break;
                }
                p = persons.anyResident(select);
            }
            long word = persons.word(p);
            int m = PersonTable.municipalityOf(word);
            if (pool == Pool.OUTSIDE_OSLO && m == oslo || PersonTable.lastEventDayOf(word) >= day) {
                continue;
            }
            double acceptance = weight.of(p, word, m);
            if (acceptance > 0 && select.nextDouble() < acceptance) {
                return p;
            }
        }
        shortfalls.merge(stream, 1L, Long::sum);
        return -1;
    }

    private String code(int municipality, int day) {
        return table.codeOn(municipality, day);
    }

    private void record(EventType type, int p, int day, String from, String to, int toIndex, int fromCountry, int toCountry) {
        long word = persons.word(p);
        int previous = PersonTable.lastEventDayOf(word);
        recorder.record(type, p, day, from, to, toIndex, fromCountry, toCountry, previous);
        persons.setLastEventDay(p, day);
    }

    // -------------------------------------------------------------------------------------------- the changes

    private void birth(Stream stream, int day, boolean inOslo) {
        int mother = pick(stream, inOslo ? Pool.OSLO : Pool.OUTSIDE_OSLO, day, (p, w, m) -> Propensities.birth(w, day));
        if (mother < 0) {
            return;
        }
        int m = persons.municipality(mother);
        int child = factory.newborn(day, persons.word(mother));
        persons.settleIn(child, m);
        record(EventType.BIRTH, child, day, null, code(m, day), m, 0, 0);
    }

    private void death(Stream stream, int day, boolean inOslo) {
        int p = pick(stream, inOslo ? Pool.OSLO : Pool.OUTSIDE_OSLO, day, (q, w, m) -> Propensities.death(w, day));
        if (p < 0) {
            return;
        }
        int m = persons.municipality(p);
        record(EventType.DEATH, p, day, code(m, day), null, -1, 0, 0);
        persons.leave(p, PersonTable.DEAD);
        if (employment != null) {
            employment.leave(p, day);
        }
    }

    private void immigration(int day, boolean toOslo) {
        int m = toOslo ? oslo : destinations.immigrant(choices);
        int p = -1;
        int fromCountry;
        if (choices.chance(RETURN_SHARE)) {
            p = emigrants.takeReturning(day - 60, choices);
        }
        if (p >= 0) {
            fromCountry = persons.abroadCountry(p);
        } else if (choices.chance(RETURNING_NATIVE_SHARE)) {
            p = factory.returningNative(day);
            fromCountry = Countries.abroadForNative(choices);
        } else {
            p = factory.immigrant(day);
            fromCountry = PersonTable.countryOf(persons.word(p));
        }
        persons.settleIn(p, m);
        persons.setImmigrationYear(p, Dates.year(day));
        record(EventType.IMMIGRATION, p, day, null, code(m, day), m, fromCountry, 0);
    }

    /** A refugee arrives, either to a reception centre elsewhere or directly to the settling municipality. */
    private void refugeeImmigration(int day, int year, boolean ukrainian) {
        int settleIn = destinations.settlement(Dates.year(day + (ukrainian ? 60 : 120)), ukrainian, choices);
        boolean viaReception = settleIn == oslo || choices.chance(ukrainian ? VIA_RECEPTION_UKRAINIAN : VIA_RECEPTION_OTHER);
        int m = viaReception ? destinations.reception(settleIn, choices) : settleIn;
        int p = ukrainian ? factory.ukrainian(day) : factory.refugee(day);
        persons.settleIn(p, m);
        persons.setImmigrationYear(p, year);
        persons.setAwaitingSettlement(p, true);
        int lag;
        if (!viaReception) {
            lag = choices.between(7, 45);
        } else if (ukrainian) {
            lag = choices.between(25, 150);
        } else {
            lag = year <= 2016 ? choices.between(90, 330) : choices.between(45, 200);
        }
        (ukrainian ? waitingUkrainians : waitingRefugees).add(p, day, day + lag, day + (ukrainian ? 300 : 3 * 365), settleIn);
        record(EventType.IMMIGRATION, p, day, null, code(m, day), m, PersonTable.countryOf(persons.word(p)), 0);
    }

    /** Settles up to {@code wanted} waiting refugees, earliest due first; returns how many could not be settled today. */
    private int settle(AwaitingQueue queue, int wanted, int day, int year) {
        List<AwaitingQueue.Entry> entries = queue.take(wanted, day, persons);
        for (AwaitingQueue.Entry entry : entries) {
            int p = entry.person;
            int current = persons.municipality(p);
            String to = code(entry.settleIn, day);
            String from = null;
            if (current != entry.settleIn) {
                from = code(current, day);
                persons.moveTo(p, entry.settleIn);
                if (entry.settleIn == oslo) {
                    settlementMovesIntoOslo++;
                } else {
                    settlementMovesOutsideOslo++;
                }
            }
            persons.setAwaitingSettlement(p, false);
            persons.setSettlement(p, entry.settleIn, year);
            record(EventType.REFUGEE_SETTLEMENT, p, day, from, to, entry.settleIn, 0, 0);
        }
        return wanted - entries.size();
    }

    /**
     * A move out of Oslo. In the pandemic years 2020-2021 people in typical home-office occupations were more free to
     * leave: they are four times as likely to be among the leavers as others of their age and group.
     */
    private void moveOutOfOslo(int day) {
        int year = Dates.year(day);
        boolean pandemic = employment != null && (year == 2020 || year == 2021);
        int p = pick(Stream.MOVE_OSLO_OUT, Pool.OSLO, day, (q, w, m) -> {
            if (!movable(w)) {
                return 0;
            }
            double weight = Propensities.move(w, day, 1);
            return pandemic && !employment.inHomeOfficeOccupation(q) ? 0.25 * weight : weight;
        });
        if (p < 0) {
            return;
        }
        move(p, day, destinations.osloLeaver(shareToViken, shareToNearNeighbours, choices));
    }

    private void moveIntoOslo(int day) {
        int p = pick(Stream.MOVE_OSLO_IN, Pool.OUTSIDE_OSLO, day,
            (q, w, m) -> movable(w) ? Propensities.moveToOslo(w, day, table.centrality(m)) : 0);
        if (p < 0) {
            return;
        }
        move(p, day, oslo);
    }

    private void moveElsewhere(int day) {
        int p = pick(Stream.MOVE_REST, Pool.OUTSIDE_OSLO, day,
            (q, w, m) -> movable(w) ? Propensities.move(w, day, table.centrality(m)) : 0);
        if (p < 0) {
            return;
        }
        long word = persons.word(p);
        int settled = PersonTable.settlementYearOf(word);
        boolean recentlySettled = settled != 0 && Dates.year(day) - settled <= 5;
        move(p, day, destinations.move(PersonTable.municipalityOf(word), recentlySettled, choices));
    }

    private void move(int p, int day, int to) {
        int from = persons.municipality(p);
        record(EventType.MOVE, p, day, code(from, day), code(to, day), to, 0, 0);
        persons.moveTo(p, to);
        maybeAnnulledMove(day);
    }

    private void localMove(int day) {
        int p = pick(Stream.MOVE_LOCAL, Pool.ANYWHERE, day, (q, w, m) -> movable(w) ? Propensities.localMove(w, day) : 0);
        if (p < 0) {
            return;
        }
        String code = code(persons.municipality(p), day);
        record(EventType.MOVE, p, day, code, code, persons.municipality(p), 0, 0);
        maybeAnnulledMove(day);
    }

    /** Now and then the register records a move that did not happen, and annuls it later. */
    private void maybeAnnulledMove(int day) {
        if (!recorder.annulAMove()) {
            return;
        }
        int p = pick(Stream.MOVE_LOCAL, Pool.ANYWHERE, day, (q, w, m) -> movable(w) ? 1.0 : 0);
        if (p < 0) {
            return;
        }
        int from = persons.municipality(p);
        int[] neighbours = table.sameCounty(from);
        int to = neighbours.length == 0 || choices.chance(0.5) ? from : neighbours[choices.nextInt(neighbours.length)];
        recorder.recordAnnulledMove(p, day, code(from, day), code(to, day));
        persons.setLastEventDay(p, day);
    }

    private static boolean movable(long word) {
        return !PersonTable.isAwaitingSettlement(word);
    }

    private void emigration(Stream stream, int day) {
        int p = switch (stream) {
            case EMIGRATION_OSLO -> pick(stream, Pool.OSLO, day,
                (q, w, m) -> Propensities.emigrate(w, day, 1, persons.immigrationYear(q)));
            case EMIGRATION_UKRAINIAN -> pick(stream, Pool.OUTSIDE_OSLO, day, (q, w, m) -> Propensities.emigrateUkrainian(w, day));
            default -> pick(stream, Pool.OUTSIDE_OSLO, day,
                (q, w, m) -> Propensities.emigrate(w, day, table.centrality(m), persons.immigrationYear(q)));
        };
        if (p < 0) {
            return;
        }
        long word = persons.word(p);
        int m = PersonTable.municipalityOf(word);
        int country = PersonTable.countryOf(word);
        ImmigrantCategory category = PersonTable.categoryOf(word);
        int toCountry;
        if (category == ImmigrantCategory.IMMIGRANT && country != 0 && choices.chance(0.8)
            || category == ImmigrantCategory.NORWEGIAN_BORN_TWO_IMMIGRANT_PARENTS && country != 0 && choices.chance(0.3)) {
            toCountry = country;
        } else {
            toCountry = Countries.abroadForNative(choices);
        }
        record(EventType.EMIGRATION, p, day, code(m, day), null, -1, 0, toCountry);
        persons.leave(p, PersonTable.EMIGRATED);
        if (employment != null) {
            employment.leave(p, day);
        }
        persons.setAwaitingSettlement(p, false);
        persons.setAbroadCountry(p, toCountry);
        if (!PersonTable.hasCollectiveProtection(word)) {
            emigrants.add(p, day); // returns of Ukrainians are not modelled: their immigrations are a published count
        }
    }

    // -------------------------------------------------------------------------------------------- helpers

    /** Refugees waiting for settlement, earliest due first; entries lapse after their expiry day. */
    static final class AwaitingQueue {
        static final class Entry {
            final int person;
            final int arrived;
            final int due;
            final int expires;
            final int settleIn;
            boolean done;

            Entry(int person, int arrived, int due, int expires, int settleIn) {
                this.person = person;
                this.arrived = arrived;
                this.due = due;
                this.expires = expires;
                this.settleIn = settleIn;
            }
        }

        private final PriorityQueue<Entry> byDue = new PriorityQueue<>(
            Comparator.comparingInt((Entry e) -> e.due).thenComparingInt(e -> e.person));
        private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>(
            Comparator.comparingInt((Entry e) -> e.expires).thenComparingInt(e -> e.person));

        void add(int person, int arrived, int due, int expires, int settleIn) {
            Entry entry = new Entry(person, arrived, due, expires, settleIn);
            byDue.add(entry);
            byExpiry.add(entry);
        }

        /**
         * Up to {@code wanted} persons to settle on {@code day}: the earliest due among those who arrived at least a
         * week ago (refugees are settled ahead of their expected day when the municipalities' quota allows).
         */
        List<Entry> take(int wanted, int day, PersonTable persons) {
            List<Entry> taken = new ArrayList<>();
            List<Entry> notYet = new ArrayList<>();
            while (taken.size() < wanted && !byDue.isEmpty() && notYet.size() < 10_000) {
                Entry entry = byDue.poll();
                long word = persons.word(entry.person);
                if (entry.done || PersonTable.statusOf(word) != PersonTable.RESIDENT || !PersonTable.isAwaitingSettlement(word)) {
                    entry.done = true;
                } else if (entry.arrived > day - 7 || PersonTable.lastEventDayOf(word) >= day) {
                    notYet.add(entry);
                } else {
                    entry.done = true;
                    taken.add(entry);
                }
            }
            byDue.addAll(notYet);
            return taken;
        }

        /** Persons not settled by their expiry day stop waiting and live on where they are. */
        void expire(int day, PersonTable persons) {
            while (!byExpiry.isEmpty() && byExpiry.peek().expires < day) {
                Entry entry = byExpiry.poll();
                if (!entry.done) {
                    entry.done = true;
                    persons.setAwaitingSettlement(entry.person, false);
                }
            }
        }
    }

    /** People who emigrated during the decade, some of whom come back. */
    static final class EmigrantPool {
        private int[] person = new int[1024];
        private int[] emigrated = new int[1024];
        private int size;

        void add(int p, int day) {
            if (size == person.length) {
                person = java.util.Arrays.copyOf(person, size * 2);
                emigrated = java.util.Arrays.copyOf(emigrated, size * 2);
            }
            person[size] = p;
            emigrated[size++] = day;
        }

        /** A person who emigrated on or before {@code latestEmigration}, removed from the pool; -1 if none found. */
        int takeReturning(int latestEmigration, Rng rng) {
            for (int attempt = 0; attempt < 20 && size > 0; attempt++) {
                int i = rng.nextInt(size);
                if (emigrated[i] <= latestEmigration) {
                    int p = person[i];
                    person[i] = person[--size];
                    emigrated[i] = emigrated[size];
                    return p;
                }
            }
            return -1;
        }
    }
}
