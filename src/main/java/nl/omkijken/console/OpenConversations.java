package nl.omkijken.console;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import nl.omkijken.runner.Conversation;
import nl.omkijken.runner.ConversationStore;

/** The conversations with an open handoff (waiting or with a worker), read for the inbox and for routing. */
final class OpenConversations {
    /** More open handoffs than a helpline has at once; the inbox says when it was cut. */
    static final int MAX_OPEN = 500;

    private final ConversationStore store;

    OpenConversations(ConversationStore store) {
        this.store = store;
    }

    /** Those still open when read (a handoff may close between the index and the record). */
    Future<Found> read() {
        return store.openHandoffs(MAX_OPEN).compose(ids -> {
            List<Future<Conversation>> loads = new ArrayList<>();
            for (String id : ids) loads.add(store.load(id));
            return Future.all(loads).map(done -> {
                List<Conversation> open = new ArrayList<>();
                for (Future<Conversation> f : loads) {
                    Conversation c = f.result();
                    if (c != null && c.handoff() != null && c.handoff().state().open()) open.add(c);
                }
                return new Found(open, ids.size() >= MAX_OPEN);
            });
        });
    }

    /** How many conversations {@code workerId} has now. */
    static int loadOf(String workerId, List<Conversation> open) {
        int n = 0;
        for (Conversation c : open) if (workerId.equals(c.handoff().owner())) n++;
        return n;
    }

    record Found(List<Conversation> conversations, boolean truncated) {}
}
