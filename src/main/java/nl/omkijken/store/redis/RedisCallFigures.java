package nl.omkijken.store.redis;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import nl.omkijken.runner.CallFigures;
import nl.omkijken.runner.DutchTime;

/**
 * A line's calls of a day in Redis: a hash of counts per kind and hour ({@code omk:calls:LINE:DAY}, fields such as
 * {@code offered:14}), the waits of the answered ({@code ...:waits}) and the talks' lengths ({@code ...:talks}), in
 * seconds, at most {@link RedisDailyFigures#MAX_WAITS} each; all kept as long as the daily figures. One script per count
 * (the figures' own): a count never stays without its expiry.
 */
public final class RedisCallFigures implements CallFigures {
    private static final LuaScript COUNT = LuaScript.load("count_figure");
    private final RedisConnection redis;

    public RedisCallFigures(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<Void> count(String line, Instant at, Kind kind, Duration took) {
        ZonedDateTime local = at.atZone(DutchTime.ZONE);
        LocalDate day = local.toLocalDate();
        String list = kind == Kind.TALK ? RedisKeys.callTalks(line, day) : RedisKeys.callWaits(line, day);
        // Only the answered's waits are a figure of their own; an abandoned call's wait is in its count.
        boolean timed = took != null && (kind == Kind.ANSWERED || kind == Kind.TALK);
        return RedisConversationStore.guarded(() -> redis.toFuture(COUNT.run(redis.commands(), io.lettuce.core.ScriptOutputType.INTEGER,
                new String[] {RedisKeys.calls(line, day), list},
                new String[] {kind.id() + ":" + local.getHour(), String.valueOf(RedisDailyFigures.KEPT.toMillis()),
                        timed ? String.valueOf(Math.max(0, took.toSeconds())) : "", String.valueOf(RedisDailyFigures.MAX_WAITS)}))
                .mapEmpty());
    }

    @Override
    public Future<List<Day>> days(String line, LocalDate from, int days) {
        List<Future<Day>> each = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            LocalDate date = from.plusDays(i);
            each.add(redis.toFuture(redis.commands().hgetall(RedisKeys.calls(line, date)))
                    .compose(counts -> redis.toFuture(redis.commands().lrange(RedisKeys.callWaits(line, date), 0, -1))
                            .compose(waits -> redis.toFuture(redis.commands().lrange(RedisKeys.callTalks(line, date), 0, -1))
                                    .map(talks -> day(date, counts, waits, talks)))));
        }
        return Future.all(each).map(done -> {
            List<Day> out = new ArrayList<>();
            for (Future<Day> f : each) out.add(f.result());
            return out;
        });
    }

    private static Day day(LocalDate date, Map<String, String> stored, List<String> waits, List<String> talks) {
        Map<Kind, long[]> byHour = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) byHour.put(k, new long[24]);
        if (stored != null) {
            for (Map.Entry<String, String> e : stored.entrySet()) {
                String[] parts = e.getKey().split(":");
                if (parts.length != 2 || !parts[1].matches("\\d{1,2}") || !e.getValue().matches("\\d{1,18}")) continue;
                int hour = Integer.parseInt(parts[1]);
                Kind kind = null;
                for (Kind k : Kind.values()) if (k.id().equals(parts[0])) kind = k;
                if (kind == null || hour > 23) continue;
                byHour.get(kind)[hour] += Long.parseLong(e.getValue());
            }
        }
        return new Day(date, byHour, RedisDailyFigures.seconds(waits), RedisDailyFigures.seconds(talks));
    }
}
