package no.flyt.streams.query;

/**
 * The numbers cannot be answered right now, but will be: the app is starting, restoring or rebalancing, or the instance
 * that hosts a region did not answer. The API says 503 with a time to retry after, never an old or partial number.
 */
public final class UnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnavailableException(String message) {
        super(message);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
