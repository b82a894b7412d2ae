package no.flyt.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to run the embedded single-node KRaft broker (combined broker and controller).
 *
 * @param port           the PLAINTEXT listener on 127.0.0.1 that clients bootstrap from
 * @param controllerPort the KRaft CONTROLLER listener on 127.0.0.1
 * @param dataDir        holds server.properties, broker.log and the log directory; survives restarts
 * @param fresh          wipe the broker's data (topics, offsets, cluster id) before starting
 * @param maxHeap        the broker JVM's -Xmx, e.g. "512m"
 */
public record BrokerSettings(int port, int controllerPort, Path dataDir, boolean fresh, String maxHeap) {

    public static final int DEFAULT_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    public static final String DEFAULT_MAX_HEAP = "512m";

    /** The command-line options that choose the ports, named in "port in use" messages. */
    static final String PORT_OPTION = "--broker-port";
    static final String CONTROLLER_PORT_OPTION = "--controller-port";

    private static final Pattern HEAP_SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

    public BrokerSettings {
        Ports.requireValid(port, "Kafka broker");
        Ports.requireValid(controllerPort, "Kafka controller");
        if (port == controllerPort) {
            throw new IllegalArgumentException("the Kafka broker and controller ports must differ, both are " + port);
        }
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(maxHeap, "maxHeap");
        if (!HEAP_SIZE.matcher(maxHeap).matches()) {
            throw new IllegalArgumentException("maxHeap must be a JVM heap size such as 512m or 1g, was '" + maxHeap + "'");
        }
    }

    /** Ports 9092 and 9093, keeping existing data, 512 MB heap. */
    public static BrokerSettings defaults(Path dataDir) {
        return new BrokerSettings(DEFAULT_PORT, DEFAULT_CONTROLLER_PORT, dataDir, false, DEFAULT_MAX_HEAP);
    }

    /** Free ports and a new temporary data directory, for tests. The caller deletes the directory. */
    public static BrokerSettings ephemeral() {
        int[] ports = Ports.freePorts(2);
        try {
            return new BrokerSettings(ports[0], ports[1], Files.createTempDirectory("flyt-kafka-"), true, DEFAULT_MAX_HEAP);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory for the Kafka broker", e);
        }
    }

    public BrokerSettings withPort(int port) {
        return new BrokerSettings(port, controllerPort, dataDir, fresh, maxHeap);
    }

    public BrokerSettings withControllerPort(int controllerPort) {
        return new BrokerSettings(port, controllerPort, dataDir, fresh, maxHeap);
    }

    public BrokerSettings withDataDir(Path dataDir) {
        return new BrokerSettings(port, controllerPort, dataDir, fresh, maxHeap);
    }

    public BrokerSettings withFresh(boolean fresh) {
        return new BrokerSettings(port, controllerPort, dataDir, fresh, maxHeap);
    }

    public BrokerSettings withMaxHeap(String maxHeap) {
        return new BrokerSettings(port, controllerPort, dataDir, fresh, maxHeap);
    }

    void requirePortsFree() {
        Ports.requireFree(port, "Kafka broker", PORT_OPTION);
        Ports.requireFree(controllerPort, "Kafka controller", CONTROLLER_PORT_OPTION);
    }
}
