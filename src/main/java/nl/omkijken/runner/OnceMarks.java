package nl.omkijken.runner;

import io.vertx.core.Future;

/**
 * Marks that make an effect happen once across instances: the first to claim a key does it; a failed
 * attempt releases the key for the retry. A mark expires (a day), so a claim whose holder died
 * mid-effect is not held for ever. Implemented in store/redis.
 */
public interface OnceMarks {
    /** True for the first claim of {@code key}. */
    Future<Boolean> claim(String key);

    Future<Void> release(String key);

    /** Whether {@code key} is claimed (and not released or expired). */
    Future<Boolean> isSet(String key);
}
