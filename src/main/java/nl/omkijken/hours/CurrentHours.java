package nl.omkijken.hours;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import nl.omkijken.runner.LineHours;
import nl.omkijken.runner.Periodic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The opening hours in force: those coordinators saved in the console, else the file's. Every instance
 * looks for a newer version every few seconds, so a change made on one is in force on all within that
 * time; the instance that saved applies it at once. Saved hours that no longer fit the dialogs (a line
 * was removed) are logged and the last good hours stay in force.
 */
public final class CurrentHours implements LineHours, Periodic {
    private static final Logger log = LoggerFactory.getLogger(CurrentHours.class);

    private final HoursStore store;
    private final Collection<String> lines;
    private final AtomicReference<State> state;

    private record State(OpeningHours hours, String yaml, long version, String source) {}

    /**
     * @param file     the hours of dialogs/hours.yaml (checked at start)
     * @param fileYaml its text ("" when there is no file), shown in the console until hours are saved there
     */
    public CurrentHours(HoursStore store, Collection<String> lines, OpeningHours file, String fileYaml) {
        this.store = store;
        this.lines = List.copyOf(lines);
        this.state = new AtomicReference<>(new State(file, fileYaml, 0, "file"));
    }

    public OpeningHours hours() {
        return state.get().hours();
    }

    /**
     * The version saved last (0: none), which a save must go over: also when those hours could not be put
     * in force here (no longer fitting the dialogs) or this instance has not read them yet.
     */
    public Future<Long> storedVersion() {
        return store.current().map(saved -> saved == null ? 0L : saved.version());
    }

    /** The text in force, where it came from ("file" or "console"), and its version (what a save goes over). */
    public Map<String, String> text() {
        State s = state.get();
        return Map.of("yaml", s.yaml(), "source", s.source(), "version", String.valueOf(s.version()));
    }

    /**
     * Checks and saves new hours; in force here at once, elsewhere within seconds.
     *
     * @throws OpeningHoursReader.Invalid with every problem, when the text is not valid hours
     */
    public Future<Void> save(String yaml, String by, Instant at, long over) {
        OpeningHours parsed = OpeningHoursReader.parseText(yaml, lines);
        return store.save(yaml, by, at, over).map(version -> {
            state.updateAndGet(s -> version > s.version() ? new State(parsed, yaml, version, "console") : s);
            return null;
        });
    }

    @Override
    public Map<String, String> facts(String line, Instant at, String language) {
        return hours().facts(line, at, language);
    }

    @Override
    public String name() {
        return "opening hours";
    }

    @Override
    public Duration every() {
        return Duration.ofSeconds(5);
    }

    @Override
    public Future<Void> begin() {
        return runOnce().mapEmpty();
    }

    @Override
    public Future<Boolean> runOnce() {
        return store.current().map(saved -> {
            if (saved == null || saved.version() <= state.get().version()) return false;
            try {
                OpeningHours parsed = OpeningHoursReader.parseText(saved.yaml(), lines);
                // Only forward: a read that started before this instance's own save must not put the older back.
                state.updateAndGet(s -> saved.version() > s.version() ? new State(parsed, saved.yaml(), saved.version(), "console") : s);
                log.info("opening hours version {} in force", saved.version());
                return true;
            } catch (OpeningHoursReader.Invalid e) {
                log.error("the opening hours saved in the console no longer fit the dialogs; the last good hours stay: {}",
                        e.problems());
                return false;
            }
        });
    }
}
