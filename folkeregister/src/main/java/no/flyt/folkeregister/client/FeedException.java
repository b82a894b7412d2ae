package no.flyt.folkeregister.client;

import java.io.IOException;

/** A call to the feed that failed; {@code retriable} when trying again later may succeed. */
public final class FeedException extends IOException {

    private final boolean retriable;

    public FeedException(String message, boolean retriable) {
        super(message);
        this.retriable = retriable;
    }

    public boolean retriable() {
        return retriable;
    }
}
