package nl.omkijken.store.redis;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import nl.omkijken.people.AddressKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret the address index is keyed with, checked against the data at start.
 *
 * <p>Configured (ADDRESS_KEY): its fingerprint is stored with the data the first time, and a later
 * start with another secret is refused: it would find none of the people and quietly start everyone
 * anew. Not configured: a random secret is made once and kept in Redis ({@link RedisKeys#ADDRESS_KEY_SECRET}),
 * shared by every instance. That keeps phone numbers out of key names and logs, but whoever has a copy
 * of the data also has the secret, so production sets ADDRESS_KEY.
 */
public final class AddressSecret {
    private static final Logger log = LoggerFactory.getLogger(AddressSecret.class);

    private AddressSecret() {}

    /** The address keys to use; fails when the configured secret is not the one the data was written with. */
    public static Future<AddressKeys> load(RedisConnection redis, String configured) {
        Future<byte[]> secret = configured != null
                ? Future.succeededFuture(configured.getBytes(StandardCharsets.UTF_8))
                : kept(redis);
        return secret.compose(bytes -> {
            AddressKeys keys = new AddressKeys(bytes);
            String mine = keys.fingerprint();
            return redis.toFuture(redis.commands().setnx(RedisKeys.ADDRESS_KEY_FINGERPRINT, mine))
                    .compose(set -> redis.toFuture(redis.commands().get(RedisKeys.ADDRESS_KEY_FINGERPRINT)))
                    .compose(stored -> mine.equals(stored) ? Future.succeededFuture(keys)
                            : redis.toFuture(redis.commands().exists(RedisKeys.ADDRESS_KEY_SECRET))
                                    .compose(kept -> Future.failedFuture(new IllegalStateException(
                                            refusal(configured != null, kept > 0)))));
        });
    }

    /** Why the start stops, and what the operator does about it. */
    private static String refusal(boolean configured, boolean keptInRedis) {
        String why = " (with another key nobody would be found: every person would start anew)";
        if (configured && keptInRedis) {
            return "the data in Redis was written with the address key kept in Redis, made when ADDRESS_KEY was not set:"
                    + " leave ADDRESS_KEY unset for this data" + why;
        }
        if (configured) return "the data in Redis was written with another ADDRESS_KEY: set the one it was written with" + why;
        return "the data in Redis was written with an ADDRESS_KEY: set it again" + why;
    }

    private static Future<byte[]> kept(RedisConnection redis) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        return redis.toFuture(redis.commands().mget(RedisKeys.ADDRESS_KEY_SECRET, RedisKeys.ADDRESS_KEY_FINGERPRINT))
                .compose(stored -> {
                    if (!stored.get(0).hasValue() && stored.get(1).hasValue()) {
                        // Data written with a secret that is not here: ADDRESS_KEY was set then, or the kept
                        // secret was lost. A new one would find nobody.
                        return Future.failedFuture(new IllegalStateException("the data in Redis was written with an "
                                + "address key that is not configured (ADDRESS_KEY) nor kept in Redis: set ADDRESS_KEY "
                                + "to the one it was written with (with another key nobody would be found)"));
                    }
                    // SET NX: of instances starting together, the first one's secret is everyone's.
                    return redis.toFuture(redis.commands().setnx(RedisKeys.ADDRESS_KEY_SECRET,
                            HexFormat.of().formatHex(fresh)));
                })
                .compose(made -> {
                    if (made) log.warn("no ADDRESS_KEY set: made one and keep it in Redis; set ADDRESS_KEY to keep it apart from the data");
                    return redis.toFuture(redis.commands().get(RedisKeys.ADDRESS_KEY_SECRET));
                })
                .map(hex -> {
                    if (hex == null) throw new StoredDataException("address key secret", "missing right after it was made");
                    return HexFormat.of().parseHex(hex.trim());
                });
    }
}
