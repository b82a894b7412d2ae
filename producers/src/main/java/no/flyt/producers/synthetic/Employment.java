package no.flyt.producers.synthetic;

import java.io.IOException;
import java.util.Arrays;
import java.util.PriorityQueue;
import no.flyt.events.EducationLevel;
import no.flyt.events.EmploymentChange;
import no.flyt.events.ImmigrantCategory;
import no.flyt.events.ImmigrationReason;
import no.flyt.events.OccupationGroup;
import no.flyt.events.RegistrationKind;

/**
 * The employer-reported employment register, simulated next to the population register: each resident aged 16-74
 * is employed or not, in a typical home-office occupation or another one. Once a month (on the 1st) employments end
 * (dated the last day of the month before) and start (dated the 1st); death and emigration end an employment on
 * that day. Monthly chances are model assumptions:
 *
 * <ul>
 *   <li>ending: 1 % a month up to 61, then rising with retirement (2.5 %, 6 %, 20 % from 70);
 *   <li>starting: 5.5 % a month times factors for age, education (primary 0.45 ... long tertiary 1.3) and group
 *       (labour immigrants 1.4, family 0.6, students 0.5, Norwegian-born to immigrant parents 0.85);
 *   <li>refugees: rising with years since settlement (0.08 in the first year to 0.7 from the fifth), times the
 *       labour market of the municipality that <em>settled</em> them ({@link LabourMarket#refugeeFactor}: lower where
 *       unemployment is higher), times a factor when that municipality is central (classes 1-2) and one when it is
 *       populous (50 000 and more in 2024), each 0.7 for those with primary education or unknown and 0.95 for the rest
 *       (both: 0.49 and 0.9); every one of these effects is stronger for those with little education;
 *       Ukrainians with collective protection 0.15, 0.35, then 0.5 by year since arrival;
 *   <li>occupation: a home-office occupation with probability 0.75 (long tertiary), 0.55 (short tertiary),
 *       0.18 (upper secondary), 0.06 (primary), 0.1 (unknown), times 0.7 for immigrants and 0.5 for refugees.
 * </ul>
 *
 * Employers report monthly: a change is recorded on the 5th-12th of the following month, 4 % of them 2-14 months late.
 * The register's errors (model assumptions): 1.2 % of the monthly changes are first reported wrong (a START with the
 * other occupation group; an END a month early, or with the other group) and corrected later, half within three
 * months, 15 % only after one to three years; 0.2 % of the STARTs are reported twice under a second employment id,
 * and the double is annulled 1-24 months later. The simulation's state always follows the corrected truth, and every
 * correction is in by two months after the end of the run.
 */
final class Employment {

    static final double END_PER_MONTH = 0.010;
    static final double START_PER_MONTH = 0.055;
    static final double LATE_SHARE = 0.04;
    static final double CORRECTION_SHARE = 0.012;
    static final double DOUBLE_REPORT_SHARE = 0.002;
    /** The populous municipalities: the streams app's largest size band (50 000 and more on 1 January 2024). */
    static final int POPULOUS = 50_000;
    /** Factor on a refugee's chance to find work where settled centrally or in a populous municipality, by education. */
    static final double PLACE_FACTOR_LITTLE_EDUCATION = 0.7;
    static final double PLACE_FACTOR_MORE_EDUCATION = 0.95;
    private static final long DAY_MS = 86_400_000L;
    private static final byte EMPLOYED = 1;
    private static final byte HOME_OFFICE = 2;

    private final PersonTable persons;
    private final MunicipalityTable table;
    private final LabourMarket labourMarket;
    private final EventSink sink;
    private final Rng rng;
    private final Rng errors;
    /** Corrections and late reports are all recorded before this instant (two months after the end of the run). */
    private final long lastRecording;
    private byte[] state;
    private int[] employmentId;
    private int[] startDay;
    private long nextEmploymentId = 1;
    private long nextSequence = 1;
    private final PriorityQueue<PendingEmployment> pending = new PriorityQueue<>(1 << 14, PendingEmployment.BY_RECORDING_TIME);

    Employment(PersonTable persons, MunicipalityTable table, EventSink sink, long seed, int endDay) {
        this.persons = persons;
        this.table = table;
        this.labourMarket = new LabourMarket(table);
        this.sink = sink;
        this.rng = Rng.stream(seed, "employment");
        this.errors = Rng.stream(seed, "employment-reports");
        this.lastRecording = (endDay + 60L) * DAY_MS;
        this.state = new byte[Math.max(16, persons.size())];
        this.employmentId = new int[state.length];
        this.startDay = new int[state.length];
    }

    LabourMarket labourMarket() {
        return labourMarket;
    }

    private void ensureCapacity(int p) {
        if (p >= state.length) {
            int capacity = Math.max(p + 1, state.length + (state.length >> 1));
            state = Arrays.copyOf(state, capacity);
            employmentId = Arrays.copyOf(employmentId, capacity);
            startDay = Arrays.copyOf(startDay, capacity);
        }
    }

    boolean isEmployed(int p) {
        return p < state.length && (state[p] & EMPLOYED) != 0;
    }

    boolean inHomeOfficeOccupation(int p) {
        return p < state.length && (state[p] & (EMPLOYED | HOME_OFFICE)) == (EMPLOYED | HOME_OFFICE);
    }

    /**
     * Employments active on the extract date: each adult is employed with the long-run chance its start and end rates
     * give, since a start date drawn back in time; the STARTs are written now, recorded at the extract date.
     */
    void writeBaseline(int extractDay) throws IOException {
        long recordedAt = extractDay * DAY_MS;
        for (int p = 0; p < persons.size(); p++) {
            long word = persons.word(p);
            if (PersonTable.statusOf(word) != PersonTable.RESIDENT) {
                continue;
            }
            double start = startChance(p, word, extractDay);
            double end = endChance(word, extractDay);
            if (start <= 0 || !rng.chance(start / (start + end))) {
                continue;
            }
            int age = PersonTable.ageOf(word, extractDay);
            int monthsBack = 1 + (int) Math.min(rng.exponential(1 / end), Math.max(1, (age - 16) * 12));
            int startDay = Dates.firstDayOfMonthBefore(extractDay, monthsBack);
            begin(p, word, startDay);
            sink.writeEmployment(new PendingEmployment(nextSequence++, p, employmentId[p], EmploymentChange.START,
                RegistrationKind.NEW, -1, startDay, recordedAt, group(p),
                table.codeOn(PersonTable.municipalityOf(word), Math.max(startDay, extractDay))));
        }
    }

    /** The monthly round on the 1st of a month: ends dated the day before, starts dated today. */
    void monthly(int day) {
        for (int p = 0; p < persons.size(); p++) {
            long word = persons.word(p);
            if (PersonTable.statusOf(word) != PersonTable.RESIDENT) {
                continue;
            }
            if (isEmployed(p)) {
                if (rng.chance(endChance(word, day))) {
                    end(p, day - 1);
                }
            } else {
                double start = startChance(p, word, day);
                if (start > 0 && rng.chance(start)) {
                    begin(p, word, day);
                    record(p, EmploymentChange.START, day, PersonTable.municipalityOf(word));
                }
            }
        }
    }

    /** Death or emigration: the employment ends on that day. */
    void leave(int p, int day) {
        if (isEmployed(p)) {
            end(p, day);
        }
    }

    private void begin(int p, long word, int day) {
        ensureCapacity(p);
        EducationLevel education = PersonTable.educationOn(word, day);
        double homeOffice = switch (education) {
            case TERTIARY_LONG -> 0.75;
            case TERTIARY_SHORT -> 0.55;
            case UPPER_SECONDARY -> 0.18;
            case PRIMARY -> 0.06;
            default -> 0.10;
        };
        if (PersonTable.categoryOrdinal(word) == ImmigrantCategory.IMMIGRANT.ordinal()) {
            homeOffice *= PersonTable.reasonOf(word) == ImmigrationReason.REFUGE ? 0.5 : 0.7;
        }
        state[p] = (byte) (EMPLOYED | (rng.chance(homeOffice) ? HOME_OFFICE : 0));
        employmentId[p] = (int) nextEmploymentId++;
        startDay[p] = day;
    }

    private void end(int p, int day) {
        record(p, EmploymentChange.END, day, persons.municipality(p));
        state[p] = 0;
    }

    private OccupationGroup group(int p) {
        return (state[p] & HOME_OFFICE) != 0 ? OccupationGroup.HOME_OFFICE_TYPICAL : OccupationGroup.OTHER;
    }

    private void record(int p, EmploymentChange change, int day, int municipality) {
        long recordedAt = reportTime(day);
        OccupationGroup group = group(p);
        long sequence = nextSequence++;
        if (errors.chance(CORRECTION_SHARE)) {
            // The first report is wrong: the other occupation group, or an END a month early.
            int wrongDay = day;
            OccupationGroup wrongGroup = other(group);
            int monthEarlier = Dates.firstDayOfMonthBefore(day, 0) - 1;
            if (change == EmploymentChange.END && monthEarlier >= startDay[p] && errors.chance(0.5)) {
                wrongDay = monthEarlier;
                wrongGroup = group;
            }
            pending.add(new PendingEmployment(sequence, p, employmentId[p], change, RegistrationKind.NEW, -1, wrongDay,
                recordedAt, wrongGroup, table.codeOn(municipality, wrongDay)));
            pending.add(new PendingEmployment(nextSequence++, p, employmentId[p], change, RegistrationKind.CORRECTION,
                sequence, day, later(recordedAt, correctionDelayDays()), group, table.codeOn(municipality, day)));
        } else {
            pending.add(new PendingEmployment(sequence, p, employmentId[p], change, RegistrationKind.NEW, -1, day,
                recordedAt, group, table.codeOn(municipality, day)));
        }
        if (change == EmploymentChange.START && errors.chance(DOUBLE_REPORT_SHARE)) {
            // The employer reports the employment twice, under a second id; the double is annulled later.
            int doubleId = (int) nextEmploymentId++;
            long doubled = nextSequence++;
            long doubleRecordedAt = recordedAt + errors.nextInt(3_600_000);
            String workplace = table.codeOn(municipality, day);
            pending.add(new PendingEmployment(doubled, p, doubleId, change, RegistrationKind.NEW, -1, day, doubleRecordedAt,
                group, workplace));
            pending.add(new PendingEmployment(nextSequence++, p, doubleId, change, RegistrationKind.ANNULMENT, doubled, day,
                later(doubleRecordedAt, errors.between(30, 730)), group, workplace));
        }
    }

    /** Reported with the employer's monthly return: registered in the first days of the following month, or late. */
    private long reportTime(int day) {
        int nextMonth = Dates.firstDayOfMonthAfter(day);
        int delay = errors.chance(LATE_SHARE) ? errors.between(31, 400) : rng.between(4, 11);
        long recordedAt = (nextMonth + (long) delay) * DAY_MS + 6 * 3_600_000L + (long) (rng.nextDouble() * 13 * 3_600_000L);
        return Math.min(recordedAt, Math.max(nextMonth * DAY_MS, lastRecording));
    }

    /** Days until a wrong report is corrected: half within three months, 15 % after one to three years. */
    private int correctionDelayDays() {
        double u = errors.nextDouble();
        return u < 0.5 ? errors.between(14, 90) : u < 0.85 ? errors.between(91, 365) : errors.between(366, 1095);
    }

    /** {@code days} after {@code recordedAt}, but no later than two months after the run (and always after it). */
    private long later(long recordedAt, int days) {
        long wanted = recordedAt + days * DAY_MS + errors.nextInt(3_600_000);
        return Math.max(recordedAt + 60_000, Math.min(wanted, lastRecording));
    }

    private static OccupationGroup other(OccupationGroup group) {
        return group == OccupationGroup.HOME_OFFICE_TYPICAL ? OccupationGroup.OTHER : OccupationGroup.HOME_OFFICE_TYPICAL;
    }

    private double endChance(long word, int day) {
        int age = PersonTable.ageOf(word, day);
        return age <= 61 ? END_PER_MONTH : age <= 66 ? 0.025 : age <= 69 ? 0.06 : 0.2;
    }

    private double startChance(int p, long word, int day) {
        int age = PersonTable.ageOf(word, day);
        double ageFactor = age < 16 ? 0 : age <= 17 ? 0.15 : age <= 19 ? 0.35 : age <= 24 ? 0.75 : age <= 61 ? 1.0
            : age <= 66 ? 0.3 : age <= 74 ? 0.05 : 0;
        if (ageFactor == 0) {
            return 0;
        }
        EducationLevel education = PersonTable.educationOn(word, day);
        double educationFactor = switch (education) {
            case PRIMARY -> 0.45;
            case UPPER_SECONDARY -> 0.9;
            case TERTIARY_SHORT -> 1.2;
            case TERTIARY_LONG -> 1.3;
            default -> 0.6;
        };
        return Math.min(1.0, START_PER_MONTH * ageFactor * educationFactor * groupFactor(p, word, day, education));
    }

    private double groupFactor(int p, long word, int day, EducationLevel education) {
        ImmigrantCategory category = PersonTable.categoryOf(word);
        if (category == ImmigrantCategory.NORWEGIAN_BORN_TWO_IMMIGRANT_PARENTS) {
            return 0.85;
        }
        if (category != ImmigrantCategory.IMMIGRANT) {
            return 1.0;
        }
        ImmigrationReason reason = PersonTable.reasonOf(word);
        if (reason == null) {
            return 0.9;
        }
        int year = Dates.year(day);
        return switch (reason) {
            case WORK -> 1.4;
            case FAMILY -> 0.6;
            case EDUCATION -> 0.5;
            case OTHER -> 0.9;
            case REFUGE -> {
                if (PersonTable.hasCollectiveProtection(word)) {
                    int years = year - persons.immigrationYear(p);
                    yield years <= 0 ? 0.15 : years == 1 ? 0.35 : 0.5;
                }
                int settledIn = persons.settlementMunicipality(p);
                int settledYear = PersonTable.settlementYearOf(word);
                if (settledIn < 0 || PersonTable.isAwaitingSettlement(word)) {
                    yield 0.05;
                }
                int years = settledYear == 0 ? 10 : year - settledYear;
                double ramp = years < 1 ? 0.08 : years == 1 ? 0.2 : years == 2 ? 0.35 : years == 3 ? 0.5 : years == 4 ? 0.6 : 0.7;
                yield ramp * placeFactor(settledIn, education);
            }
        };
    }

    /**
     * How the municipality that settled a refugee shapes the chance to find work: its unemployment rate, and whether it
     * is central (classes 1-2) or populous, both of which lower the chance, most for those with little education.
     */
    double placeFactor(int settledIn, EducationLevel education) {
        boolean little = education == EducationLevel.PRIMARY || education == EducationLevel.UNKNOWN;
        double perTrait = little ? PLACE_FACTOR_LITTLE_EDUCATION : PLACE_FACTOR_MORE_EDUCATION;
        double place = labourMarket.refugeeFactor(settledIn, little);
        if (table.centrality(settledIn) <= 2) {
            place *= perTrait;
        }
        if (table.populationJan1(settledIn, 2024) >= POPULOUS) {
            place *= perTrait;
        }
        return place;
    }

    /** Writes every employment change recorded before the start of {@code day}. */
    void flushBefore(int day) throws IOException {
        long limit = day * DAY_MS;
        while (!pending.isEmpty() && pending.peek().recordedAt() < limit) {
            write(pending.poll());
        }
    }

    void flushAll() throws IOException {
        while (!pending.isEmpty()) {
            write(pending.poll());
        }
    }

    private void write(PendingEmployment e) throws IOException {
        sink.writeEmployment(e);
    }

    /**
     * An employment change waiting for its recording time. {@code corrects} is the sequence of the NEW change a
     * CORRECTION or ANNULMENT replaces, -1 for a NEW one.
     */
    record PendingEmployment(long sequence, int person, int employment, EmploymentChange change,
                             RegistrationKind registration, long corrects, int eventDay, long recordedAt,
                             OccupationGroup group, String workplace) {
        static final java.util.Comparator<PendingEmployment> BY_RECORDING_TIME =
            java.util.Comparator.comparingLong(PendingEmployment::recordedAt).thenComparingLong(PendingEmployment::sequence);
    }
}
