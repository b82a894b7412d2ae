package no.flyt.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.Set;

/** Port helpers for the embedded stack, which listens on 127.0.0.1 only. */
public final class Ports {

    static final InetAddress LOOPBACK = loopback();

    private Ports() {
    }

    /** A port that is free on 127.0.0.1 right now (the OS picks it), for tests and ephemeral stacks. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port on 127.0.0.1", e);
        }
    }

    /** {@code count} different ports that are free on 127.0.0.1 right now. */
    public static int[] freePorts(int count) {
        Set<Integer> ports = new LinkedHashSet<>();
        while (ports.size() < count) {
            ports.add(freePort());
        }
        return ports.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Fails with a clear message if {@code port} cannot be bound on 127.0.0.1.
     *
     * @param what what the port is meant for, e.g. "Kafka broker"
     */
    public static void requireFree(int port, String what) {
        if (!isFree(port)) {
            throw new EmbeddedStackException(
                    "port " + port + " (" + what + ") is already in use on 127.0.0.1; choose another port");
        }
    }

    /**
     * Like {@link #requireFree(int, String)}, naming the command-line option that picks another port.
     *
     * @param option e.g. "--broker-port"
     */
    public static void requireFree(int port, String what, String option) {
        if (!isFree(port)) {
            throw new EmbeddedStackException(
                    "port " + port + " (" + what + ") is already in use on 127.0.0.1; choose another with " + option);
        }
    }

    static boolean isFree(int port) {
        // SO_REUSEADDR as the broker and registry use it: a port in TIME_WAIT from a previous run is free,
        // a port some process listens on (on 127.0.0.1 or 0.0.0.0) is not.
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void requireValid(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " port must be between 1 and 65535, was " + port);
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
