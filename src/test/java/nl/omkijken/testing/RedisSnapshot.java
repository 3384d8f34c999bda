package nl.omkijken.testing;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.PendingMessage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * All keys of a Redis as text, one JSON object per line, and back: what a release wrote, kept in the
 * repository as a fixture, so an upgrade of the key layout is tested on data the earlier release really
 * wrote (not on data a test made up in the new release's idea of the old layout).
 *
 * <p>Kept per key: type, time to live, contents; for a stream also its consumer groups, each with its
 * last delivered id and the pending entries per consumer (so a reply or message that was in flight when
 * the snapshot was taken is in flight again after loading). Not kept: delivery counts and idle times.
 */
public final class RedisSnapshot {
    private RedisSnapshot() {}

    /** Writes every key of the Redis at {@code url} to {@code file}, sorted by key. */
    public static void dump(String url, Path file) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            RedisCommands<String, String> r = c.sync();
            StringBuilder out = new StringBuilder();
            for (String key : RedisScan.keys(r)) out.append(entry(r, key).encode()).append('\n');
            Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            client.shutdown();
        }
    }

    private static JsonObject entry(RedisCommands<String, String> r, String key) {
        String type = r.type(key);
        JsonObject e = new JsonObject().put("key", key).put("type", type).put("pttl", r.pttl(key));
        switch (type) {
            case "string" -> e.put("value", r.get(key));
            case "hash" -> e.put("value", new JsonObject(new LinkedHashMap<>(r.hgetall(key))));
            case "list" -> e.put("value", new JsonArray(r.lrange(key, 0, -1)));
            case "set" -> e.put("value", new JsonArray(new ArrayList<>(new TreeSet<>(r.smembers(key)))));
            case "zset" -> {
                JsonArray v = new JsonArray();
                for (ScoredValue<String> s : r.zrangeWithScores(key, 0, -1)) {
                    v.add(new JsonArray().add(s.getValue()).add(s.getScore()));
                }
                e.put("value", v);
            }
            case "stream" -> {
                JsonArray entries = new JsonArray();
                for (StreamMessage<String, String> m : r.xrange(key, Range.create("-", "+"))) {
                    JsonArray fields = new JsonArray();
                    m.getBody().forEach((f, v) -> fields.add(f).add(v));
                    entries.add(new JsonArray().add(m.getId()).add(fields));
                }
                e.put("value", entries);
                JsonArray groups = new JsonArray();
                for (Object g : r.xinfoGroups(key)) {
                    Map<String, Object> info = pairs((List<?>) g);
                    String name = String.valueOf(info.get("name"));
                    JsonArray pending = new JsonArray();
                    for (PendingMessage p : r.xpending(key, name, Range.create("-", "+"), Limit.from(100_000))) {
                        pending.add(new JsonArray().add(p.getId()).add(p.getConsumer()));
                    }
                    groups.add(new JsonObject().put("name", name)
                            .put("lastDelivered", String.valueOf(info.get("last-delivered-id"))).put("pending", pending));
                }
                e.put("groups", groups);
            }
            default -> throw new IllegalStateException("cannot snapshot a " + type + " (key " + key + ")");
        }
        return e;
    }

    private static Map<String, Object> pairs(List<?> flat) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) m.put(String.valueOf(flat.get(i)), flat.get(i + 1));
        return m;
    }

    /** Writes the keys of {@code file} into the (empty) Redis at {@code url}. */
    public static void load(Path file, String url) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            RedisCommands<String, String> r = c.sync();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) restore(r, new JsonObject(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            client.shutdown();
        }
    }

    private static void restore(RedisCommands<String, String> r, JsonObject e) {
        String key = e.getString("key");
        switch (e.getString("type")) {
            case "string" -> r.set(key, e.getString("value"));
            case "hash" -> {
                Map<String, String> m = new LinkedHashMap<>();
                e.getJsonObject("value").forEach(f -> m.put(f.getKey(), String.valueOf(f.getValue())));
                r.hset(key, m);
            }
            case "list" -> r.rpush(key, strings(e.getJsonArray("value")));
            case "set" -> r.sadd(key, strings(e.getJsonArray("value")));
            case "zset" -> {
                for (Object o : e.getJsonArray("value")) {
                    JsonArray s = (JsonArray) o;
                    r.zadd(key, s.getDouble(1), s.getString(0));
                }
            }
            case "stream" -> restoreStream(r, key, e);
            default -> throw new IllegalArgumentException("unknown type in snapshot: " + e.getString("type"));
        }
        long pttl = e.getLong("pttl");
        if (pttl > 0) r.pexpire(key, pttl);
    }

    private static void restoreStream(RedisCommands<String, String> r, String key, JsonObject e) {
        for (Object o : e.getJsonArray("value")) {
            JsonArray entry = (JsonArray) o;
            JsonArray fields = entry.getJsonArray(1);
            Map<String, String> body = new LinkedHashMap<>();
            for (int i = 0; i + 1 < fields.size(); i += 2) body.put(fields.getString(i), fields.getString(i + 1));
            r.xadd(key, new XAddArgs().id(entry.getString(0)), body);
        }
        for (Object o : e.getJsonArray("groups", new JsonArray())) {
            JsonObject g = (JsonObject) o;
            String name = g.getString("name");
            r.xgroupCreate(XReadArgs.StreamOffset.from(key, "0"), name, XGroupCreateArgs.Builder.mkstream(true));
            JsonArray pending = g.getJsonArray("pending");
            if (!pending.isEmpty()) {
                // Deliver everything once, then move each pending entry to its consumer and acknowledge the
                // rest; finally put the group's cursor back where it was.
                r.xreadgroup(Consumer.from(name, "snapshot-loader"), XReadArgs.Builder.count(1_000_000),
                        XReadArgs.StreamOffset.lastConsumed(key));
                List<String> keep = new ArrayList<>();
                for (Object p : pending) {
                    JsonArray pe = (JsonArray) p;
                    keep.add(pe.getString(0));
                    r.xclaim(key, Consumer.from(name, pe.getString(1)), XClaimArgs.Builder.minIdleTime(0).justid(),
                            pe.getString(0));
                }
                List<String> rest = new ArrayList<>();
                for (PendingMessage p : r.xpending(key, Consumer.from(name, "snapshot-loader"), Range.create("-", "+"),
                        Limit.from(1_000_000))) {
                    if (!keep.contains(p.getId())) rest.add(p.getId());
                }
                if (!rest.isEmpty()) r.xack(key, name, rest.toArray(new String[0]));
                r.xgroupDelconsumer(key, Consumer.from(name, "snapshot-loader"));
            }
            r.xgroupSetid(XReadArgs.StreamOffset.from(key, g.getString("lastDelivered")), name);
        }
    }

    private static String[] strings(JsonArray a) {
        String[] s = new String[a.size()];
        for (int i = 0; i < s.length; i++) s[i] = String.valueOf(a.getValue(i));
        return s;
    }
}
