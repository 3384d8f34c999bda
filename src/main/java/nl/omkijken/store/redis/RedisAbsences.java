package nl.omkijken.store.redis;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.omkijken.circle.Absence;
import nl.omkijken.circle.Absences;

/**
 * Staff-set absences in one hash ({@code omk:absences}: participant id to JSON), removed with the participant
 * ({@link RedisParticipants#remove}) or when a coordinator clears it; one that ended is dropped when read.
 */
public final class RedisAbsences implements Absences {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RedisAbsences.class);
    private final RedisConnection redis;

    public RedisAbsences(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<Absence> of(String participantId) {
        return redis.toFuture(redis.commands().hget(RedisKeys.ABSENCES, participantId)).map(json -> json == null ? null : decode(participantId, json));
    }

    @Override
    public Future<Map<String, Absence>> all() {
        return redis.toFuture(redis.commands().hgetall(RedisKeys.ABSENCES)).map(all -> {
            Map<String, Absence> out = new LinkedHashMap<>();
            if (all != null) all.forEach((id, json) -> {
                Absence a = decode(id, json);
                if (a != null) out.put(id, a);
            });
            return out;
        });
    }

    @Override
    public Future<Void> set(String participantId, Absence a) {
        String json = new JsonObject().put("from", a.from().toString()).put("until", a.until().toString()).put("by", a.by())
                .put("at", a.at().toEpochMilli()).encode();
        return redis.toFuture(redis.commands().hset(RedisKeys.ABSENCES, participantId, json)).mapEmpty();
    }

    @Override
    public Future<Boolean> clear(String participantId) {
        return redis.toFuture(redis.commands().hdel(RedisKeys.ABSENCES, participantId)).map(n -> n > 0);
    }

    private static Absence decode(String id, String json) {
        try {
            JsonObject o = new JsonObject(json);
            return new Absence(LocalDate.parse(o.getString("from")), LocalDate.parse(o.getString("until")), o.getString("by", ""),
                    Instant.ofEpochMilli(o.getLong("at", 0L)));
        } catch (RuntimeException e) {
            // Unreadable: as if none (the participant is called), and said.
            LOG.error("absence not readable, left out participant={} error={}", id, e.getClass().getSimpleName());
            return null;
        }
    }
}
