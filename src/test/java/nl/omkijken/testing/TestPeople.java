package nl.omkijken.testing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import nl.omkijken.channels.AddressOptOut;
import nl.omkijken.people.Address;
import nl.omkijken.people.AddressKeys;
import nl.omkijken.people.IdSource;
import nl.omkijken.people.People;
import nl.omkijken.runner.OutboxDispatcher;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisPeople;

/** The real people index for tests, with a fixed test secret, and lookups a test can make in one line. */
public final class TestPeople {
    /** The secret of the test address keys (32 bytes). */
    public static final AddressKeys KEYS =
            new AddressKeys("test-address-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    private TestPeople() {}

    public static RedisPeople of(RedisConnection redis) {
        return new RedisPeople(redis, KEYS, IdSource.random(), Clock.systemUTC(), Duration.ofDays(180));
    }

    /** Opt-outs by address, over the real index. */
    public static AddressOptOut optOuts(RedisConnection redis, OutboxDispatcher.OptOuts optOuts) {
        return new AddressOptOut(of(redis), optOuts);
    }

    /** The conversation id of an address, or null when it never wrote. */
    public static String conversationOf(RedisConnection redis, String channel, String handle) {
        People.Known known = Await.result(of(redis).find(Address.of(channel, handle)));
        return known == null ? null : known.conversationId();
    }

    /** The conversation id of a sender "channel:handle" (e.g. "sms:+31612345678"), or null when it never wrote. */
    public static String conversationOf(RedisConnection redis, String sender) {
        int colon = sender.indexOf(':');
        return conversationOf(redis, sender.substring(0, colon), sender.substring(colon + 1));
    }

    /** The conversation of an address, made when new (as a first message makes it). */
    public static People.Known resolve(RedisConnection redis, Address address) {
        return Await.result(of(redis).resolve(address));
    }
}
