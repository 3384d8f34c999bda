package nl.omkijken.store.redis;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import nl.omkijken.runner.DailyFigures;

/**
 * A line's day in Redis: a hash of counts ({@code omk:figures:LINE:DAY}) and a list of the waits of
 * those taken over, in seconds ({@code omk:figures:LINE:DAY:waits}, at most {@link #MAX_WAITS}); both
 * kept {@link #KEPT} (a year's figures, with the same days of the year before at hand).
 */
public final class RedisDailyFigures implements DailyFigures {
    static final Duration KEPT = Duration.ofDays(400);
    /** More people taken over in a day than any of our lines has; beyond it the percentiles are of the first. */
    static final int MAX_WAITS = 10_000;

    private static final LuaScript COUNT = LuaScript.load("count_figure");
    /** The prefix of a referral's count among the day's counts. */
    static final String REFERRAL = "referral:";
    private final RedisConnection redis;

    public RedisDailyFigures(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<Void> count(String line, LocalDate day, Count what, Duration waited) {
        // One script: a count (and a wait) never stays without its expiry.
        boolean callback = what == Count.CALLBACK_REACHED || what == Count.CALLBACK_GAVE_UP;
        boolean timed = waited != null && (what == Count.TAKEN || callback);
        return increment(RedisKeys.figures(line, day), callback ? RedisKeys.figureCallbacks(line, day) : RedisKeys.figureWaits(line, day),
                what.id(), timed ? String.valueOf(Math.max(0, waited.toSeconds())) : "");
    }

    @Override
    public Future<Void> referred(String line, LocalDate day, String referral) {
        // A field of the day's counts hash: the referrals' ids are the organisation's data (dialogs/referrals.yaml).
        return increment(RedisKeys.figures(line, day), RedisKeys.figureWaits(line, day), REFERRAL + referral, "");
    }

    /** One field of a day's counts up by one, and a duration ("" for none) onto the day's list, each with the day's expiry. */
    private Future<Void> increment(String counts, String list, String field, String seconds) {
        return RedisConversationStore.guarded(() -> redis.toFuture(COUNT.run(redis.commands(), io.lettuce.core.ScriptOutputType.INTEGER,
                new String[] {counts, list}, new String[] {field, String.valueOf(KEPT.toMillis()), seconds,
                        String.valueOf(MAX_WAITS)})).mapEmpty());
    }

    @Override
    public Future<List<Day>> days(String line, LocalDate from, int days) {
        List<Future<Day>> each = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            LocalDate date = from.plusDays(i);
            each.add(redis.toFuture(redis.commands().hgetall(RedisKeys.figures(line, date)))
                    .compose(counts -> redis.toFuture(redis.commands().lrange(RedisKeys.figureWaits(line, date), 0, -1))
                            .compose(waits -> redis.toFuture(redis.commands().lrange(RedisKeys.figureCallbacks(line, date), 0, -1))
                                    .map(callbacks -> day(date, counts, waits, callbacks)))));
        }
        return Future.all(each).map(done -> {
            List<Day> out = new ArrayList<>();
            for (Future<Day> f : each) out.add(f.result());
            return out;
        });
    }

    private static Day day(LocalDate date, Map<String, String> stored, List<String> waits, List<String> callbacks) {
        Map<Count, Long> counts = new EnumMap<>(Count.class);
        for (Count c : Count.values()) {
            String v = stored == null ? null : stored.get(c.id());
            if (v != null && v.matches("\\d{1,18}")) counts.put(c, Long.parseLong(v));
        }
        Map<String, Long> referrals = new java.util.TreeMap<>();
        if (stored != null) stored.forEach((field, v) -> {
            if (field.startsWith(REFERRAL) && field.length() > REFERRAL.length() && v != null && v.matches("\\d{1,18}")) {
                referrals.put(field.substring(REFERRAL.length()), Long.parseLong(v));
            }
        });
        return new Day(date, counts, seconds(waits), seconds(callbacks), referrals);
    }

    /** Durations stored as whole seconds; anything else in the list is skipped. */
    static List<Long> seconds(List<String> stored) {
        List<Long> seconds = new ArrayList<>();
        for (String w : stored == null ? List.<String>of() : stored) if (w.matches("\\d{1,12}")) seconds.add(Long.parseLong(w));
        return seconds;
    }
}
