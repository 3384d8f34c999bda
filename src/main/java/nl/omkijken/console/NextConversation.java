package nl.omkijken.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import nl.omkijken.routing.Routing;

/**
 * Which waiting conversation a worker gets when they ask for the next one: crisis first, then who waited
 * longest in the conversation, then call-back tasks (those due), among those that are theirs to take now. Pure: the caller reads the queues and who is online.
 *
 * <ul>
 *   <li>Only conversations in a queue the worker serves.</li>
 *   <li>A conversation in a part's queue (a stadsdeel of the helpdesk) is kept for the workers of that
 *       queue until the line's {@code whole_line_after} has passed, unless none of them is online with
 *       room for it, or it is a crisis.</li>
 *   <li>A conversation in a language the worker does not speak is left for a colleague online with room
 *       who serves it and does; when there is none, any worker takes it (someone rather than no one).</li>
 * </ul>
 */
final class NextConversation {
    /** A waiting conversation as routing sees it. */
    /**
     * A waiting conversation as routing sees it.
     *
     * @param callback a call-back task (the person does not wait in the conversation)
     * @param due      false for a call-back to be tried again later
     */
    record Waiting(String conversationId, String queue, String language, boolean urgent, long queueScore, Instant requestedAt,
                   boolean callback, boolean due) {
        Waiting(String conversationId, String queue, String language, boolean urgent, long queueScore, Instant requestedAt) {
            this(conversationId, queue, language, urgent, queueScore, requestedAt, false, true);
        }
    }

    /** Crisis first; then a person waiting in the conversation before a call-back task; each by time. */
    static final Comparator<Waiting> ORDER = Comparator.comparing((Waiting w) -> !w.urgent())
            .thenComparing(w -> w.callback() && !w.urgent()).thenComparingLong(Waiting::queueScore).thenComparing(Waiting::conversationId);

    private NextConversation() {}

    /** The conversations {@code me} may take now, in the order they should be taken. */
    static List<Waiting> forWorker(Worker me, Collection<Waiting> waiting, Collection<Worker> online, Predicate<Worker> hasRoom,
                                   Routing routing, Instant now) {
        // Colleagues who could take a conversation now: online, active, not at their capacity.
        List<Worker> free = online.stream().filter(o -> o.active() && !o.id().equals(me.id()) && hasRoom.test(o)).toList();
        List<Waiting> out = new ArrayList<>();
        for (Waiting w : waiting) if ((w.due() || w.urgent()) && mayTake(me, w, free, routing, now)) out.add(w);
        out.sort(ORDER);
        return out;
    }

    /** @param free colleagues online with room for another conversation */
    static boolean mayTake(Worker me, Waiting w, List<Worker> free, Routing routing, Instant now) {
        if (!me.active() || !me.serves(w.queue())) return false;
        if (w.urgent()) return true;
        Instant keptUntil = routing.keptForPartUntil(w.queue(), w.requestedAt());
        // Kept only for an account holder who can take it now: free and speaking its language.
        if (keptUntil != null && now.isBefore(keptUntil) && !me.servesExactly(w.queue())
                && free.stream().anyMatch(o -> o.servesExactly(w.queue()) && o.speaks(w.language()))) {
            return false;
        }
        return me.speaks(w.language()) || free.stream().noneMatch(o -> o.serves(w.queue()) && o.speaks(w.language()));
    }
}
