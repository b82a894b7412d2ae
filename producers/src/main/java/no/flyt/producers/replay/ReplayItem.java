package no.flyt.producers.replay;

import org.apache.avro.specific.SpecificRecord;

/** One item read from an event file: a record to send, or a line that could not be read. */
public sealed interface ReplayItem {

    /**
     * @param key       the record key (person id)
     * @param value     the record
     * @param timestamp the record timestamp, epoch millis (recording time for events, extract date for baseline)
     */
    record Good(String key, SpecificRecord value, long timestamp) implements ReplayItem {
    }

    /**
     * @param location where in the input, e.g. {@code events.jsonl:17}
     * @param reason   why it could not be read
     * @param raw      the raw input (the line), kept so that nothing is lost
     */
    record Bad(String location, String reason, byte[] raw) implements ReplayItem {
    }
}
