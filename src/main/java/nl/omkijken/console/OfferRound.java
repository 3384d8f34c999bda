package nl.omkijken.console;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.omkijken.routing.Routing;
import nl.omkijken.runner.Periodic;
import nl.omkijken.runner.TurnRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a line with {@code offer:} (routing.yaml), each waiting conversation is offered to one available
 * worker at a time, in the order "Volgende gesprek" would give them (crisis first, then the longest wait
 * in the conversation, then call-backs that are due): to an active worker online who serves its queue,
 * has room (a crisis: also without), speaks its language when someone available does, and was not
 * offered it lately; of those, the one with the fewest conversations. They accept within the line's
 * time, else (or when they decline) the next gets it; when everyone was offered it, it starts over.
 * Every instance runs the round; the offers themselves are atomic ({@link Offers}).
 */
public final class OfferRound implements Periodic {
    private static final Logger log = LoggerFactory.getLogger(OfferRound.class);

    private final TurnRunner runner;
    private final Workers workers;
    private final Presence presence;
    private final Offers offers;
    private final Clock clock;
    private final Duration every;
    /** Conversations everyone was offered: not offered again before then (this instance's memory). */
    private final Map<String, Instant> pausedUntil = new java.util.concurrent.ConcurrentHashMap<>();

    public OfferRound(TurnRunner runner, Workers workers, Presence presence, Offers offers, Clock clock, Duration every) {
        this.runner = runner;
        this.workers = workers;
        this.presence = presence;
        this.offers = offers;
        this.clock = clock;
        this.every = every;
    }

    @Override
    public String name() {
        return "offers";
    }

    @Override
    public Duration every() {
        return every;
    }

    @Override
    public Future<?> runOnce() {
        Routing routing = runner.routing();
        Instant now = clock.instant();
        // No line makes offers: nothing to read every two seconds.
        if (runner.engine().dialogs().lines().stream().noneMatch(l -> routing.offerFor(l) != null)) return Future.succeededFuture();
        pausedUntil.values().removeIf(until -> !now.isBefore(until));
        return new OpenConversations(runner.store()).read().compose(found -> workers.all()
                .compose(all -> presence.online(now, InboxView.ONLINE_WITHIN).compose(seen -> {
                    List<Worker> online = all.stream().filter(w -> w.active() && seen.containsKey(w.id())).toList();
                    if (online.isEmpty()) return Future.succeededFuture();
                    Map<String, Integer> loads = found.loads();
                    List<NextConversation.Waiting> waiting = new ArrayList<>();
                    for (NextConversation.Waiting w : found.waiting(now)) {
                        if (routing.offerFor(lineOf(w.queue())) == null || (!w.due() && !w.urgent())) continue;
                        // Everyone had it a moment ago: a pause before it goes round again (a decline is not undone at once).
                        Instant paused = pausedUntil.get(w.conversationId());
                        if (paused != null && now.isBefore(paused)) continue;
                        waiting.add(w);
                    }
                    if (waiting.isEmpty()) return Future.succeededFuture();
                    waiting.sort(NextConversation.ORDER);
                    // Who holds an offer already (from this or another instance) gets no second one.
                    List<Future<Offers.Offer>> held = new ArrayList<>();
                    for (Worker w : online) held.add(offers.ofWorker(w.id()));
                    return Future.all(held).compose(done -> {
                        Set<String> busy = new HashSet<>();
                        for (int i = 0; i < online.size(); i++) if (held.get(i).result() != null) busy.add(online.get(i).id());
                        return offerInTurn(waiting, 0, online, loads, busy, routing, now);
                    });
                })));
    }

    private Future<Void> offerInTurn(List<NextConversation.Waiting> waiting, int i, List<Worker> online, Map<String, Integer> loads,
                                     Set<String> busy, Routing routing, Instant now) {
        if (i >= waiting.size() || busy.size() >= online.size()) return Future.succeededFuture();
        NextConversation.Waiting w = waiting.get(i);
        return offers.offeredTo(w.conversationId()).compose(to -> to != null ? Future.<Void>succeededFuture()
                : offers.tried(w.conversationId()).compose(tried -> offerOne(w, tried, online, loads, busy, routing, now)))
                .recover(e -> {
                    log.warn("offer round skipped a conversation error={}", e.getClass().getSimpleName());
                    return Future.succeededFuture();
                })
                .compose(v -> offerInTurn(waiting, i + 1, online, loads, busy, routing, now));
    }

    private Future<Void> offerOne(NextConversation.Waiting w, Set<String> tried, List<Worker> online, Map<String, Integer> loads,
                                  Set<String> busy, Routing routing, Instant now) {
        List<Worker> free = online.stream().filter(o -> w.urgent() || loads.getOrDefault(o.id(), 0) < o.capacity()).toList();
        List<Worker> able = new ArrayList<>();
        for (Worker o : free) {
            List<Worker> colleagues = free.stream().filter(x -> !x.id().equals(o.id())).toList();
            if (NextConversation.mayTake(o, w, colleagues, routing, now)) able.add(o);
        }
        List<Worker> fresh = able.stream().filter(o -> !tried.contains(o.id()) && !busy.contains(o.id()))
                .sorted(Comparator.comparing((Worker o) -> loads.getOrDefault(o.id(), 0)).thenComparing(Worker::name)).toList();
        if (fresh.isEmpty()) {
            // Everyone who could take it was offered it: start over, next round.
            boolean allTried = !able.isEmpty() && able.stream().allMatch(o -> tried.contains(o.id()));
            if (!allTried) return Future.succeededFuture();
            pausedUntil.put(w.conversationId(), now.plus(runner.routing().offerFor(lineOf(w.queue()))));
            return offers.forgetTried(w.conversationId());
        }
        Worker to = fresh.get(0);
        Duration within = runner.routing().offerFor(lineOf(w.queue()));
        return offers.offer(w.conversationId(), to.id(), now, within).map(made -> {
            if (made) busy.add(to.id());
            return null;
        });
    }

    static String lineOf(String queue) {
        return queue.contains(":") ? queue.substring(0, queue.indexOf(':')) : queue;
    }
}
