package no.flyt.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST operations besides register/lookup, as the CLI uses them. */
class CachedSchemaRegistryClientTest {

    private FakeSchemaRegistry registry;
    private CachedSchemaRegistryClient client;

    @BeforeEach
    void setUp() throws Exception {
        registry = new FakeSchemaRegistry();
        client = new CachedSchemaRegistryClient(registry.url() + "/");
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    @Test
    void aConflictFromARacingRegistrationOfTheSameSchemaIsResolvedByLookup() {
        registry.answerRegistrationsWithConflict(1);

        int id = client.register("race-value", TestRecords.READING_V1);

        assertThat(id).isEqualTo(client.getId("race-value", TestRecords.READING_V1));
        assertThat(registry.requests()).containsExactly("POST /subjects/race-value/versions", "POST /subjects/race-value");
    }

    @Test
    void aConflictForASchemaThatIsNotThereIsStillAnError() {
        client.register("readings-value", TestRecords.READING_V1);

        assertThatThrownBy(() -> client.register("readings-value", TestRecords.READING_INCOMPATIBLE))
                .isInstanceOf(SchemaRegistryException.class)
                .satisfies(e -> assertThat(((SchemaRegistryException) e).status()).isEqualTo(409));
    }

    @Test
    void latestVersionHasTheIdVersionAndSchemaOfTheLastRegistration() {
        client.register("readings-value", TestRecords.READING_V1);
        int id = client.register("readings-value", TestRecords.READING_V2);

        SchemaMetadata latest = client.getLatest("readings-value");

        assertThat(latest).isEqualTo(new SchemaMetadata(id, 2, TestRecords.READING_V2));
    }

    @Test
    void compatibilityIsCheckedAgainstTheLatestVersion() {
        client.register("readings-value", TestRecords.READING_V1);

        assertThat(client.testCompatibility("readings-value", TestRecords.READING_V2)).isTrue();
        assertThat(client.testCompatibility("readings-value", TestRecords.READING_INCOMPATIBLE)).isFalse();
        assertThat(client.testCompatibility("new-subject-value", TestRecords.READING_INCOMPATIBLE)).isTrue();
    }

    @Test
    void subjectsAreListedAndDeletedAndADeletedSubjectCanBeRegisteredAgain() {
        client.register("a-value", TestRecords.READING_V1);
        client.register("b value/with:odd chars", TestRecords.READING_V1);

        assertThat(client.subjects()).containsExactlyInAnyOrder("a-value", "b value/with:odd chars");

        client.deleteSubject("a-value");
        client.deleteSubject("b value/with:odd chars");

        assertThat(client.subjects()).isEmpty();
        assertThat(registry.requests()).contains("DELETE /subjects/a-value", "DELETE /subjects/a-value?permanent=true");
        // After the delete the client must not answer from its cache: the registry sees the registration.
        client.register("a-value", TestRecords.READING_INCOMPATIBLE);
        assertThat(client.subjects()).containsExactly("a-value");
    }

    @Test
    void deletingAnUnknownSubjectSaysItIsNotFound() {
        assertThatThrownBy(() -> client.deleteSubject("nothing-value"))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("Subject 'nothing-value' not found in Schema Registry at " + registry.url())
                .matches(e -> ((SchemaRegistryException) e).isNotFound());
    }

    @Test
    void unknownSchemaIdIsNotFound() {
        assertThatThrownBy(() -> client.getById(12345))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageStartingWith("Schema id 12345 not found in Schema Registry at " + registry.url())
                .matches(e -> ((SchemaRegistryException) e).errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND);
    }
}
