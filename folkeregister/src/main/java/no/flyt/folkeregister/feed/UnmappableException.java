package no.flyt.folkeregister.feed;

/** A feed document flyt cannot turn into a register event: it goes to the dead-letter topic with this message. */
public final class UnmappableException extends RuntimeException {

    public UnmappableException(String message) {
        super(message);
    }
}
