package nl.omkijken.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Which held reply may go next, on a fake clock: one at a time per conversation, in commit order, only
 * the conversation's head, not before a retry's wait is over; and the counts the dispatcher claims by.
 */
class HeldRepliesTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final HeldReplies replies = new HeldReplies(now::get);

    private static OutboxStore.Claimed claimed(String conv, String entryId, String head) {
        return new OutboxStore.Claimed(new Outbound("out-" + entryId, conv, "sms", "a|b", "tekst " + entryId, List.of(),
                Instant.EPOCH), entryId, head, false);
    }

    @Test
    void repliesGoOneAtATimeInCommitOrderWhateverOrderTheyWereClaimedIn() {
        HeldReplies.Held later = replies.hold(claimed("c1", "5-1", "5-0"));
        HeldReplies.Held first = replies.hold(claimed("c1", "5-0", "5-0"));
        assertNull(replies.hold(claimed("c1", "5-0", "5-0")), "held already: not twice");
        assertSame(first, replies.next("c1"));
        assertNull(replies.next("c1"), "one in flight per conversation");
        replies.done(first, "5-1");
        assertSame(later, replies.next("c1"));
        replies.done(later, "");
        assertNull(replies.next("c1"));
        assertTrue(replies.isEmpty());
    }

    @Test
    void aReplyWhoseHeadIsElsewhereWaitsUntilTheHeadMoves() {
        HeldReplies.Held mine = replies.hold(claimed("c1", "7-0", "6-0"));
        assertNull(replies.next("c1"), "an earlier reply is held by someone else");
        assertEquals(List.of("c1"), replies.blocked(10));
        assertEquals(0, replies.busy(), "a blocked reply does not count as busy");
        assertTrue(mine.settled.future().isComplete(), "its drain does not wait for it");
        replies.head("c1", "7-0");
        assertSame(mine, replies.next("c1"));
        assertEquals(List.of(), replies.blocked(10));
        assertEquals(1, replies.busy());
    }

    @Test
    void aRetriedReplyWaitsItsTimeAndKeepsItsPlace() {
        HeldReplies.Held a = replies.hold(claimed("c1", "1-0", "1-0"));
        HeldReplies.Held b = replies.hold(claimed("c1", "1-1", "1-0"));
        assertSame(a, replies.next("c1"));
        replies.retryIn(a, 2_000);
        assertEquals(0, replies.busy());
        assertEquals(List.of(), replies.dueForRetry());
        assertNull(replies.next("c1"), "not before the wait is over");
        now.addAndGet(2_000);
        assertEquals(List.of("c1"), replies.dueForRetry());
        assertSame(a, replies.next("c1"), "the retried reply first, then the later one");
        replies.done(a, "1-1");
        assertSame(b, replies.next("c1"));
    }

    @Test
    void conversationsDoNotWaitForEachOther() {
        HeldReplies.Held a = replies.hold(claimed("c1", "1-0", "1-0"));
        HeldReplies.Held b = replies.hold(claimed("c2", "1-1", "1-1"));
        assertSame(a, replies.next("c1"));
        replies.retryIn(a, 10_000);
        assertSame(b, replies.next("c2"));
    }

    @Test
    void heldRepliesAreKeptEveryIntervalAndLetGoWhenTakenOver() {
        HeldReplies.Held a = replies.hold(claimed("c1", "1-0", "0-9"));
        assertNull(replies.next("c1"));
        assertEquals(List.of(), replies.toKeep(500));
        now.addAndGet(500);
        assertEquals(List.of(a), replies.toKeep(500));
        assertEquals(List.of(), replies.toKeep(500), "kept just now");
        assertTrue(replies.let(a));
        assertFalse(replies.let(a));
        assertEquals(0, replies.held());
        assertNull(replies.next("c1"));
        assertTrue(replies.isEmpty());
    }
}
