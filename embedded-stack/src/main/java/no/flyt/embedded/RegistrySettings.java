package no.flyt.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run the embedded Apicurio Registry. Its schemas are kept in an H2 database in the work dir.
 *
 * @param port    the HTTP port on 127.0.0.1
 * @param workDir the registry process's working directory, which holds registry.log
 */
public record RegistrySettings(int port, Path workDir) {

    public static final int DEFAULT_PORT = 8081;

    /** The command-line option that chooses the port, named in "port in use" messages. */
    static final String PORT_OPTION = "--registry-port";

    public RegistrySettings {
        Ports.requireValid(port, "schema registry");
        Objects.requireNonNull(workDir, "workDir");
    }

    /** Port 8081. */
    public static RegistrySettings defaults(Path workDir) {
        return new RegistrySettings(DEFAULT_PORT, workDir);
    }

    /** A free port and a new temporary working directory, for tests. The caller deletes the directory. */
    public static RegistrySettings ephemeral() {
        try {
            return new RegistrySettings(Ports.freePort(), Files.createTempDirectory("flyt-registry-"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory for the schema registry", e);
        }
    }

    public RegistrySettings withPort(int port) {
        return new RegistrySettings(port, workDir);
    }

    public RegistrySettings withWorkDir(Path workDir) {
        return new RegistrySettings(port, workDir);
    }

    void requirePortFree() {
        Ports.requireFree(port, "schema registry", PORT_OPTION);
    }
}
