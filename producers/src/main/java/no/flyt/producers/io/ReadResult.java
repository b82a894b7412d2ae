package no.flyt.producers.io;

import java.util.Objects;

/**
 * One item read from an event file: either a record or, for JSON Lines, a malformed line that could not be mapped.
 * Reading goes on after a malformed line, so one bad line does not stop a replay.
 *
 * @param position 1-based line number in a JSON Lines file, 1-based record number in an Avro file
 * @param record   the record, null when malformed
 * @param error    why the line is malformed, null for a record
 * @param encoded  the record's Avro binary encoding under its own schema, when the file holds it that way (an Avro
 *                 file written with the schema it is read with); null otherwise
 */
public record ReadResult<T>(long position, T record, String error, byte[] encoded) {

    public ReadResult {
        if ((record == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of record and error must be set");
        }
    }

    public static <T> ReadResult<T> of(long position, T record) {
        return of(position, record, null);
    }

    public static <T> ReadResult<T> of(long position, T record, byte[] encoded) {
        return new ReadResult<>(position, Objects.requireNonNull(record, "record"), null, encoded);
    }

    public static <T> ReadResult<T> malformed(long lineNumber, String reason) {
        return new ReadResult<>(lineNumber, null, Objects.requireNonNull(reason, "reason"), null);
    }

    public boolean isMalformed() {
        return error != null;
    }

    /** The line number, for messages about malformed lines. */
    public long lineNumber() {
        return position;
    }
}
