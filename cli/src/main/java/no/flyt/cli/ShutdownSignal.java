package no.flyt.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT/SIGTERM) for a long-running command. The JVM exits as soon as its shutdown hooks finish, so the
 * hook here waits until the command has closed everything it started (streams app, registry, broker) before it
 * lets the JVM go.
 */
final class ShutdownSignal implements AutoCloseable {

    private static final long MAX_CLOSE_SECONDS = 90;

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    ShutdownSignal() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            requested.countDown();
            try {
                closed.await(MAX_CLOSE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "flyt-shutdown"));
    }

    /** Blocks until the user asks flyt to stop. */
    void await() throws InterruptedException {
        requested.await();
    }

    /** Everything is closed: the JVM may exit. */
    @Override
    public void close() {
        closed.countDown();
    }
}
