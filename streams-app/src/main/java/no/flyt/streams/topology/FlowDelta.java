package no.flyt.streams.topology;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A signed change to one region-month's flow counts. Negative when a correction or annulment takes back what an
 * earlier version of an event added.
 */
public record FlowDelta(int domesticIn, int domesticOut, int immigrations, int emigrations) {

    public static final FlowDelta IN = new FlowDelta(1, 0, 0, 0);
    public static final FlowDelta OUT = new FlowDelta(0, 1, 0, 0);
    public static final FlowDelta IMMIGRATION = new FlowDelta(0, 0, 1, 0);
    public static final FlowDelta EMIGRATION = new FlowDelta(0, 0, 0, 1);

    public FlowDelta negate() {
        return new FlowDelta(-domesticIn, -domesticOut, -immigrations, -emigrations);
    }

    public FlowDelta plus(FlowDelta other) {
        return new FlowDelta(domesticIn + other.domesticIn, domesticOut + other.domesticOut,
            immigrations + other.immigrations, emigrations + other.emigrations);
    }

    static final int SIZE = 4 * Integer.BYTES;

    void writeTo(ByteBuffer buffer) {
        buffer.putInt(domesticIn).putInt(domesticOut).putInt(immigrations).putInt(emigrations);
    }

    static FlowDelta readFrom(ByteBuffer buffer) {
        return new FlowDelta(buffer.getInt(), buffer.getInt(), buffer.getInt(), buffer.getInt());
    }

    /** Fixed 16-byte encoding for the internal repartition topic: no registry round trip on the hot path. */
    public static Serde<FlowDelta> serde() {
        Serializer<FlowDelta> serializer = (topic, delta) -> {
            if (delta == null) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.allocate(SIZE);
            delta.writeTo(buffer);
            return buffer.array();
        };
        Deserializer<FlowDelta> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length != SIZE) {
                throw new SerializationException("flow delta on " + topic + " must be " + SIZE + " bytes, was " + bytes.length);
            }
            return readFrom(ByteBuffer.wrap(bytes));
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
