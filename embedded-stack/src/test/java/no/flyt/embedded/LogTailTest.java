package no.flyt.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir
    Path dir;

    @Test
    void showsTheErrorAndItsExceptionRatherThanTheShutdownAfterIt() throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "[main] INFO kafka.server.KafkaRaftServer - starting",
                "[main] ERROR kafka.server.KafkaRaftServer - Exiting Kafka due to fatal exception",
                "java.lang.RuntimeException: Failed to acquire lock on file .lock in /data/kafka-logs",
                "\tat kafka.log.LogManager.lockLogDirs(LogManager.scala:123)",
                "\tat kafka.log.LogManager.<init>(LogManager.scala:45)"));
        for (int i = 0; i < 50; i++) {
            lines.add("[kafka-shutdown-hook] INFO kafka.server.SharedServer - stopping " + i);
        }
        Path log = Files.write(dir.resolve("broker.log"), lines);

        assertThat(LogTail.explain(log).lines()).containsExactly(
                "[main] ERROR kafka.server.KafkaRaftServer - Exiting Kafka due to fatal exception",
                "java.lang.RuntimeException: Failed to acquire lock on file .lock in /data/kafka-logs",
                "\tat kafka.log.LogManager.lockLogDirs(LogManager.scala:123)");
    }

    @Test
    void showsTheLastLinesWhenNothingIsMarkedAsAnError() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lines.add("line " + i);
        }
        Path log = Files.write(dir.resolve("broker.log"), lines);

        assertThat(LogTail.explain(log).lines()).hasSize(20).startsWith("line 10").endsWith("line 29");
    }

    @Test
    void saysSoWhenTheLogCannotBeRead() {
        assertThat(LogTail.explain(dir.resolve("missing.log"))).startsWith("(could not read ");
    }
}
