package no.flyt.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JVM started as a child of this one, with its output in a log file, that does not outlive this JVM:
 * it is stopped by {@link #close()}, by a shutdown hook, and — if this JVM is killed outright — by the
 * {@link no.flyt.embedded.internal.ParentWatchdog} agent inside it, which exits when its stdin pipe closes.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    /**
     * How long the shutdown hook lets the owner close the process first: on Ctrl-C the owner stops the streams app
     * before the broker, and a broker stopped underneath it would leave its consumer group to a session timeout.
     */
    private static final Duration OWNER_CLOSE_WAIT = Duration.ofSeconds(60);
    /** Puts a child in a session of its own, so that Ctrl-C in a terminal reaches flyt only, which stops children in order. */
    private static final Path SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
            .filter(Files::isExecutable).findFirst().orElse(null);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Duration stopGrace;
    private final Thread shutdownHook;
    private boolean stopped;
    private final java.util.concurrent.CountDownLatch closedByOwner = new java.util.concurrent.CountDownLatch(1);

    private ChildProcess(String name, Process process, Path logFile, Duration stopGrace) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.stopGrace = stopGrace;
        this.shutdownHook = new Thread(this::stopUnlessOwnerDoes, "flyt-stop-" + name.replace(' ', '-'));
    }

    /**
     * Starts {@code java <jvmArgs>} with the same Java installation as this JVM.
     *
     * @param jvmArgs   options and the main class or {@code -jar}, followed by program arguments
     * @param stopGrace how long {@link #close()} waits after SIGTERM before killing the process
     */
    public static ChildProcess start(String name, List<String> jvmArgs, Path workDir, Path logFile, Duration stopGrace) {
        List<String> command = new ArrayList<>();
        if (SETSID != null) {
            command.add(SETSID.toString()); // exec's in place: the pid stays the java process'
        }
        command.add(javaExecutable());
        try {
            command.add("-javaagent:" + ParentWatchdogJar.path());
            command.addAll(jvmArgs);
            Files.createDirectories(workDir);
            // stdin stays a pipe that is never written: the watchdog agent waits for it to close.
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
                    .start();
            ChildProcess child = new ChildProcess(name, process, logFile, stopGrace);
            Runtime.getRuntime().addShutdownHook(child.shutdownHook);
            log.debug("Started {} (pid {}): {}", name, process.pid(), command);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the " + name + " process " + command, e);
        }
    }

    /** The java launcher of the running JVM, so children run on the same Java version. */
    static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(java)) {
            return java.toString();
        }
        return ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot find the java launcher of this JVM"));
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    public Path logFile() {
        return logFile;
    }

    /** Waits for the process to end by itself; returns false on timeout (the process keeps running). */
    public boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stop();
        closedByOwner.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and the hook is running or has run
        }
    }

    private void stopUnlessOwnerDoes() {
        try {
            if (closedByOwner.await(OWNER_CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop();
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the child may be exiting already; SIGTERM below does the same job
        }
        process.destroy();
        boolean interrupted = false;
        try {
            if (process.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.debug("{} (pid {}) stopped", name, process.pid());
                return;
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        log.warn("{} (pid {}) did not stop within {} s; killing it", name, process.pid(), stopGrace.toSeconds());
        process.destroyForcibly();
        try {
            process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + logFile + ")";
    }
}
