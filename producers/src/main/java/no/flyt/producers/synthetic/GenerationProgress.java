package no.flyt.producers.synthetic;

import java.time.LocalDate;

/**
 * Where a generation run is.
 *
 * @param phase          BASELINE while the 2015 extract is written, EVENTS while the decade is simulated, DONE at the end
 * @param recordsWritten baseline records plus events written so far
 * @param simulatedDate  the day being simulated (the extract date during BASELINE)
 * @param fractionDone   rough share of the work done, 0-1, for a progress bar
 */
public record GenerationProgress(Phase phase, long recordsWritten, LocalDate simulatedDate, double fractionDone) {

    public enum Phase { BASELINE, EVENTS, DONE }
}
