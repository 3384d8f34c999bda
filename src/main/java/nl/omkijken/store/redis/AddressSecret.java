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
                            : Future.failedFuture(new IllegalStateException("the data in Redis was written with another "
                                    + (configured != null ? "ADDRESS_KEY" : "address key (ADDRESS_KEY was set then)")
                                    + ": set the ADDRESS_KEY it was written with; with another one nobody would be found")));
        });
    }

    private static Future<byte[]> kept(RedisConnection redis) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        // SET NX: of instances starting together, the first one's secret is everyone's.
        return redis.toFuture(redis.commands().setnx(RedisKeys.ADDRESS_KEY_SECRET, HexFormat.of().formatHex(fresh)))
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
