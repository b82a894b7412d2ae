package no.flyt.producers.synthetic;

import java.io.IOException;
import java.util.PriorityQueue;
import no.flyt.events.EventType;
import no.flyt.events.RegistrationKind;

/**
 * Turns the simulation's changes into register events: gives each an id and a recording time, now and then makes the
 * first registration wrong and corrects it later, or registers a move that never happened and annuls it, and hands
 * the events to the sink in order of recording time.
 *
 * <p>Recording delays (model assumptions): births and deaths a few days; moves mostly within two weeks, 12 % within
 * two months and 3 % late by up to eight months; immigrations one to three weeks, 10 % months later; emigrations
 * often late (15 % after 40-300 days); settlements within days. Corrections follow their original by 1-60 days.
 * Memory stays bounded: only events not yet due (recorded after the simulated day) are held.
 */
final class Recorder {

    static final double CORRECTION_SHARE = 0.006;
    static final double ANNULMENT_SHARE = 0.002;
    private static final long DAY_MS = 86_400_000L;

    private final PriorityQueue<PendingEvent> pending = new PriorityQueue<>(1 << 16, PendingEvent.BY_RECORDING_TIME);
    private final EventSink sink;
    private final MunicipalityTable table;
    private final Rng delays;
    private final Rng errors;
    private long nextSequence = 1;

    Recorder(EventSink sink, MunicipalityTable table, long seed) {
        this.sink = sink;
        this.table = table;
        this.delays = Rng.stream(seed, "recording-delays");
        this.errors = Rng.stream(seed, "registration-errors");
    }

    /**
     * Records a change that happened. {@code toIndex} is the destination municipality index of a move (used to pick
     * a plausible wrong destination), {@code previousEventDay} the day of the person's event before this one.
     */
    void record(EventType type, int person, int day, String from, String to, int toIndex, int fromCountry, int toCountry,
                int previousEventDay) {
        long recordedAt = recordingTime(type, day);
        if (errors.chance(CORRECTION_SHARE) && recordWithCorrection(type, person, day, from, to, toIndex, fromCountry,
            toCountry, recordedAt, previousEventDay)) {
            return;
        }
        pending.add(new PendingEvent(nextSequence++, person, type, RegistrationKind.NEW, -1, day, recordedAt, from, to,
            fromCountry, toCountry));
    }

    /** A first registration with a wrong destination or date, and the correction carrying the truth. */
    private boolean recordWithCorrection(EventType type, int person, int day, String from, String to, int toIndex,
                                         int fromCountry, int toCountry, long recordedAt, int previousEventDay) {
        String wrongTo = to;
        int wrongDay = day;
        if (type == EventType.MOVE && toIndex >= 0 && !to.equals(from) && errors.chance(0.5)
            && table.sameCounty(toIndex).length > 0) {
            int[] neighbours = table.sameCounty(toIndex);
            wrongTo = table.codeOn(neighbours[errors.nextInt(neighbours.length)], day);
            if (wrongTo.equals(from) || wrongTo.equals(to)) {
                return false;
            }
        } else {
            // Shift the date within the year (so that codes stay valid) and never before the previous event.
            int recordedDay = (int) Math.floorDiv(recordedAt, DAY_MS);
            int later = Math.min(10, Math.min(recordedDay - day, Dates.lastDayOf(Dates.year(day)) - day));
            // A birth is never registered before it happened: the person's birth date is the true date.
            int earlier = type == EventType.BIRTH ? 0
                : Math.min(10, day - Math.max(Dates.firstDayOf(Dates.year(day)), previousEventDay + 1));
            if (later >= 1 && (earlier < 1 || errors.chance(0.5))) {
                wrongDay = day + errors.between(1, later);
            } else if (earlier >= 1) {
                wrongDay = day - errors.between(1, earlier);
            } else {
                return false;
            }
        }
        long original = nextSequence++;
        pending.add(new PendingEvent(original, person, type, RegistrationKind.NEW, -1, wrongDay, recordedAt, from, wrongTo,
            fromCountry, toCountry));
        long correctedAt = recordedAt + errors.between(1, 60) * DAY_MS + errors.nextInt(3_600_000);
        pending.add(new PendingEvent(nextSequence++, person, type, RegistrationKind.CORRECTION, original, day, correctedAt,
            from, to, fromCountry, toCountry));
        return true;
    }

    /** A move that is registered and later annulled: it never happened, so the simulation's state is untouched. */
    void recordAnnulledMove(int person, int day, String from, String to) {
        long recordedAt = recordingTime(EventType.MOVE, day);
        long original = nextSequence++;
        pending.add(new PendingEvent(original, person, EventType.MOVE, RegistrationKind.NEW, -1, day, recordedAt, from, to, 0, 0));
        long annulledAt = recordedAt + errors.between(2, 90) * DAY_MS + errors.nextInt(3_600_000);
        pending.add(new PendingEvent(nextSequence++, person, EventType.MOVE, RegistrationKind.ANNULMENT, original, day,
            annulledAt, from, to, 0, 0));
    }

    boolean annulAMove() {
        return errors.chance(ANNULMENT_SHARE);
    }

    private long recordingTime(EventType type, int day) {
        double u = delays.nextDouble();
        int delay = switch (type) {
            case BIRTH -> 1 + geometric(3);
            case DEATH -> 1 + geometric(4);
            case MOVE -> u < 0.85 ? geometric(5) : u < 0.97 ? delays.between(15, 60) : delays.between(61, 240);
            case IMMIGRATION -> u < 0.90 ? 3 + geometric(12) : delays.between(45, 200);
            case EMIGRATION -> u < 0.85 ? 1 + geometric(10) : delays.between(40, 300);
            case REFUGEE_SETTLEMENT -> geometric(4);
            default -> 1;
        };
        // Registrations happen in office hours, 06:00-19:00 UTC.
        long timeOfDay = 6 * 3_600_000L + (long) (delays.nextDouble() * 13 * 3_600_000L);
        return (day + (long) delay) * DAY_MS + timeOfDay;
    }

    private int geometric(double mean) {
        return (int) Math.min(120, delays.exponential(mean));
    }

    /** Writes every event recorded before the start of {@code day}: nothing generated later can come before them. */
    void flushBefore(int day) throws IOException {
        long limit = day * DAY_MS;
        while (!pending.isEmpty() && pending.peek().recordedAt < limit) {
            sink.writeEvent(pending.poll());
        }
    }

    void flushAll() throws IOException {
        while (!pending.isEmpty()) {
            sink.writeEvent(pending.poll());
        }
    }
}
