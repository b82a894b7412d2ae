package no.flyt.streams.regions;

/** A region asked for that does not exist, with what to ask instead. */
public final class UnknownRegionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownRegionException(String message) {
        super(message);
    }
}
