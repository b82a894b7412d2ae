package no.flyt.folkeregister.fake;

import java.nio.file.Path;

/**
 * A register in the feed's shape, as {@code flyt generate --format folkeregister} writes it and the fake Folkeregister
 * serves it: JSON Lines, line N of the three event files belonging to sequence number N.
 */
public record FeedFiles(Path directory) {

    /** Where an event set's feed-shaped twin is written: a subdirectory of the event set. */
    public static final String SUBDIRECTORY = "folkeregister";

    /** Feed entries (LagretHendelseMedDokumentIdentifikatorer), sequence numbers from 1. */
    public Path feed() {
        return directory.resolve("feed.jsonl");
    }

    /** Event documents (DokumentForHendelse), one per feed entry. */
    public Path eventDocuments() {
        return directory.resolve("hendelser.jsonl");
    }

    /** Person documents (Folkeregisterperson as after the event), one per feed entry. */
    public Path personDocuments() {
        return directory.resolve("personer.jsonl");
    }

    /** The register's extract on the extract date: {foedselsEllerDNummer, folkeregisterperson} per resident. */
    public Path extract() {
        return directory.resolve("uttrekk.jsonl");
    }

    /** The side input of statistical attributes: {foedselsEllerDNummer, validFrom, …} per version. */
    public Path attributes() {
        return directory.resolve("attributter.jsonl");
    }

    /** Counts and the extract date. */
    public Path manifest() {
        return directory.resolve("manifest.json");
    }

    public static FeedFiles of(Path eventSetOrFeedDirectory) {
        Path sub = eventSetOrFeedDirectory.resolve(SUBDIRECTORY);
        return new FeedFiles(java.nio.file.Files.isDirectory(sub) ? sub : eventSetOrFeedDirectory);
    }
}
