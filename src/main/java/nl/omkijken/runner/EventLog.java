package nl.omkijken.runner;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * The cross-instance record of what happened (turns, with their handoff changes), written by the
 * commits themselves and followed by every instance ({@link LiveEvents}), so a console on one instance
 * sees what another did. Bounded: old entries go, so a follower that falls far behind starts again from
 * the newest.
 */
public interface EventLog {

    /** One entry: its id (ordered) and its fields, "type" and "conversation" among them. */
    record Entry(String id, Map<String, String> fields) {
        public Entry {
            fields = Map.copyOf(fields);
        }

        public String type() { return fields.get("type"); }

        public String conversation() { return fields.get("conversation"); }
    }

    /** The newest entry's id, or "0-0" when there is none: where a new follower starts. */
    Future<String> latestId();

    /** Up to {@code max} entries after {@code id}, oldest first. */
    Future<List<Entry>> after(String id, int max);
}
