package no.flyt.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The CPU a run costs, in all (this JVM and, when known, the broker's process) and by group of threads. On a machine
 * whose cores are all busy during a run, its CPU varies less between runs than its wall time. The groups: the Java threads of this JVM by name (stream threads, producer I/O, the
 * replay on the main thread), the JVM's own threads (JIT compiler, garbage collector) and RocksDB's, and the broker's
 * threads. The JVM's and the broker's threads are read from Linux's {@code /proc}; elsewhere only the Java threads of
 * this JVM are known. Threads that end during a run take their CPU with them: a snapshot difference does not count it.
 */
final class ThreadCpu {

    static final String STREAM_THREADS = "streams app: stream threads";
    static final String JIT = "JIT compiler";
    static final String BROKER_REQUESTS = "broker: network and request handling";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final ProcessHandle broker;

    /** @param broker the broker's process, or null when it runs elsewhere */
    ThreadCpu(ProcessHandle broker) {
        this.broker = broker;
    }

    /**
     * The CPU time used so far by this JVM and the broker, threads that ended included, or {@link Duration#ZERO} where
     * the platform does not tell.
     */
    Duration total() {
        Duration sum = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
        return broker == null ? sum : sum.plus(broker.info().totalCpuDuration().orElse(Duration.ZERO));
    }

    /** What {@link #total()} counts: "this JVM" or "this JVM + broker". */
    String scope() {
        return broker == null ? "this JVM" : "this JVM + broker";
    }

    /** CPU time so far per group, in seconds. */
    Map<String, Double> snapshot() {
        Map<String, Double> groups = new TreeMap<>();
        if (threads.isThreadCpuTimeSupported()) {
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null) {
                    long nanos = threads.getThreadCpuTime(info.getThreadId());
                    if (nanos > 0) {
                        groups.merge(javaThreadGroup(info.getThreadName()), nanos / 1e9, Double::sum);
                    }
                }
            }
        }
        // The JVM's own threads and RocksDB's are not Java threads: only /proc knows them.
        readProc(ProcessHandle.current().pid(), false, groups);
        if (broker != null) {
            readProc(broker.pid(), true, groups);
        }
        return groups;
    }

    /** The CPU seconds of one run per group of threads, and in all, under a column name. */
    record Run(String name, Map<String, Double> byGroup, double total) {
    }

    /** Prints the CPU seconds per group of runs side by side, as markdown, with what no group accounts for. */
    static void print(PrintWriter out, List<Run> runs) {
        StringBuilder header = new StringBuilder("| threads |");
        StringBuilder rule = new StringBuilder("|---|");
        Set<String> groups = new LinkedHashSet<>();
        for (Run run : runs) {
            header.append(' ').append(run.name()).append(", CPU s |");
            rule.append("---:|");
            groups.addAll(run.byGroup().keySet());
        }
        out.println(header);
        out.println(rule);
        for (String group : groups) {
            out.println(row(group, runs, r -> r.byGroup().getOrDefault(group, 0.0), "%.1f"));
        }
        out.println(row("not in a group (threads that ended, rounding)", runs,
            r -> r.total() - r.byGroup().values().stream().mapToDouble(Double::doubleValue).sum(), "%.1f"));
        out.println(row("**all**", runs, Run::total, "**%.1f**"));
        out.flush();
    }

    private static String row(String label, List<Run> runs, ToDoubleFunction<Run> value, String format) {
        StringBuilder line = new StringBuilder("| ").append(label).append(" |");
        for (Run run : runs) {
            line.append(' ').append(String.format(Locale.ROOT, format, value.applyAsDouble(run))).append(" |");
        }
        return line.toString();
    }

    /** What each group used between two snapshots, largest first, groups under 0.05 s left out. */
    static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.entrySet().stream()
            .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
            .filter(e -> e.getValue() >= 0.05)
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .forEach(e -> used.put(e.getKey(), e.getValue()));
        return used;
    }

    static String javaThreadGroup(String name) {
        if (name.startsWith("kafka-producer-network-thread")) {
            return "producer I/O threads (streams app, replay)";
        }
        if (name.contains("-StreamThread-")) {
            return STREAM_THREADS;
        }
        if (name.contains("-GlobalStreamThread") || name.contains("-StateUpdater")) {
            return "streams app: global table and state restoration";
        }
        if (name.startsWith(PassthroughBenchmark.THREAD_NAME)) {
            return "passthrough: consume-transform-produce thread";
        }
        if (name.equals("main")) {
            return "main thread (replay, benchmark)";
        }
        return "other Java threads of this JVM";
    }

    /**
     * The group of a thread known from /proc by its (15-character) name, or null for a Java thread of this JVM, which
     * is counted by name through the JVM instead.
     */
    static String procThreadGroup(String comm, boolean broker) {
        String jvm = comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre") ? JIT
            : comm.startsWith("GC Thread") || comm.startsWith("G1 ") ? "garbage collector" : null;
        if (broker) {
            if (jvm != null) {
                return "broker: " + jvm;
            }
            return comm.startsWith("data-plane-kafk") ? BROKER_REQUESTS : "broker: other threads";
        }
        if (jvm != null) {
            return jvm;
        }
        return comm.startsWith("rocksdb:") ? "RocksDB background threads" : null;
    }

    private static void readProc(long pid, boolean broker, Map<String, Double> groups) {
        Path tasks = Path.of("/proc", String.valueOf(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return;
        }
        try (Stream<Path> list = Files.list(tasks)) {
            list.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String group = procThreadGroup(comm, broker);
                    if (group != null) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        // utime and stime, fields 14 and 15 of stat, in clock ticks (100 per second on Linux)
                        double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
                        groups.merge(group, seconds, Double::sum);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading
                }
            });
        } catch (IOException e) {
            // the process ended
        }
    }
}
