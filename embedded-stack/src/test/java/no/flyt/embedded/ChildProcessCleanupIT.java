package no.flyt.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessCleanupIT {

    @TempDir
    Path dir;

    @Test
    void closeLeavesNoChildProcessAlive() {
        int[] ports = Ports.freePorts(3);
        EmbeddedStack stack = EmbeddedStack.start(
                new BrokerSettings(ports[0], ports[1], dir.resolve("kafka"), true, BrokerSettings.DEFAULT_MAX_HEAP),
                new RegistrySettings(ports[2], dir.resolve("registry")));
        ProcessHandle broker = stack.broker().process();
        ProcessHandle registry = stack.registry().process();
        assertThat(aliveDescendants()).contains(broker, registry);

        stack.close();

        assertThat(broker.isAlive()).isFalse();
        assertThat(registry.isAlive()).isFalse();
        assertThat(aliveDescendants()).isEmpty();
    }

    @Test
    void childProcessesExitWhenTheirParentIsKilled() throws Exception {
        Process parent = new ProcessBuilder(ChildProcess.javaExecutable(),
                "-cp", System.getProperty("java.class.path"),
                StackInAnotherJvm.class.getName(), dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("parent.log").toFile())
                .start();
        List<ProcessHandle> children = new ArrayList<>();
        try {
            long[] pids = awaitPids(parent);
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(children::add);
            }
            assertThat(children).hasSize(2).allMatch(ProcessHandle::isAlive);

            parent.destroyForcibly(); // SIGKILL: no shutdown hooks run in the parent
            parent.waitFor();

            for (ProcessHandle child : children) {
                child.onExit().get(60, TimeUnit.SECONDS);
                assertThat(child.isAlive()).as("child %d", child.pid()).isFalse();
            }
        } finally {
            parent.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private long[] awaitPids(Process parent) throws Exception {
        Path pidsFile = dir.resolve(StackInAnotherJvm.PIDS_FILE);
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (!Files.exists(pidsFile)) {
            if (!parent.isAlive() || System.nanoTime() > deadline) {
                fail("the stack in the other JVM did not start; its output:%n%s",
                        Files.readString(dir.resolve("parent.log"), StandardCharsets.UTF_8));
            }
            Thread.sleep(200);
        }
        return Arrays.stream(Files.readString(pidsFile).trim().split(" ")).mapToLong(Long::parseLong).toArray();
    }

    private static List<ProcessHandle> aliveDescendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).collect(Collectors.toList());
    }
}
