package no.flyt.serde;

import org.apache.avro.Schema;

/** A registered schema version: its global id, its version within the subject, and the schema. */
public record SchemaMetadata(int id, int version, Schema schema) {
}
