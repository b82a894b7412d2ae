package no.flyt.folkeregister.fake;

/** The fake's document ids, for tests that write feed files by hand. */
public final class FakeFolkeregisterIds {

    private FakeFolkeregisterIds() {
    }

    public static String eventDocument(long sequence) {
        return FeedStore.documentId(sequence, FeedStore.EVENT_DOCUMENT_KIND);
    }

    public static String personDocument(long sequence) {
        return FeedStore.documentId(sequence, FeedStore.PERSON_DOCUMENT_KIND);
    }
}
