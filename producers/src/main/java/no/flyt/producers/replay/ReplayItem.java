package no.flyt.producers.replay;

import org.apache.avro.specific.SpecificRecord;

/** One item read from an event file: a record to send, or a line that could not be read. */
public sealed interface ReplayItem {

    /**
     * @param key       the record key (person id)
     * @param value     the record
     * @param timestamp the record timestamp, epoch millis (recording time for events, extract date for baseline)
     * @param encoded   the value's Avro binary encoding under its own schema when the input holds it (an Avro file
     *                  of the current schema), sent as it is; null to serialize the value
     */
    record Good(String key, SpecificRecord value, long timestamp, byte[] encoded) implements ReplayItem {

        public Good(String key, SpecificRecord value, long timestamp) {
            this(key, value, timestamp, null);
        }
    }

    /**
     * @param location where in the input, e.g. {@code events.jsonl:17}
     * @param reason   why it could not be read
     * @param raw      the raw input (the line), kept so that nothing is lost
     */
    record Bad(String location, String reason, byte[] raw) implements ReplayItem {
    }
}
