package nl.omkijken.store.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import nl.omkijken.people.Address;
import nl.omkijken.people.AddressKeys;
import nl.omkijken.people.IdSource;
import nl.omkijken.people.People;

/**
 * People and their addresses in Redis: the address index ({@link RedisKeys#address}, by the address's
 * HMAC key) and the person's record ({@link RedisKeys#person}), the one place an address is stored.
 *
 * <p>A first message from an address makes its person (or finds the person by their phone number on
 * another channel), the index entry and the conversation's meta, in one script; the inbound queue does
 * the same in its offer script ({@link RedisInboundQueue}), so a webhook costs one round trip as before.
 */
public final class RedisPeople implements People {
    private static final LuaScript RESOLVE = LuaScript.load("resolve_address", "lib_people");

    private final RedisConnection redis;
    private final AddressKeys keys;
    private final IdSource ids;
    private final Clock clock;
    private final String retentionMillis;

    public RedisPeople(RedisConnection redis, AddressKeys keys, IdSource ids, Clock clock, Duration retention) {
        this.redis = Objects.requireNonNull(redis);
        this.keys = Objects.requireNonNull(keys, "address keys must be given");
        this.ids = Objects.requireNonNull(ids, "id source must be given");
        this.clock = Objects.requireNonNull(clock);
        if (retention == null || retention.toMillis() <= 0) {
            throw new IllegalArgumentException("retention must be positive, was " + retention);
        }
        this.retentionMillis = Long.toString(retention.toMillis());
    }

    /** The clock people are made by (their record's "created"). */
    java.time.Clock clock() {
        return clock;
    }

    public AddressKeys keys() {
        return keys;
    }

    @Override
    public Future<Known> resolve(Address address) {
        return RedisConversationStore.guarded(() -> {
            Scripted s = scripted(address);
            List<String> args = new ArrayList<>();
            args.add(s.hinted() ? "1" : "0");
            args.addAll(s.args());
            return redis.<List<Object>>toFuture(RESOLVE.run(redis.commands(), ScriptOutputType.MULTI,
                            new String[] {s.index(), s.personIndex()}, args.toArray(new String[0])))
                    .map(r -> new Known(String.valueOf(r.get(1)), String.valueOf(r.get(0)), s.addressKey()));
        });
    }

    @Override
    public Future<Known> find(Address address) {
        return RedisConversationStore.guarded(() -> {
            String key = keys.keyOf(address);
            return redis.toFuture(redis.commands().hmget(RedisKeys.address(key), "person", "conv")).map(values -> {
                String person = value(values, 0);
                String conv = value(values, 1);
                return conv == null ? null : new Known(person, conv, key);
            });
        });
    }

    private static String value(List<KeyValue<String, String>> values, int i) {
        return i < values.size() && values.get(i).hasValue() ? values.get(i).getValue() : null;
    }

    /**
     * What the scripts need to find or make an address's conversation: its keys, and the arguments of
     * lib_people.lua's addressArgs (fresh ids are made every time; the script uses them only for a new
     * address).
     *
     * @param personIndex the person-hint index key, or the address index again when there is no hint
     */
    record Scripted(String addressKey, String index, String personIndex, boolean hinted, List<String> args) {
        /** The arguments hold the reply-to (a phone number): never in a log line. */
        @Override
        public String toString() {
            return "Scripted[" + addressKey + "]";
        }
    }

    @Override
    public Future<Person> ofAddressKey(String addressKey) {
        return redis.toFuture(redis.commands().hget(RedisKeys.address(addressKey), "person")).compose(personId -> {
            if (personId == null) return Future.succeededFuture(null);
            return redis.toFuture(redis.commands().hgetall(RedisKeys.person(personId))).map(fields -> {
                if (fields == null || fields.isEmpty()) return null;
                java.util.Map<String, String> addresses = new java.util.LinkedHashMap<>();
                java.util.Map<String, String> conversations = new java.util.LinkedHashMap<>();
                fields.forEach((k, v) -> {
                    if (k.startsWith("a:")) addresses.put(k.substring(2), v);
                    else if (k.startsWith("c:")) conversations.put(k.substring(2), v);
                });
                return new Person(personId, addresses, conversations);
            });
        });
    }

    Scripted scripted(Address address) {
        Objects.requireNonNull(address, "address must be given");
        String key = keys.keyOf(address);
        String hint = personHint(address);
        String index = RedisKeys.address(key);
        String personIndex = hint == null ? index : RedisKeys.address(keys.keyOf(hint));
        List<String> args = List.of(key, ids.next('p'), ids.next('c'), address.channel(), address.replyToOrHandle(),
                retentionMillis, Long.toString(clock.millis()), RedisKeys.PERSON_PREFIX, RedisKeys.CONVERSATION_KEY_PREFIX);
        return new Scripted(key, index, personIndex, hint != null, args);
    }

    /**
     * What tells the same person on another channel: their phone number ("phone:+31612345678") for the
     * channels that are phone numbers, none for the others (a Telegram chat, the sandbox).
     */
    static String personHint(Address address) {
        return switch (address.channel()) {
            case "sms", "whatsapp", "voice" -> address.handle().startsWith("+") ? "phone:" + address.handle() : null;
            default -> null;
        };
    }
}
