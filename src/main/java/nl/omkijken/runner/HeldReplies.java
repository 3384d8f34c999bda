package nl.omkijken.runner;

import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The replies one outbox dispatcher holds, by conversation, in commit order, and why a conversation
 * waits when it does: a retry's wait, or an earlier reply this instance does not hold (its
 * {@linkplain OutboxStore.Claimed#head head} is elsewhere). Which reply may go next is decided here
 * ({@link #next}); sending is the dispatcher's job. Not thread-safe: the dispatcher uses it on its
 * own context only.
 */
final class HeldReplies {

    /** A claimed reply held until it is done. */
    static final class Held {
        final OutboxStore.Claimed claimed;
        final EntryId entryId;
        /** Completed when the reply was first done or first had to wait: what a drain's caller waits for. */
        final Promise<Void> settled = Promise.promise();
        /** The outcome to record when the send was done but recording it failed: record again, never resend. */
        String[] outcome;
        int failures;
        long keptAtNanos;
        /** The channel was asked whether an earlier instance sent it (once). */
        boolean priorChecked;

        Held(OutboxStore.Claimed claimed, long now) {
            this.claimed = claimed;
            this.entryId = EntryId.parse(claimed.entryId());
            this.keptAtNanos = now;
        }

        Outbound reply() { return claimed.reply(); }

        String conversation() { return claimed.reply().conversationId(); }
    }

    /** One conversation's held replies and its waiting state. */
    private static final class Line {
        final TreeMap<EntryId, Held> held = new TreeMap<>();
        String head = "";
        boolean sending;
        /** Monotonic nanos before which nothing is sent (a retry's wait); only while {@code retrying}. */
        long retryAt;
        boolean retrying;
        boolean blocked;

        boolean waiting() { return retrying || blocked; }
    }

    /** A stream entry id, "millis-seq", ordered as Redis orders them. */
    record EntryId(long millis, long seq) implements Comparable<EntryId> {
        static EntryId parse(String id) {
            int dash = id.indexOf('-');
            try {
                return dash < 0 ? new EntryId(Long.parseLong(id), 0)
                        : new EntryId(Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a stream entry id: " + id);
            }
        }

        @Override
        public int compareTo(EntryId o) {
            int c = Long.compare(millis, o.millis);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final LongSupplier nanos;
    private final Map<String, Line> lines = new HashMap<>();
    private final Set<String> blocked = new LinkedHashSet<>();
    private final Set<String> retrying = new LinkedHashSet<>();
    private int held;
    private int waitingHeld;

    /** @param nanos a monotonic clock (System::nanoTime; a test's own) */
    HeldReplies(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** Replies held. */
    int held() { return held; }

    /** Replies held that do not wait: being sent or next to be. */
    int busy() { return held - waitingHeld; }

    /**
     * Holds a claimed reply; null when it is held already (the takeover gave back one of ours). The
     * claim's head is the freshest there is: Redis answered it just now.
     */
    Held hold(OutboxStore.Claimed c) {
        Line line = lines.computeIfAbsent(c.reply().conversationId(), k -> new Line());
        Held h = new Held(c, nanos.getAsLong());
        if (line.held.putIfAbsent(h.entryId, h) != null) return null;
        held++;
        if (line.waiting()) {
            waitingHeld++;
            h.settled.tryComplete();
        }
        line.head = c.head();
        return h;
    }

    /**
     * The reply of this conversation to send now, marked as being sent; null when there is none, one is
     * being sent, its retry wait is not over, or an earlier reply is not done (then the conversation
     * is remembered as blocked, see {@link #blocked}).
     */
    Held next(String conv) {
        Line line = lines.get(conv);
        if (line == null || line.sending) return null;
        if (line.held.isEmpty()) {
            forget(conv);
            return null;
        }
        if (line.retrying) {
            if (nanos.getAsLong() - line.retryAt < 0) return null;
            waiting(line, () -> line.retrying = false);
            retrying.remove(conv);
        }
        Held first = line.held.firstEntry().getValue();
        if (!line.head.isEmpty() && !line.head.equals(first.claimed.entryId())) {
            if (!line.blocked) {
                waiting(line, () -> line.blocked = true);
                blocked.add(conv);
            }
            return null;
        }
        if (line.blocked) {
            waiting(line, () -> line.blocked = false);
            blocked.remove(conv);
        }
        line.sending = true;
        return first;
    }

    /** The reply being sent is done; {@code nextHead} is the conversation's head after it. */
    void done(Held h, String nextHead) {
        Line line = lines.get(h.conversation());
        if (line == null) return;
        line.sending = false;
        if (line.held.remove(h.entryId) != null) held--;
        line.head = nextHead == null ? "" : nextHead;
        h.settled.tryComplete();
    }

    /** The reply being sent is to be tried again after {@code waitNanos}; its conversation waits. */
    void retryIn(Held h, long waitNanos) {
        Line line = lines.get(h.conversation());
        if (line == null) return;
        line.sending = false;
        line.retryAt = nanos.getAsLong() + Math.max(1, waitNanos);
        waiting(line, () -> line.retrying = true);
        retrying.add(h.conversation());
        h.settled.tryComplete();
    }

    /** Conversations whose retry wait is over and that are not sending. */
    List<String> dueForRetry() {
        if (retrying.isEmpty()) return List.of();
        long now = nanos.getAsLong();
        List<String> due = new ArrayList<>();
        for (String conv : retrying) {
            Line line = lines.get(conv);
            if (line != null && !line.sending && now - line.retryAt >= 0) due.add(conv);
        }
        return due;
    }

    /** Up to {@code max} conversations that wait for an earlier reply held elsewhere. */
    List<String> blocked(int max) {
        List<String> out = new ArrayList<>(Math.min(max, blocked.size()));
        for (String conv : blocked) {
            if (out.size() >= max) break;
            out.add(conv);
        }
        return out;
    }

    /** A fresh look at a conversation's head (from the store). */
    void head(String conv, String head) {
        Line line = lines.get(conv);
        if (line != null) line.head = head == null ? "" : head;
    }

    /**
     * The held replies not being sent whose last keep is at least {@code everyNanos} ago, marked kept now:
     * they are to be kept from the takeover of idle entries.
     */
    List<Held> toKeep(long everyNanos) {
        if (held == 0) return List.of();
        long now = nanos.getAsLong();
        List<Held> out = new ArrayList<>();
        for (Line line : lines.values()) {
            for (Held h : line.held.values()) {
                if (now - h.keptAtNanos < everyNanos) continue;
                h.keptAtNanos = now;
                out.add(h);
            }
        }
        return out;
    }

    /**
     * Lets go of a reply that is no longer this instance's (another took it over, or it was settled);
     * false when it is being sent or not held.
     */
    boolean let(Held h) {
        Line line = lines.get(h.conversation());
        if (line == null) return false;
        if (line.sending && line.held.firstEntry().getValue() == h) return false;
        if (line.held.remove(h.entryId) == null) return false;
        held--;
        if (line.waiting()) waitingHeld--;
        h.settled.tryComplete();
        return true;
    }

    private void forget(String conv) {
        Line line = lines.remove(conv);
        if (line != null && line.waiting()) waitingHeld -= line.held.size();
        blocked.remove(conv);
        retrying.remove(conv);
    }

    /**
     * Changes why a line waits and keeps {@link #waitingHeld} true: a line's replies count as waiting
     * while it has any reason to wait. Replies that start waiting are settled for their drain.
     */
    private void waiting(Line line, Runnable change) {
        boolean before = line.waiting();
        change.run();
        boolean after = line.waiting();
        if (!before && after) {
            waitingHeld += line.held.size();
            for (Held h : line.held.values()) h.settled.tryComplete();
        } else if (before && !after) {
            waitingHeld -= line.held.size();
        }
    }

    /** For tests: whether the dispatcher holds nothing and no conversation waits. */
    boolean isEmpty() {
        return lines.isEmpty() && blocked.isEmpty() && retrying.isEmpty() && held == 0 && waitingHeld == 0;
    }
}
