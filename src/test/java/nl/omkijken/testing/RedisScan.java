package nl.omkijken.testing;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a Redis holds, as text: each key's name and every piece of its contents (a string's value,
 * a hash's fields and values, list items, set and sorted-set members, each stream entry's id, fields and
 * values). For looking for what must not be there, such as a phone number.
 */
public final class RedisScan {
    /** One piece of text in Redis and where it is. */
    public record Piece(String key, String type, String part, String text) {
        @Override
        public String toString() {
            return key + " (" + type + ", " + part + ")";
        }
    }

    private RedisScan() {}

    public static List<Piece> all(String url) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            RedisCommands<String, String> r = c.sync();
            List<Piece> out = new ArrayList<>();
            for (String key : keys(r)) pieces(r, key, out);
            return out;
        } finally {
            client.shutdown();
        }
    }

    /** Every key, sorted (SCAN, so the server is not blocked). */
    static java.util.SortedSet<String> keys(RedisCommands<String, String> r) {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = r.scan(cursor, ScanArgs.Builder.limit(500));
            keys.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        return keys;
    }

    private static void pieces(RedisCommands<String, String> r, String key, List<Piece> out) {
        String type = r.type(key);
        out.add(new Piece(key, type, "key name", key));
        switch (type) {
            case "string" -> out.add(new Piece(key, type, "value", r.get(key)));
            case "hash" -> r.hgetall(key).forEach((f, v) -> {
                out.add(new Piece(key, type, "field", f));
                out.add(new Piece(key, type, "value of " + f, v));
            });
            case "list" -> r.lrange(key, 0, -1).forEach(v -> out.add(new Piece(key, type, "item", v)));
            case "set" -> r.smembers(key).forEach(v -> out.add(new Piece(key, type, "member", v)));
            case "zset" -> {
                for (ScoredValue<String> s : r.zrangeWithScores(key, 0, -1)) out.add(new Piece(key, type, "member", s.getValue()));
            }
            case "stream" -> {
                for (StreamMessage<String, String> m : r.xrange(key, Range.create("-", "+"))) {
                    out.add(new Piece(key, type, "entry id", m.getId()));
                    m.getBody().forEach((f, v) -> {
                        out.add(new Piece(key, type, "entry " + m.getId() + " field", f));
                        out.add(new Piece(key, type, "entry " + m.getId() + " " + f, v));
                    });
                }
            }
            default -> {
                // a key that expired between SCAN and TYPE ("none"): nothing in it
            }
        }
    }

    /** Every key's time to live in milliseconds (-1: none). */
    public static java.util.Map<String, Long> ttls(String url) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            RedisCommands<String, String> r = c.sync();
            java.util.Map<String, Long> out = new java.util.TreeMap<>();
            for (String key : keys(r)) out.put(key, r.pttl(key));
            return out;
        } finally {
            client.shutdown();
        }
    }

    /** The pieces that contain {@code needle}. */
    public static List<Piece> containing(List<Piece> pieces, String needle) {
        return pieces.stream().filter(p -> p.text() != null && p.text().contains(needle)).toList();
    }
}
