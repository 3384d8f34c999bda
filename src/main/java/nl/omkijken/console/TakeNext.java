package nl.omkijken.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import nl.omkijken.handoff.HandoffRefused;
import nl.omkijken.routing.Routing;

/**
 * "Next conversation": gives a worker the conversation that is theirs to take now
 * ({@link NextConversation}), within their capacity; a crisis also beyond it, since nobody else may be
 * free. When a colleague takes the same one a moment earlier, the next in line is tried.
 */
final class TakeNext {
    /** Conversations tried when colleagues take them first; more means the queue moves faster than a click. */
    static final int TRIES = 5;

    private final OpenConversations open;
    private final Workers workers;
    private final Presence presence;
    private final Routing routing;
    private final Clock clock;

    TakeNext(OpenConversations open, Workers workers, Presence presence, Routing routing, Clock clock) {
        this.open = open;
        this.workers = workers;
        this.presence = presence;
        this.routing = routing;
        this.clock = clock;
    }

    /**
     * Takes the next conversation for {@code me} with {@code takeOver} (the console's take-over turn).
     * Answers its id, or a refusal: at capacity (409), none waiting for them (404).
     */
    Future<JsonObject> take(Worker me, Function<String, Future<?>> takeOver) {
        Instant now = clock.instant();
        return open.read().compose(found -> workers.all().compose(all -> presence.online(now, InboxView.ONLINE_WITHIN).compose(seen -> {
            Map<String, Integer> loads = found.loads();
            List<Worker> online = all.stream().filter(w -> seen.containsKey(w.id())).toList();
            List<NextConversation.Waiting> waiting = found.waiting(now);
            boolean full = loads.getOrDefault(me.id(), 0) >= me.capacity();
            List<NextConversation.Waiting> mine = NextConversation.forWorker(me, waiting, online,
                    w -> loads.getOrDefault(w.id(), 0) < w.capacity(), routing, now);
            if (full) mine = mine.stream().filter(NextConversation.Waiting::urgent).toList();
            if (mine.isEmpty()) {
                return Future.failedFuture(full
                        ? new ConsoleAuth.Refused(409, "at_capacity", "U heeft al " + me.capacity()
                                + (me.capacity() == 1 ? " gesprek" : " gesprekken") + ", uw maximum. Rond er eerst een af.")
                        : new ConsoleAuth.Refused(404, "none_waiting", "Er wacht nu niemand op u."));
            }
            return tryInTurn(mine, 0, takeOver);
        })));
    }

    private Future<JsonObject> tryInTurn(List<NextConversation.Waiting> in, int i, Function<String, Future<?>> takeOver) {
        NextConversation.Waiting w = in.get(i);
        return takeOver.apply(w.conversationId()).map(done -> new JsonObject().put("id", w.conversationId()).put("urgent", w.urgent()))
                .recover(e -> e instanceof HandoffRefused && i + 1 < Math.min(in.size(), TRIES)
                        ? tryInTurn(in, i + 1, takeOver) : Future.failedFuture(e));
    }
}
