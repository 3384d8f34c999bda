package nl.omkijken.runner;

import io.vertx.core.Future;
import nl.omkijken.handoff.Handoff;

/**
 * A person's request for a human made in another of their conversations: a call-back asked for by text and asked after
 * by phone are two conversations of one person (their channels share the person by the phone number). When a request
 * is made, its conversation is kept on the person (memory {@code request_<line>}); a question about a request in a
 * conversation without one of its own looks it up here. Only such a question pays for the look-up: no other turn does.
 */
final class RequestElsewhere {
    private final PersonMemory memory;
    private final ConversationStore store;

    RequestElsewhere(PersonMemory memory, ConversationStore store) {
        this.memory = memory;
        this.store = store;
    }

    /** The person memory's name (a-z and _) for the conversation of their latest request on a line. */
    static String memoryName(String line) {
        String name = "request_" + String.valueOf(line).replaceAll("[^a-z_]", "_");
        // A memory name is at most 40 characters (RedisPersonMemory): a longer line id is cut, not the whole write lost.
        return name.length() > 40 ? name.substring(0, 40) : name;
    }

    /**
     * The handoff of the person's latest request on this line made in another conversation, or null (none, the same
     * conversation, or gone).
     */
    Future<Handoff> of(String addressKey, String line, String conversationId) {
        return memory.recall(addressKey).compose(m -> {
            String other = m.get(memoryName(line));
            if (other == null || other.equals(conversationId)) return Future.succeededFuture(null);
            return store.load(other).map(c -> c == null ? null : c.handoff());
        });
    }
}
