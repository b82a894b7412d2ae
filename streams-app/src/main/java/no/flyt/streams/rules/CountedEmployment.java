package no.flyt.streams.rules;

import java.time.LocalDate;

/**
 * The version of an employment-register change that is counted, kept under the original change's id in its person's
 * {@link PersonHistory}: a START or END of one employment relationship, or (null {@code change}) an annulment.
 *
 * @param eventId      id of the counted version (the original, or the correction that replaced it)
 * @param recordedAt   recording time of that version, epoch millis; a later version supersedes an earlier one
 * @param employmentId the relationship the change belongs to; its START and END share it
 * @param change       START or END; null for an annulment (the change never happened)
 * @param date         first day (START) or last day (END) of the employment
 * @param occupation   code of {@link no.flyt.catalogue.Dimension#OCCUPATION_GROUP}
 */
public record CountedEmployment(String eventId, long recordedAt, String employmentId, Change change, LocalDate date, int occupation) {

    /** What an employment change says. The code is what the person-history store keeps. */
    public enum Change {
        START(0), END(1);

        private final int code;

        Change(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Change ofCode(int code) {
            return code == 0 ? START : code == 1 ? END : null;
        }
    }

    /** Whether {@code candidate} (id, recording time) replaces this version; a redelivery of the same id never does. */
    public boolean isSupersededBy(String candidateId, long candidateRecordedAt) {
        if (candidateId.equals(eventId)) {
            return false;
        }
        if (candidateRecordedAt != recordedAt) {
            return candidateRecordedAt > recordedAt;
        }
        return candidateId.compareTo(eventId) > 0;
    }
}
