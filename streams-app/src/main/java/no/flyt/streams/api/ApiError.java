package no.flyt.streams.api;

/** An HTTP error with a reason the caller can act on. */
public final class ApiError extends RuntimeException {

    private final int status;

    public ApiError(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
