package no.flyt.folkeregister.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import no.flyt.events.BaselinePerson;
import no.flyt.folkeregister.client.FolkeregisterClient;
import no.flyt.folkeregister.feed.ExtractMapper;
import no.flyt.folkeregister.feed.Pseudonyms;
import no.flyt.folkeregister.feed.StatisticalAttributes;
import no.flyt.serde.SpecificAvroSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the register's extract (the residents on the extract date, in the person document's shape) as flyt's
 * baseline: each resident as a {@link BaselinePerson} keyed by the same pseudonym the connector gives the person,
 * written with flyt's serde. A one-off import at the start, before the feed is read from the extract's sequence
 * number; national identity numbers stay in this process.
 */
public final class BaselineImport {

    private static final Logger log = LoggerFactory.getLogger(BaselineImport.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 1000;

    private BaselineImport() {
    }

    /**
     * @param producerConfig bootstrap servers, the serde's settings (schema.registry.url) and any producer setting
     * @param attributes     the side input's client, or null to derive what the register allows
     * @return residents published
     */
    public static long run(Path extract, Pseudonyms pseudonyms, FolkeregisterClient attributes, Properties producerConfig, String topic)
        throws IOException, InterruptedException {
        Properties config = new Properties();
        config.putAll(producerConfig);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        SpecificAvroSerializer<BaselinePerson> serializer = new SpecificAvroSerializer<>();
        serializer.configure(toMap(config), false);
        long published = 0;
        try (KafkaProducer<String, BaselinePerson> producer = new KafkaProducer<>(config, new StringSerializer(), serializer);
             BufferedReader reader = Files.newBufferedReader(extract, StandardCharsets.UTF_8)) {
            List<JsonNode> batch = new ArrayList<>(BATCH);
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    batch.add(JSON.readTree(line));
                }
                if (batch.size() == BATCH) {
                    published += publish(batch, pseudonyms, attributes, producer, topic);
                    batch.clear();
                }
            }
            published += publish(batch, pseudonyms, attributes, producer, topic);
            producer.flush();
        }
        log.info("Published {} residents of the extract {} to {}", published, extract, topic);
        return published;
    }

    private static long publish(List<JsonNode> batch, Pseudonyms pseudonyms, FolkeregisterClient client,
                                KafkaProducer<String, BaselinePerson> producer, String topic) throws IOException, InterruptedException {
        if (batch.isEmpty()) {
            return 0;
        }
        Set<String> ids = new LinkedHashSet<>();
        batch.forEach(l -> ids.add(l.path(no.flyt.folkeregister.feed.FeedFields.NATIONAL_ID_NUMBER).asText()));
        Map<String, List<StatisticalAttributes>> versions = client == null ? Map.of() : client.attributes(ids);
        ExtractMapper mapper = new ExtractMapper(pseudonyms, client == null ? null
            : (id, at) -> StatisticalAttributes.validAt(versions.get(id), at));
        for (JsonNode line : batch) {
            BaselinePerson person = mapper.map(line);
            producer.send(new ProducerRecord<>(topic, null, person.getExtractDate().atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant().toEpochMilli(), person.getPersonId(), person));
        }
        return batch.size();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, ?> toMap(Properties p) {
        return (Map) p;
    }
}
