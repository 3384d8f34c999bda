package nl.omkijken.console;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;

/**
 * Signed-in console sessions, shared by every instance (a worker's next request may reach another one),
 * and the count of failed sign-ins that locks a name for a while. Implemented in store/redis, where
 * only a hash of each session id is kept: a copy of Redis does not sign anyone in.
 */
public interface ConsoleSessions {
    /**
     * A signed-in session.
     *
     * @param csrf       the token every state-changing request of this session must carry
     * @param signedInAt for the absolute timeout
     */
    record Session(String workerId, String csrf, Instant signedInAt) {}

    /** Keeps a new session under {@code id}; it lives {@code idle} unless used. */
    Future<Void> create(String id, Session session, Duration idle);

    /** The session of {@code id}, its idle time renewed; null when there is none (signed out, expired). */
    Future<Session> touch(String id, Duration idle);

    /** The session of {@code id} without renewing it (a live feed that is open is not a worker at work). */
    Future<Session> peek(String id);

    /** Ends the session of {@code id} (sign-out). */
    Future<Void> delete(String id);

    /** Counts a sign-in attempt under {@code key}, atomically; returns the count within {@code window}. */
    Future<Long> failed(String key, Duration window);

    /** The failed sign-ins under {@code key} within the current window. */
    Future<Long> failures(String key);

    /** Takes one attempt back under {@code key} (a successful sign-in counted before its check). */
    Future<Void> forgive(String key);

    /** Forgets the failed sign-ins under {@code key} (after a successful one). */
    Future<Void> clearFailures(String key);
}
