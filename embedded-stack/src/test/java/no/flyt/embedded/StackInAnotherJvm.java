package no.flyt.embedded;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Runs an embedded stack in a JVM of its own and writes the pids of its children to {@code <dir>/pids},
 * so that a test can kill this JVM with SIGKILL and watch what happens to the children.
 */
public final class StackInAnotherJvm {

    static final String PIDS_FILE = "pids";

    private StackInAnotherJvm() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int[] ports = Ports.freePorts(3);
        EmbeddedStack stack = EmbeddedStack.start(
                new BrokerSettings(ports[0], ports[1], dir.resolve("kafka"), true, BrokerSettings.DEFAULT_MAX_HEAP),
                new RegistrySettings(ports[2], dir.resolve("registry")));
        Path temp = dir.resolve(PIDS_FILE + ".tmp");
        Files.writeString(temp, stack.broker().process().pid() + " " + stack.registry().process().pid(), StandardCharsets.UTF_8);
        Files.move(temp, dir.resolve(PIDS_FILE), StandardCopyOption.ATOMIC_MOVE);
        Thread.sleep(Long.MAX_VALUE);
    }
}
