package nl.omkijken.console;

import io.vertx.core.Future;
import java.util.List;

/**
 * Ready-made replies per line, in Dutch and English, that coordinators keep and workers pick from (and
 * may change before sending). Implemented in store/redis.
 */
public interface CannedReplies {
    int MAX_TITLE = 60;
    int MAX_TEXT = 1_600;

    record Canned(String id, String line, String title, String nl, String en) {}

    Future<List<Canned>> of(String line);

    Future<Void> put(Canned canned);

    /** @return whether there was one */
    Future<Boolean> delete(String line, String id);
}
