package no.flyt.embedded;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The embedded Kafka broker and schema registry together, started in parallel. */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);

    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;

    private EmbeddedStack(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry) {
        this.broker = broker;
        this.registry = registry;
    }

    /**
     * Checks all ports and artifacts first, so that nothing is launched when one is missing, then starts
     * the registry and the broker side by side. If either fails, the other is stopped again.
     */
    public static EmbeddedStack start(BrokerSettings brokerSettings, RegistrySettings registrySettings) {
        if (registrySettings.port() == brokerSettings.port() || registrySettings.port() == brokerSettings.controllerPort()) {
            throw new IllegalArgumentException("the schema registry port " + registrySettings.port()
                    + " is also configured for the Kafka broker");
        }
        brokerSettings.requirePortsFree();
        registrySettings.requirePortFree();
        BuildArtifacts.brokerClasspath();
        BuildArtifacts.registryZip();

        CompletableFuture<EmbeddedSchemaRegistry> registryStart = new CompletableFuture<>();
        Thread registryStarter = new Thread(() -> {
            try {
                registryStart.complete(EmbeddedSchemaRegistry.start(registrySettings));
            } catch (Throwable t) {
                registryStart.completeExceptionally(t);
            }
        }, "flyt-start-schema-registry");
        registryStarter.setDaemon(true);
        registryStarter.start();

        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.start(brokerSettings);
        } catch (RuntimeException e) {
            // Wait for the registry so that nothing is left running when this throws.
            closeWhenStarted(registryStart);
            throw e;
        }
        try {
            EmbeddedSchemaRegistry registry = registryStart.join();
            log.info("Embedded stack ready: bootstrap.servers={} schema.registry.url={}",
                    broker.bootstrapServers(), registry.confluentUrl());
            return new EmbeddedStack(broker, registry);
        } catch (CompletionException e) {
            broker.close();
            throw unwrap(e);
        }
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    public EmbeddedSchemaRegistry registry() {
        return registry;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The Confluent-compatible registry URL, the value for {@code schema.registry.url}. */
    public String schemaRegistryUrl() {
        return registry.confluentUrl();
    }

    /** Stops both; the registry first, as it depends on nothing. */
    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            broker.close();
        }
    }

    private static void closeWhenStarted(CompletableFuture<EmbeddedSchemaRegistry> registryStart) {
        try {
            registryStart.join().close();
        } catch (CompletionException e) {
            // the broker's failure is the one to report
            log.debug("The schema registry did not start either", e.getCause());
        }
    }

    private static RuntimeException unwrap(CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new EmbeddedStackException("The schema registry did not start: " + cause, cause);
    }
}
