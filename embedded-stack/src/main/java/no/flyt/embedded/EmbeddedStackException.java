package no.flyt.embedded;

/**
 * Thrown when the embedded broker or registry cannot be started: a port is taken, an artifact is missing
 * from the local Maven repository, or the child process did not become ready. The message says what to do.
 */
public class EmbeddedStackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EmbeddedStackException(String message) {
        super(message);
    }

    public EmbeddedStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
