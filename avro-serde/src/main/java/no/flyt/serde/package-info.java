/**
 * Avro serdes in the Confluent wire format (magic byte 0, 4-byte big-endian schema id, Avro binary) with a
 * Schema Registry client for the Confluent REST API, so they work against a Confluent Schema Registry and
 * against Apicurio Registry's compatible API ({@code http://host:port/apis/ccompat/v7}). Configuration keys
 * are Confluent's ({@link no.flyt.serde.AvroSerdeConfig}); {@code schema.registry.url=mock://<scope>} selects
 * an in-JVM registry for tests.
 *
 * <pre>{@code
 * Map<String, Object> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://localhost:8081");
 * SpecificAvroSerde<RegisterEvent> events = new SpecificAvroSerde<>();
 * events.configure(config, false);
 * }</pre>
 */
package no.flyt.serde;
