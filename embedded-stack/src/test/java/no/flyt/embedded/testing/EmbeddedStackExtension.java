package no.flyt.embedded.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import no.flyt.embedded.BrokerSettings;
import no.flyt.embedded.EmbeddedStack;
import no.flyt.embedded.Ports;
import no.flyt.embedded.RegistrySettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker and schema registry for one test class, on free ports and in a temporary directory
 * that is deleted afterwards:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedStackExtension stack = new EmbeddedStackExtension();
 * }</pre>
 *
 * Tests in the class share the stack, so each should use its own topics: {@link #uniqueTopic(String)}.
 */
public final class EmbeddedStackExtension implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedStack stack;
    private Path workDir;
    private String startedBy;
    private Admin admin;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (stack != null) {
            return; // a @Nested class shares its enclosing class's stack
        }
        workDir = Files.createTempDirectory("flyt-stack-");
        int[] ports = Ports.freePorts(3);
        stack = EmbeddedStack.start(
                new BrokerSettings(ports[0], ports[1], workDir.resolve("kafka"), true, BrokerSettings.DEFAULT_MAX_HEAP),
                new RegistrySettings(ports[2], workDir.resolve("registry")));
        startedBy = context.getUniqueId();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (stack == null || !context.getUniqueId().equals(startedBy)) {
            return;
        }
        try {
            if (admin != null) {
                admin.close();
            }
        } finally {
            admin = null;
            stack.close();
            stack = null;
            deleteRecursively(workDir);
        }
    }

    public EmbeddedStack stack() {
        return requireStarted();
    }

    public String bootstrapServers() {
        return requireStarted().bootstrapServers();
    }

    /** The Confluent-compatible API, for {@code schema.registry.url}. */
    public String schemaRegistryUrl() {
        return requireStarted().schemaRegistryUrl();
    }

    /** Apicurio's own v2 API, for Apicurio's serdes. */
    public String apicurioApiUrl() {
        return requireStarted().registry().apicurioApiUrl();
    }

    /** {@code base} plus a short random suffix, so tests sharing the broker do not see each other's records. */
    public String uniqueTopic(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An admin client for the stack's broker, created on first use and closed after the test class. */
    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
        }
        return admin;
    }

    private EmbeddedStack requireStarted() {
        if (stack == null) {
            throw new IllegalStateException("the embedded stack runs only during the test class; "
                    + "register the extension on a static field with @RegisterExtension");
        }
        return stack;
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
