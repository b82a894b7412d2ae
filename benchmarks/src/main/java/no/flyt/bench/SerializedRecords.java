package no.flyt.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import no.flyt.events.RegisterEvent;
import no.flyt.producers.io.EventFileReader;
import no.flyt.producers.io.ReadResult;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Register events already serialized exactly as the replay producer sends them (key = person id, value = Avro in
 * the Confluent wire format, timestamp = recording time): what the plain-producer baseline sends.
 */
record SerializedRecords(List<byte[]> keys, List<byte[]> values, long[] timestamps) {

    static SerializedRecords read(Path eventsFile, String topic, Serializer<Object> serializer, int limit) throws IOException {
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        List<Long> timestamps = new ArrayList<>();
        try (EventFileReader<RegisterEvent> reader = EventFileReader.open(eventsFile, RegisterEvent.class)) {
            for (ReadResult<RegisterEvent> r : reader) {
                if (r.isMalformed()) {
                    continue;
                }
                RegisterEvent e = r.record();
                keys.add(e.getPersonId().getBytes(StandardCharsets.UTF_8));
                values.add(serializer.serialize(topic, e));
                timestamps.add(e.getRecordedAt().toEpochMilli());
                if (keys.size() >= limit) {
                    break;
                }
            }
        }
        return new SerializedRecords(keys, values, timestamps.stream().mapToLong(Long::longValue).toArray());
    }

    int size() {
        return keys.size();
    }

    long bytes() {
        long total = 0;
        for (int i = 0; i < size(); i++) {
            total += keys.get(i).length + values.get(i).length;
        }
        return total;
    }
}
