package no.flyt.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * An in-memory registry for tests, selected with {@code schema.registry.url=mock://<scope>} as in Confluent's
 * serdes: every serde configured with the same scope in one JVM shares one registry, so a
 * {@code TopologyTestDriver} test runs without a registry. Like a real one it gives the same schema the
 * same id in every subject and enforces BACKWARD compatibility within a subject.
 */
public final class MockSchemaRegistryClient implements SchemaRegistryClient {

    private static final ConcurrentMap<String, MockSchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

    private final String name;
    private final Map<Schema, Integer> idBySchema = new HashMap<>();
    private final Map<Integer, Schema> schemaById = new HashMap<>();
    /** Per subject, the ids of its versions; version n is at index n - 1. */
    private final Map<String, List<Integer>> versionsBySubject = new LinkedHashMap<>();
    private int nextId = 1;

    /** A registry of its own, not shared through a scope. */
    public MockSchemaRegistryClient() {
        this("mock registry");
    }

    private MockSchemaRegistryClient(String name) {
        this.name = name;
    }

    /** The registry shared by all users of {@code mock://<scope>} in this JVM. */
    public static MockSchemaRegistryClient forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new MockSchemaRegistryClient(AvroSerdeConfig.MOCK_URL_PREFIX + s));
    }

    /** Forgets the scope's registry, so the next user of {@code mock://<scope>} starts empty. */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<Integer> versions = versionsBySubject.get(subject);
        Integer existing = idBySchema.get(schema);
        if (versions != null && existing != null && versions.contains(existing)) {
            return existing;
        }
        if (versions != null && !versions.isEmpty()) {
            Schema latest = schemaById.get(versions.get(versions.size() - 1));
            SchemaCompatibility.SchemaPairCompatibility compatibility =
                    SchemaCompatibility.checkReaderWriterCompatibility(schema, latest);
            if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                throw new SchemaRegistryException(name + " rejected the schema for subject '" + subject
                        + "' as incompatible with the registered versions (BACKWARD): " + compatibility.getDescription(),
                        409, SchemaRegistryException.INCOMPATIBLE_SCHEMA);
            }
        }
        int id = existing != null ? existing : nextId++;
        idBySchema.put(schema, id);
        schemaById.put(id, schema);
        versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    @Override
    public synchronized int getId(String subject, Schema schema) {
        List<Integer> versions = versions(subject);
        Integer id = idBySchema.get(schema);
        if (id == null || !versions.contains(id)) {
            throw new SchemaRegistryException("Schema not found under subject '" + subject + "' in " + name, 404,
                    SchemaRegistryException.SCHEMA_NOT_FOUND);
        }
        return id;
    }

    @Override
    public synchronized Schema getById(int id) {
        Schema schema = schemaById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("Schema id " + id + " not found in " + name, 404,
                    SchemaRegistryException.SCHEMA_NOT_FOUND);
        }
        return schema;
    }

    @Override
    public synchronized SchemaMetadata getLatest(String subject) {
        List<Integer> versions = versions(subject);
        int id = versions.get(versions.size() - 1);
        return new SchemaMetadata(id, versions.size(), schemaById.get(id));
    }

    @Override
    public synchronized boolean testCompatibility(String subject, Schema schema) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            return true;
        }
        Schema latest = schemaById.get(versions.get(versions.size() - 1));
        return SchemaCompatibility.checkReaderWriterCompatibility(schema, latest).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }

    @Override
    public synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    @Override
    public synchronized void deleteSubject(String subject) {
        versions(subject);
        versionsBySubject.remove(subject);
    }

    private List<Integer> versions(String subject) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SchemaRegistryException("Subject '" + subject + "' not found in " + name, 404,
                    SchemaRegistryException.SUBJECT_NOT_FOUND);
        }
        return versions;
    }
}
