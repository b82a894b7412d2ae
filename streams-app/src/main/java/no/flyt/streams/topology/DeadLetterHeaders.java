package no.flyt.streams.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * Header names on dead-letter records. The same names Kafka Streams' own dead-letter queue (KIP-1034) uses for
 * records it cannot deserialize, so one consumer reads both kinds.
 */
public final class DeadLetterHeaders {

    public static final String EXCEPTION = "__streams.errors.exception";
    public static final String MESSAGE = "__streams.errors.message";
    public static final String TOPIC = "__streams.errors.topic";
    public static final String PARTITION = "__streams.errors.partition";
    public static final String OFFSET = "__streams.errors.offset";

    /** The exception name flyt writes for events that deserialized but break a register rule. */
    public static final String REJECTED_EVENT = "no.flyt.RejectedEvent";

    private DeadLetterHeaders() {
    }

    public static String read(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
