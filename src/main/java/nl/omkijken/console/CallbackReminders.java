package nl.omkijken.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import nl.omkijken.handoff.Handoff;
import nl.omkijken.runner.Conversation;
import nl.omkijken.runner.ConversationStore;
import nl.omkijken.runner.LiveEvents;
import nl.omkijken.runner.Periodic;

/**
 * A call-back task comes due: this instance's consoles of the workers who serve its queue are told at
 * once ({@code callback_due} on the live feed: the inbox shows it and the page reminds the worker), and
 * again every {@link #AGAIN} while nobody has taken it, at most {@link #TIMES} times in all. Nothing
 * else happens at a call-back's time, so without this the task would appear only at the page's next
 * refresh.
 *
 * <p>Stateless across instances on purpose: the reminder times are the due time plus whole multiples of
 * {@link #AGAIN}, and each instance tells its own consoles of the reminder times that fell between its
 * previous round and this one. A console is connected to one instance, so no worker is reminded twice,
 * and an instance that restarts reminds of nothing that fell due while it was down (its inbox shows it).
 */
public final class CallbackReminders implements Periodic {
    /** How often a call-back nobody took is brought up again. */
    static final Duration AGAIN = Duration.ofMinutes(15);
    /** At the due time and three times after: then it is in the inbox, marked due, and no longer news. */
    static final int TIMES = 4;

    private final Vertx vertx;
    private final ConversationStore store;
    private final Clock clock;
    private final Duration every;
    private Instant last;

    public CallbackReminders(Vertx vertx, ConversationStore store, Clock clock, Duration every) {
        this.vertx = vertx;
        this.store = store;
        this.clock = clock;
        this.every = every;
    }

    @Override
    public String name() {
        return "callback-reminders";
    }

    @Override
    public Duration every() {
        return every;
    }

    @Override
    public Future<Void> begin() {
        last = clock.instant();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> runOnce() {
        Instant from = last == null ? clock.instant() : last;
        Instant now = clock.instant();
        return new OpenConversations(store).read().map(found -> {
            int told = 0;
            for (Conversation c : found.conversations()) {
                Handoff h = c.handoff();
                if (h.state() != Handoff.State.WAITING || h.kind() != Handoff.Kind.CALLBACK) continue;
                // Without a time of its own, a call-back is due as soon as it is asked for.
                int n = reminderBetween(h.dueAt() != null ? h.dueAt() : h.requestedAt(), from, now);
                if (n < 0) continue;
                vertx.eventBus().publish(LiveEvents.ADDRESS, new JsonObject().put("type", "callback_due")
                        .put("conversation", c.id()).put("queue", h.queue()).put("reminder", n + 1));
                told++;
            }
            // Only a round that read the queues moves on: a failed read reminds of its times at the next.
            last = now;
            return told;
        });
    }

    /**
     * Which reminder of a call-back due at {@code due} falls in {@code (after, upTo]} (0 the first, at the
     * due time itself), or -1 for none; when several do (a round came late), the latest.
     */
    static int reminderBetween(Instant due, Instant after, Instant upTo) {
        if (upTo.isBefore(due)) return -1;
        long n = Math.min(TIMES - 1, Duration.between(due, upTo).toMillis() / AGAIN.toMillis());
        Instant at = due.plus(AGAIN.multipliedBy(n));
        return at.isAfter(after) && !at.isAfter(upTo) ? (int) n : -1;
    }
}
