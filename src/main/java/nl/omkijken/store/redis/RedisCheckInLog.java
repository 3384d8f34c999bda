package nl.omkijken.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.omkijken.circle.CheckInLog;

/**
 * A participant's day as a list of JSON steps ({@code omk:checkins:DAY:ID}) and the day's participants as a set
 * ({@code omk:checkins:DAY}), kept 400 days for the coordinators' reports. Appended in one script, so a step
 * never stays without its expiry; two instances appending at once both land, in Redis's order.
 */
public final class RedisCheckInLog implements CheckInLog {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RedisCheckInLog.class);
    private static final LuaScript ADD = LuaScript.load("add_checkin_step");
    private static final LuaScript ERASE = LuaScript.load("erase_checkins");
    static final Duration KEPT = Duration.ofDays(400);

    private final RedisConnection redis;

    public RedisCheckInLog(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<Void> add(LocalDate day, String participantId, Entry entry) {
        String json = new JsonObject().put("at", entry.at().toEpochMilli()).put("step", entry.step().name())
                .put("detail", entry.detail()).encode();
        return RedisConversationStore.guarded(() -> redis.toFuture(ADD.run(redis.commands(), ScriptOutputType.INTEGER,
                new String[] {RedisKeys.checkins(day, participantId), RedisKeys.checkins(day)},
                new String[] {json, participantId, String.valueOf(KEPT.toMillis())})).mapEmpty());
    }

    @Override
    public Future<List<Entry>> of(LocalDate day, String participantId) {
        return redis.toFuture(redis.commands().lrange(RedisKeys.checkins(day, participantId), 0, -1)).map(RedisCheckInLog::decode);
    }

    @Override
    public Future<Map<String, List<Entry>>> day(LocalDate day) {
        return redis.toFuture(redis.commands().smembers(RedisKeys.checkins(day))).compose(ids -> {
            List<String> sorted = new ArrayList<>(ids == null ? List.of() : ids);
            java.util.Collections.sort(sorted);
            List<Future<List<Entry>>> each = new ArrayList<>();
            for (String id : sorted) each.add(of(day, id));
            return Future.all(each).map(done -> {
                Map<String, List<Entry>> out = new LinkedHashMap<>();
                for (int i = 0; i < sorted.size(); i++) out.put(sorted.get(i), each.get(i).result());
                return out;
            });
        });
    }

    @Override
    public Future<Integer> erase(String participantId, LocalDate today) {
        // Every day that can still be kept, and tomorrow (a step of a day that just began elsewhere).
        int days = (int) KEPT.toDays() + 2;
        String[] keys = new String[days * 2];
        for (int i = 0; i < days; i++) {
            LocalDate day = today.plusDays(1).minusDays(i);
            keys[2 * i] = RedisKeys.checkins(day, participantId);
            keys[2 * i + 1] = RedisKeys.checkins(day);
        }
        return RedisConversationStore.guarded(() -> redis.<Long>toFuture(ERASE.run(redis.commands(), ScriptOutputType.INTEGER, keys,
                new String[] {participantId})).map(Long::intValue));
    }

    private static List<Entry> decode(List<String> stored) {
        List<Entry> out = new ArrayList<>();
        if (stored == null) return out;
        for (String json : stored) {
            try {
                JsonObject o = new JsonObject(json);
                out.add(new Entry(Instant.ofEpochMilli(o.getLong("at")), Step.valueOf(o.getString("step")), o.getString("detail", "")));
            } catch (RuntimeException e) {
                // A step this version does not know (written by a newer one) or damaged: left out, the rest shown.
                LOG.warn("check-in step not readable, left out error={}", e.getClass().getSimpleName());
            }
        }
        return out;
    }
}
