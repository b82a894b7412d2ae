package no.flyt.embedded.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * A Java agent loaded into each child process of the embedded stack. It blocks reading standard input,
 * which is a pipe from the parent JVM; the pipe closes when the parent exits for whatever reason,
 * SIGKILL included, and then the child shuts itself down. This keeps a killed {@code flyt run} or test
 * JVM from leaving a broker or registry behind.
 *
 * <p>Self-contained on purpose (JDK only, no nested classes): it is copied into a one-class jar.
 */
public final class ParentWatchdog {

    /** How long the child's own shutdown hooks may take before it is halted. */
    private static final long SHUTDOWN_GRACE_MS = 30_000;

    private ParentWatchdog() {
    }

    public static void premain(String args) {
        Thread watcher = new Thread(ParentWatchdog::exitWhenParentIsGone, "flyt-parent-watchdog");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void exitWhenParentIsGone() {
        byte[] buffer = new byte[256];
        try {
            InputStream in = System.in;
            while (in.read(buffer) >= 0) {
                // the parent never writes; anything it sends is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the same as end of stream
        }
        Thread halter = new Thread(ParentWatchdog::haltAfterGrace, "flyt-parent-watchdog-halt");
        halter.setDaemon(true);
        halter.start();
        // Orderly: lets Kafka and Quarkus run their shutdown hooks.
        System.exit(143);
    }

    private static void haltAfterGrace() {
        try {
            Thread.sleep(SHUTDOWN_GRACE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(137);
    }
}
