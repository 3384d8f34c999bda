package nl.omkijken.console;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.omkijken.handoff.Handoff;
import nl.omkijken.handoff.HandoffRefused;
import nl.omkijken.runner.ConversationStore;
import nl.omkijken.runner.Periodic;
import nl.omkijken.runner.StaffAction;
import nl.omkijken.runner.TurnRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker who leaves (signs out, closes the browser, loses the connection) does not take the people they
 * were talking with along: once their console has not been seen for the grace time, each conversation
 * they have goes back to its queue, at the place its request gave it (the front, nearly always), for a
 * colleague. The person is told nothing: from their side a person is still coming. A worker back within
 * the grace time keeps their conversations.
 */
public final class ReturnUnattended implements Periodic {
    private static final Logger log = LoggerFactory.getLogger(ReturnUnattended.class);
    static final StaffAction.Staff SERVICE = new StaffAction.Staff("omkijken", "Omkijken (de medewerker was weg)", true);

    private final TurnRunner runner;
    private final Presence presence;
    private final Clock clock;
    private final Duration grace;
    /** Workers talking with a caller on their own phone are there, console or not; null: nobody takes calls so. */
    private final nl.omkijken.runner.PhoneDuty phones;

    public ReturnUnattended(TurnRunner runner, Presence presence, Clock clock, Duration grace) {
        this(runner, presence, clock, grace, null);
    }

    public ReturnUnattended(TurnRunner runner, Presence presence, Clock clock, Duration grace, nl.omkijken.runner.PhoneDuty phones) {
        this.phones = phones;
        this.runner = runner;
        this.presence = presence;
        this.clock = clock;
        this.grace = grace;
    }

    @Override
    public String name() {
        return "return conversations of workers who left";
    }

    @Override
    public Duration every() {
        return Duration.ofSeconds(Math.max(5, Math.min(30, grace.toSeconds() / 4)));
    }

    @Override
    public Future<Integer> runOnce() {
        Instant now = clock.instant();
        ConversationStore store = runner.store();
        return presence.seenWithin(now, grace).compose(seen -> store.openHandoffs(OpenConversations.MAX_OPEN).compose(ids -> {
            Set<String> here = seen.keySet();
            List<Future<Boolean>> returns = new ArrayList<>();
            for (String id : ids) {
                returns.add(store.load(id).compose(c -> {
                    Handoff h = c == null ? null : c.handoff();
                    if (h == null || h.state() != Handoff.State.CLAIMED || here.contains(h.owner())) {
                        return Future.succeededFuture(false);
                    }
                    // A worker on the phone with a caller (their laptop asleep) keeps them: the talk goes on.
                    Future<Boolean> onPhone = phones == null ? Future.succeededFuture(false) : phones.onCall(h.owner()).otherwise(false);
                    // Only if that worker still has it when the turn runs (it may have been passed on since).
                    return onPhone.compose(busy -> busy ? Future.succeededFuture(false) : runner.act(id, new StaffAction.GiveBack(SERVICE, h.owner())).map(x -> true)
                            // Closed or given back meanwhile: nothing left to return.
                            .recover(e -> e instanceof HandoffRefused ? Future.succeededFuture(false) : Future.failedFuture(e)));
                }));
            }
            return Future.join(returns).map(done -> {
                int n = (int) returns.stream().filter(f -> f.succeeded() && f.result()).count();
                if (n > 0) log.info("returned {} conversations to their queues: their worker left", n);
                return n;
            });
        }));
    }
}
