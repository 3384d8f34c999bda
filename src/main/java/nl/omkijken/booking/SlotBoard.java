package nl.omkijken.booking;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import nl.omkijken.engine.Appointments;
import nl.omkijken.runner.Periodic;

/**
 * This instance's view of the slots and standing bookings ({@link SlotView}), which the engine reads during a turn. It
 * reloads when the stored version moved (every few seconds, and at once after a change made here), so a time staff add
 * is offered within seconds and a time booked elsewhere is rarely offered; when it is, the booking itself (atomic in the
 * store) says it was taken and the turn runs again without it.
 */
public final class SlotBoard implements Appointments, Periodic {
    private final Slots store;
    private final BookingRules rules;
    private final Clock clock;
    private final InviteLinks links;
    private final AtomicReference<Versioned> view;

    private record Versioned(long version, SlotView view) {}

    public SlotBoard(Slots store, BookingRules rules, Clock clock) {
        this(store, rules, clock, InviteLinks.NONE);
    }

    /** @param links where a booked talk's calendar invite is (said in the confirmation) */
    public SlotBoard(Slots store, BookingRules rules, Clock clock, InviteLinks links) {
        this.store = store;
        this.rules = rules;
        this.clock = clock;
        this.links = links;
        this.view = new AtomicReference<>(new Versioned(-1, SlotView.of(rules, List.of(), Map.of(), links)));
    }

    public BookingRules rules() {
        return rules;
    }

    @Override
    public List<Offer> free(String district, Instant now, String language, Set<String> leaveOut) {
        return view.get().view().free(district, now, language, leaveOut);
    }

    @Override
    public Offer find(String slotId, String conversationId, Instant now, String language) {
        return view.get().view().find(slotId, conversationId, now, language);
    }

    @Override
    public Instant reminderAt(String slotId, Instant now) {
        return view.get().view().reminderAt(slotId, now);
    }

    @Override
    public Held heldBy(String conversationId, Instant now, String language) {
        return view.get().view().heldBy(conversationId, now, language);
    }

    @Override
    public String invite(String conversationId, String slotId) {
        return links.of(conversationId, slotId);
    }

    @Override
    public String name() {
        return "bookable times";
    }

    @Override
    public Duration every() {
        return Duration.ofSeconds(5);
    }

    @Override
    public Future<Void> begin() {
        return runOnce().mapEmpty();
    }

    /** Reloads when the stored version moved; true when it did. */
    @Override
    public Future<Boolean> runOnce() {
        return store.version().compose(v -> v == view.get().version() ? Future.succeededFuture(false) : reload(v));
    }

    /** Reloads now (after a change made on this instance). */
    public Future<Void> refresh() {
        return store.version().compose(this::reload).mapEmpty();
    }

    private Future<Boolean> reload(long version) {
        Instant now = clock.instant();
        return store.from(now).compose(slots -> store.standing().map(standing -> {
            SlotView fresh = SlotView.of(rules, slots, standing, links);
            // Only forward: a read that started before a newer one must not put the older back.
            view.updateAndGet(old -> version >= old.version() ? new Versioned(version, fresh) : old);
            return true;
        }));
    }
}
