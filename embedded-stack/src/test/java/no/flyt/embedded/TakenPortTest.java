package no.flyt.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TakenPortTest {

    @TempDir
    Path dir;

    @Test
    void freePortsAreDistinctAndBindable() throws IOException {
        int[] ports = Ports.freePorts(3);

        assertThat(ports).doesNotHaveDuplicates().hasSize(3);
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void requireFreeNamesThePortItsUseAndTheOption() throws IOException {
        try (ServerSocket taken = bindLoopback()) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> Ports.requireFree(port, "Kafka broker", "--broker-port"))
                    .isInstanceOf(EmbeddedStackException.class)
                    .hasMessage("port " + port + " (Kafka broker) is already in use on 127.0.0.1; choose another with --broker-port");
            assertThatThrownBy(() -> Ports.requireFree(port, "Kafka broker"))
                    .hasMessage("port " + port + " (Kafka broker) is already in use on 127.0.0.1; choose another port");
        }
    }

    @Test
    void requireFreeAcceptsAFreePort() {
        Ports.requireFree(Ports.freePort(), "Kafka broker");
    }

    @Test
    void takenBrokerPortFailsBeforeAnythingIsLaunched() throws IOException {
        int[] ports = Ports.freePorts(2);
        try (ServerSocket taken = bindLoopback()) {
            BrokerSettings broker = BrokerSettings.defaults(dir.resolve("kafka"))
                    .withPort(taken.getLocalPort())
                    .withControllerPort(ports[0]);
            RegistrySettings registry = RegistrySettings.defaults(dir.resolve("registry")).withPort(ports[1]);
            List<ProcessHandle> childrenBefore = children();

            assertThatThrownBy(() -> EmbeddedStack.start(broker, registry))
                    .isInstanceOf(EmbeddedStackException.class)
                    .hasMessage("port " + taken.getLocalPort()
                            + " (Kafka broker) is already in use on 127.0.0.1; choose another with --broker-port");
            assertThat(children()).isEqualTo(childrenBefore);
            assertThat(dir.resolve("kafka")).doesNotExist();
        }
    }

    @Test
    void takenControllerAndRegistryPortsNameTheirOptions() throws IOException {
        int[] ports = Ports.freePorts(2);
        try (ServerSocket taken = bindLoopback()) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(
                    BrokerSettings.defaults(dir).withPort(ports[0]).withControllerPort(port)))
                    .hasMessageContaining("port " + port + " (Kafka controller) is already in use")
                    .hasMessageEndingWith("choose another with --controller-port");
            assertThatThrownBy(() -> EmbeddedSchemaRegistry.start(RegistrySettings.defaults(dir).withPort(port)))
                    .hasMessageContaining("port " + port + " (schema registry) is already in use")
                    .hasMessageEndingWith("choose another with --registry-port");
            assertThatThrownBy(() -> EmbeddedStack.start(
                    BrokerSettings.defaults(dir).withPort(ports[0]).withControllerPort(ports[1]),
                    RegistrySettings.defaults(dir).withPort(port)))
                    .hasMessageEndingWith("choose another with --registry-port");
        }
    }

    @Test
    void settingsRejectClashingPorts() {
        assertThatThrownBy(() -> BrokerSettings.defaults(dir).withControllerPort(BrokerSettings.DEFAULT_PORT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must differ");
        assertThatThrownBy(() -> EmbeddedStack.start(BrokerSettings.defaults(dir), RegistrySettings.defaults(dir).withPort(9093)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9093");
    }

    private static ServerSocket bindLoopback() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    }

    private static List<ProcessHandle> children() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).collect(Collectors.toList());
    }
}
