package no.flyt.streams.query;

/** An instance of the streams app, by the address of its query API ({@code application.server}). */
public record Instance(String host, int port) {

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
