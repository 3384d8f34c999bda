package nl.omkijken.console;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import nl.omkijken.handoff.Handoff;
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

    record Found(List<Conversation> conversations, boolean truncated) {
        /** How many conversations each worker has now. */
        java.util.Map<String, Integer> loads() {
            java.util.Map<String, Integer> loads = new java.util.HashMap<>();
            for (Conversation c : conversations) if (c.handoff().owner() != null) loads.merge(c.handoff().owner(), 1, Integer::sum);
            return loads;
        }

        /** The waiting ones as routing sees them (a call-back not due yet says so), in no order. */
        List<NextConversation.Waiting> waiting(java.time.Instant now) {
            List<NextConversation.Waiting> out = new ArrayList<>();
            for (Conversation c : conversations) {
                Handoff h = c.handoff();
                if (h.state() != Handoff.State.WAITING) continue;
                out.add(new NextConversation.Waiting(c.id(), h.queue(), c.session().language(), h.urgent(), h.queueScore(),
                        h.requestedAt(), h.kind() == Handoff.Kind.CALLBACK, h.dueBy(now)));
            }
            return out;
        }
    }
}
