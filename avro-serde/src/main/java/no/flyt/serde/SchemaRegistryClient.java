package no.flyt.serde;

import java.util.List;
import org.apache.avro.Schema;

/** The Schema Registry REST operations the serdes and the CLI need (Confluent API, also Apicurio's ccompat). */
public interface SchemaRegistryClient {

    /** Registers the schema under the subject, or finds it there, and returns its id ({@code POST /subjects/{s}/versions}). */
    int register(String subject, Schema schema);

    /** The id of a schema already registered under the subject, without registering ({@code POST /subjects/{s}}). */
    int getId(String subject, Schema schema);

    /** The schema with this id ({@code GET /schemas/ids/{id}}). */
    Schema getById(int id);

    /** The latest version under the subject ({@code GET /subjects/{s}/versions/latest}). */
    SchemaMetadata getLatest(String subject);

    /**
     * Whether the subject's compatibility rule accepts the schema as the next version
     * ({@code POST /compatibility/subjects/{s}/versions/latest}); true for a subject with no versions yet.
     */
    boolean testCompatibility(String subject, Schema schema);

    /** All subjects ({@code GET /subjects}). */
    List<String> subjects();

    /** Deletes the subject and all its versions ({@code DELETE /subjects/{s}}, then permanently). */
    void deleteSubject(String subject);

    /**
     * The client for a serde configuration: the shared in-JVM registry of the scope for {@code mock://<scope>},
     * otherwise a {@link CachedSchemaRegistryClient} for the configured URLs.
     */
    static SchemaRegistryClient forConfig(AvroSerdeConfig config) {
        List<String> urls = config.schemaRegistryUrls();
        if (urls.get(0).startsWith(AvroSerdeConfig.MOCK_URL_PREFIX)) {
            return MockSchemaRegistryClient.forScope(urls.get(0).substring(AvroSerdeConfig.MOCK_URL_PREFIX.length()));
        }
        return new CachedSchemaRegistryClient(config);
    }
}
