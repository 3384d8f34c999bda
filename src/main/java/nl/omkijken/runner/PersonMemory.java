package nl.omkijken.runner;

import io.vertx.core.Future;
import java.util.Map;

/**
 * What is kept on the person beyond one conversation (issue 12: memory on the person, not the dialog):
 * the language they write in ({@code language}), and what a dialog's collect step marks with
 * {@code remember:} (the planned absence, {@code absent_until}). A new conversation of the person reads
 * it; it lives and expires with the person's record. Implemented in store/redis.
 */
public interface PersonMemory {
    /** What is kept of the person behind an address key; empty when nothing (or the person is gone). */
    Future<Map<String, String>> recall(String addressKey);

    /** Keeps these facts on the person behind the address key; a person who is gone is not made again. */
    Future<Void> remember(String addressKey, Map<String, String> facts);

    PersonMemory NONE = new PersonMemory() {
        @Override
        public Future<Map<String, String>> recall(String addressKey) {
            return Future.succeededFuture(Map.of());
        }

        @Override
        public Future<Void> remember(String addressKey, Map<String, String> facts) {
            return Future.succeededFuture();
        }
    };
}
