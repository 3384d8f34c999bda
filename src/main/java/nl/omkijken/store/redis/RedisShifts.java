package nl.omkijken.store.redis;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import nl.omkijken.shifts.Shift;
import nl.omkijken.shifts.Shifts;

/**
 * Planned shifts in Redis: a record per shift ({@code omk:shift:ID}, gone 90 days after the shift's end)
 * and an index of ids by start ({@code omk:shifts}), from which shifts that old leave whenever it is read.
 */
public final class RedisShifts implements Shifts {
    private static final LuaScript ADD = LuaScript.load("add_shift");

    private final RedisConnection redis;

    public RedisShifts(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<String> add(Shift s) {
        return RedisConversationStore.guarded(() -> redis.<String>toFuture(ADD.run(redis.commands(), ScriptOutputType.VALUE,
                new String[] {RedisKeys.SHIFTS, RedisKeys.shift(s.id())},
                new String[] {s.id(), s.workerId(), s.line(), ms(s.start()), ms(s.end()), String.valueOf(Shift.MAX_LENGTH.toMillis()),
                        ms(s.end().plus(KEPT)), RedisKeys.SHIFT_PREFIX})));
    }

    @Override
    public Future<Boolean> remove(String id) {
        return redis.toFuture(redis.commands().zrem(RedisKeys.SHIFTS, id))
                .compose(n -> redis.toFuture(redis.commands().del(RedisKeys.shift(id))).map(d -> n > 0 || d > 0));
    }

    @Override
    public Future<Shift> byId(String id) {
        return redis.toFuture(redis.commands().hgetall(RedisKeys.shift(id))).map(f -> f == null || f.isEmpty() ? null : decode(id, f));
    }

    @Override
    public Future<List<Shift>> between(Instant from, Instant to, Instant now) {
        // What ended longer ago than shifts are kept leaves the index now (its record has expired). Counted
        // from now, never from what was asked: a look far ahead must not forget the shifts in between.
        long forgotten = now.minus(KEPT).minus(Shift.MAX_LENGTH).toEpochMilli();
        return redis.toFuture(redis.commands().zremrangebyscore(RedisKeys.SHIFTS, Range.create(Double.NEGATIVE_INFINITY, (double) forgotten)))
                .compose(n -> redis.toFuture(redis.commands().zrangebyscore(RedisKeys.SHIFTS, Range.from(
                        Range.Boundary.including((double) from.minus(Shift.MAX_LENGTH).toEpochMilli()),
                        Range.Boundary.excluding((double) to.toEpochMilli())))))
                .compose(ids -> {
                    List<Future<Shift>> each = new ArrayList<>();
                    for (String id : ids) each.add(byId(id));
                    return Future.all(each).map(done -> {
                        List<Shift> found = new ArrayList<>();
                        for (Future<Shift> f : each) {
                            Shift s = f.result();
                            if (s != null && s.overlaps(from, to)) found.add(s);
                        }
                        found.sort(Comparator.comparing(Shift::start).thenComparing(Shift::id));
                        return found;
                    });
                });
    }

    private static String ms(Instant t) {
        return String.valueOf(t.toEpochMilli());
    }

    private static Shift decode(String id, Map<String, String> f) {
        try {
            return new Shift(id, f.get("worker"), f.get("line"), Instant.ofEpochMilli(Long.parseLong(f.get("start"))),
                    Instant.ofEpochMilli(Long.parseLong(f.get("end"))));
        } catch (RuntimeException e) {
            throw new StoredDataException("shift", e.getClass().getSimpleName());
        }
    }
}
