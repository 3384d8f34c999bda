package nl.omkijken.console;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import nl.omkijken.engine.SpokenTime;
import nl.omkijken.runner.DutchTime;
import nl.omkijken.runner.LineHours;
import nl.omkijken.runner.Periodic;
import nl.omkijken.shifts.Shift;
import nl.omkijken.shifts.Shifts;

/**
 * The opening hours as the people on duty make them true. A line whose coordinators plan its shifts in
 * the roster (any shift of the line from a week back to two weeks ahead) is open within its hours only
 * while someone is there: a worker of the line with the console open, or a planned shift. Otherwise a
 * person who asks for a human hears the line's closed text ("we zijn er weer vandaag om 18:00", from the
 * next shift) instead of the promise that someone will answer, and a crisis alerts the on-call
 * coordinator. A line without planned shifts keeps its hours alone: the roster is not everyone's way of
 * working, and the on-call alert already covers a crisis nobody online can read.
 *
 * <p>Who is online and the shifts are read every {@link #every()} on each instance (a turn reads them from
 * memory, never from Redis); whether a shift covers a moment is worked out at the turn's own time.
 */
public final class StaffedHours implements LineHours, Periodic {
    /** How far back a shift shows that a line's coordinators plan shifts. */
    static final Duration ROSTER_BACK = Duration.ofDays(7);
    /** How far ahead the next shift is looked for. */
    static final Duration ROSTER_AHEAD = Duration.ofDays(14);

    private final LineHours hours;
    private final Workers workers;
    private final Presence presence;
    private final Shifts shifts;
    private final Collection<String> lines;
    private final Clock clock;
    private final Duration every;
    private final AtomicReference<Map<String, LineNow>> now = new AtomicReference<>(Map.of());

    /**
     * One line as last read.
     *
     * @param shifts the line's shifts from a week back to two weeks ahead (none: the line does not plan shifts)
     * @param online whether a worker of the line had the console open
     */
    record LineNow(List<Shift> shifts, boolean online) {}

    public StaffedHours(LineHours hours, Workers workers, Presence presence, Shifts shifts, Collection<String> lines, Clock clock,
                        Duration every) {
        this.hours = hours;
        this.workers = workers;
        this.presence = presence;
        this.shifts = shifts;
        this.lines = List.copyOf(lines);
        this.clock = clock;
        this.every = every;
    }

    @Override
    public String name() {
        return "staffed-hours";
    }

    @Override
    public Duration every() {
        return every;
    }

    @Override
    public Future<Void> begin() {
        // A first read that fails leaves the hours alone until the next round.
        return runOnce().<Void>mapEmpty().otherwiseEmpty();
    }

    @Override
    public Future<?> runOnce() {
        Instant at = clock.instant();
        return workers.all().compose(all -> presence.online(at, InboxView.ONLINE_WITHIN)
                .compose(seen -> shifts.between(at.minus(ROSTER_BACK), at.plus(ROSTER_AHEAD), at).map(planned -> {
                    Map<String, LineNow> read = new HashMap<>();
                    Set<String> online = seen.keySet();
                    for (String line : lines) {
                        boolean someone = all.stream().anyMatch(w -> w.active() && online.contains(w.id()) && w.servesAnyOf(line));
                        read.put(line, new LineNow(planned.stream().filter(s -> s.line().equals(line)).toList(), someone));
                    }
                    now.set(Map.copyOf(read));
                    return read.size();
                })));
    }

    @Override
    public Map<String, String> facts(String line, Instant at, String language) {
        Map<String, String> base = hours.facts(line, at, language);
        LineNow n = line == null ? null : now.get().get(line);
        if (n == null || n.shifts().isEmpty() || n.online() || "false".equals(base.get("line_open"))) return base;
        if (n.shifts().stream().anyMatch(s -> s.covers(at))) return base;
        Instant next = n.shifts().stream().map(Shift::start).filter(s -> s.isAfter(at)).min(Instant::compareTo).orElse(null);
        String when = next != null ? SpokenTime.describe(next.atZone(DutchTime.ZONE), at.atZone(DutchTime.ZONE), language)
                : "en".equals(language) ? "at a time not yet planned" : "op een moment dat nog niet bekend is";
        return Map.of("line_open", "false", "opens_at", when);
    }
}
