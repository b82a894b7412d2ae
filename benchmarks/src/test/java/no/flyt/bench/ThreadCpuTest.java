package no.flyt.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void javaThreadsAreGroupedByTheirNames() {
        assertThat(ThreadCpu.javaThreadGroup("bench-1a2b3c4d-streams-8e0f-StreamThread-2")).isEqualTo(ThreadCpu.STREAM_THREADS);
        assertThat(ThreadCpu.javaThreadGroup("kafka-producer-network-thread | bench-1a2b-streams-8e0f-StreamThread-1-producer"))
            .startsWith("producer I/O");
        assertThat(ThreadCpu.javaThreadGroup("flyt-streams-8e0f-GlobalStreamThread")).contains("global table");
        assertThat(ThreadCpu.javaThreadGroup("main")).startsWith("main thread");
        assertThat(ThreadCpu.javaThreadGroup(PassthroughBenchmark.THREAD_NAME)).startsWith("passthrough");
        assertThat(ThreadCpu.javaThreadGroup("flyt-bench-memory")).startsWith("other");
    }

    @Test
    void theJvmsOwnThreadsAndTheBrokersAreGroupedByTheirLinuxNames() {
        assertThat(ThreadCpu.procThreadGroup("C2 CompilerThre", false)).isEqualTo(ThreadCpu.JIT);
        assertThat(ThreadCpu.procThreadGroup("C1 CompilerThre", true)).isEqualTo("broker: " + ThreadCpu.JIT);
        assertThat(ThreadCpu.procThreadGroup("GC Thread#1", false)).isEqualTo("garbage collector");
        assertThat(ThreadCpu.procThreadGroup("rocksdb:low", false)).startsWith("RocksDB");
        assertThat(ThreadCpu.procThreadGroup("data-plane-kafk", true)).isEqualTo(ThreadCpu.BROKER_REQUESTS);
        assertThat(ThreadCpu.procThreadGroup("kafka-log-clean", true)).isEqualTo("broker: other threads");
        // a Java thread of this JVM is counted through the JVM, by its full name
        assertThat(ThreadCpu.procThreadGroup("bench-1a2b3c4d-", false)).isNull();
    }

    @Test
    void aRunUsesTheDifferenceLargestFirstAndThePrintedTableAddsUp() {
        Map<String, Double> used = ThreadCpu.between(Map.of("a", 1.0, "b", 2.0, "c", 5.0),
            Map.of("a", 1.02, "b", 12.0, "c", 6.0, "d", 3.0));

        assertThat(used).containsExactly(Map.entry("b", 10.0), Map.entry("d", 3.0), Map.entry("c", 1.0));

        StringWriter text = new StringWriter();
        ThreadCpu.print(new PrintWriter(text), java.util.List.of(new ThreadCpu.Run("flyt", used, 15.0),
            new ThreadCpu.Run("passthrough", Map.of("b", 1.0), 2.0), new ThreadCpu.Run("floor", Map.of("e", 4.0), 4.0)));
        assertThat(text.toString()).contains("| threads | flyt, CPU s | passthrough, CPU s | floor, CPU s |",
            "| b | 10.0 | 1.0 | 0.0 |", "| d | 3.0 | 0.0 | 0.0 |", "| e | 0.0 | 0.0 | 4.0 |",
            "| not in a group (threads that ended, rounding) | 1.0 | 1.0 | 0.0 |", "| **all** | **15.0** | **2.0** | **4.0** |");
    }
}
