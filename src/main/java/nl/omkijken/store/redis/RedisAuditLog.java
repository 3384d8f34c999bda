package nl.omkijken.store.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.omkijken.console.AuditLog;

/**
 * The console's audit log: a stream ({@code omk:audit}) of ids and actions, capped, and trimmed after the
 * retention time like the other streams that name conversations (StreamTrim).
 */
public final class RedisAuditLog implements AuditLog {
    private final RedisConnection redis;

    public RedisAuditLog(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<Void> record(Entry e) {
        Map<String, String> fields = Map.of("at", e.at().toString(), "worker", e.workerId(), "action", e.action(),
                "target", e.target() == null ? "" : e.target());
        return redis.toFuture(redis.commands().xadd(RedisKeys.AUDIT,
                XAddArgs.Builder.maxlen(RedisKeys.AUDIT_MAX).approximateTrimming(), fields)).mapEmpty();
    }

    @Override
    public Future<Void> recordOnce(Entry e, java.time.Duration window) {
        String key = RedisKeys.auditSeen(RedisConsoleSessions.sha256(e.workerId() + "|" + e.action() + "|" + e.target()));
        return redis.toFuture(redis.commands().set(key, "1", io.lettuce.core.SetArgs.Builder.nx().px(window.toMillis())))
                .compose(ok -> "OK".equals(ok) ? record(e) : Future.succeededFuture());
    }

    @Override
    public Future<List<Entry>> latest(int max) {
        return redis.toFuture(redis.commands().xrevrange(RedisKeys.AUDIT, Range.create("-", "+"), Limit.from(Math.max(1, max))))
                .map(messages -> {
                    List<Entry> out = new ArrayList<>();
                    for (StreamMessage<String, String> m : messages) {
                        Map<String, String> b = m.getBody();
                        out.add(new Entry(Instant.parse(b.get("at")), b.get("worker"), b.get("action"), b.getOrDefault("target", "")));
                    }
                    return out;
                });
    }
}
