package no.flyt.bench;

import java.time.Duration;
import java.util.List;

/**
 * CPU time used by this JVM and, when known, the broker's process: on a machine whose cores are all busy during a run,
 * the CPU a run costs varies much less between runs than its wall time, so two runs compare better by it.
 */
final class CpuClock {

    private final List<ProcessHandle> processes;

    /** @param others processes besides this JVM whose CPU counts too (the embedded broker); may be empty */
    CpuClock(List<ProcessHandle> others) {
        this.processes = new java.util.ArrayList<>(List.of(ProcessHandle.current()));
        this.processes.addAll(others);
    }

    /** The CPU time used so far by all of the processes, or {@link Duration#ZERO} where the platform does not tell. */
    Duration now() {
        Duration sum = Duration.ZERO;
        for (ProcessHandle p : processes) {
            sum = sum.plus(p.info().totalCpuDuration().orElse(Duration.ZERO));
        }
        return sum;
    }

    /** What the processes are, for the table: "this JVM" or "this JVM + broker". */
    String scope() {
        return processes.size() == 1 ? "this JVM" : "this JVM + broker";
    }
}
