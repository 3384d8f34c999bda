package nl.omkijken.testing;

import java.util.List;
import nl.omkijken.runner.ConversationStore;
import nl.omkijken.runner.TranscriptEntry;

/** A conversation's stored transcript, as tests look at it. */
public final class Transcripts {
    private Transcripts() {}

    /** The transcript in order; empty when nothing is stored (or there is no conversation: null). */
    public static List<TranscriptEntry> of(ConversationStore store, String conversationId) {
        if (conversationId == null) return List.of();
        List<TranscriptEntry> t = Await.result(store.transcript(conversationId));
        return t == null ? List.of() : t;
    }

    /** How many entries go in {@code direction} ("in" or "out"). */
    public static long count(ConversationStore store, String conversationId, String direction) {
        return of(store, conversationId).stream().filter(e -> e.direction().equals(direction)).count();
    }
}
