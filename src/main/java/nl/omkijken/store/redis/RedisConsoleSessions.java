package nl.omkijken.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import nl.omkijken.console.ConsoleSessions;

/**
 * Console sessions in Redis ({@code omk:console:session:H}, H = SHA-256 of the session id: the id itself,
 * which signs a browser in, is never stored) with their idle time as TTL, and failed sign-ins per name
 * ({@code omk:console:signin:H}) with the lockout window as TTL.
 */
public final class RedisConsoleSessions implements ConsoleSessions {
    private static final LuaScript TOUCH = LuaScript.load("touch_session");
    private static final LuaScript CREATE = LuaScript.load("create_session");
    private static final LuaScript COUNT = LuaScript.load("count_attempt");
    private static final LuaScript FORGIVE = LuaScript.load("forgive_attempt");

    private final RedisConnection redis;

    public RedisConsoleSessions(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<Void> create(String id, Session s, Duration idle) {
        return redis.toFuture(CREATE.run(redis.commands(), ScriptOutputType.INTEGER,
                new String[] {RedisKeys.consoleSession(sha256(id))}, Long.toString(idle.toMillis()), "worker", s.workerId(),
                "csrf", s.csrf(), "at", s.signedInAt().toString())).mapEmpty();
    }

    @Override
    public Future<Session> touch(String id, Duration idle) {
        return redis.<List<Object>>toFuture(TOUCH.run(redis.commands(), ScriptOutputType.MULTI,
                new String[] {RedisKeys.consoleSession(sha256(id))}, Long.toString(idle.toMillis()))).map(fields -> {
            if (fields == null || fields.isEmpty()) return null;
            java.util.Map<String, String> f = new java.util.HashMap<>();
            for (int i = 0; i + 1 < fields.size(); i += 2) f.put(String.valueOf(fields.get(i)), String.valueOf(fields.get(i + 1)));
            if (f.get("worker") == null || f.get("csrf") == null || f.get("at") == null) return null;
            return new Session(f.get("worker"), f.get("csrf"), Instant.parse(f.get("at")));
        });
    }

    @Override
    public Future<Session> peek(String id) {
        return redis.toFuture(redis.commands().hgetall(RedisKeys.consoleSession(sha256(id)))).map(f -> {
            if (f == null || f.get("worker") == null || f.get("csrf") == null || f.get("at") == null) return null;
            return new Session(f.get("worker"), f.get("csrf"), Instant.parse(f.get("at")));
        });
    }

    @Override
    public Future<Void> delete(String id) {
        return redis.toFuture(redis.commands().del(RedisKeys.consoleSession(sha256(id)))).mapEmpty();
    }

    @Override
    public Future<Long> failed(String key, Duration window) {
        return redis.toFuture(COUNT.run(redis.commands(), ScriptOutputType.INTEGER,
                new String[] {RedisKeys.signInFailures(sha256(key))}, Long.toString(window.toMillis())));
    }

    @Override
    public Future<Void> forgive(String key) {
        return redis.toFuture(FORGIVE.run(redis.commands(), ScriptOutputType.INTEGER,
                new String[] {RedisKeys.signInFailures(sha256(key))})).mapEmpty();
    }

    @Override
    public Future<Long> failures(String key) {
        return redis.toFuture(redis.commands().get(RedisKeys.signInFailures(sha256(key))))
                .map(v -> v == null ? 0L : Long.parseLong(v));
    }

    @Override
    public Future<Void> clearFailures(String key) {
        return redis.toFuture(redis.commands().del(RedisKeys.signInFailures(sha256(key)))).mapEmpty();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JVM without SHA-256", e);
        }
    }
}
