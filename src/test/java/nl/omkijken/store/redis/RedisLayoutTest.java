package nl.omkijken.store.redis;

import java.util.List;
import nl.omkijken.testing.TestPeople;
import static nl.omkijken.testing.Await.failure;
import static nl.omkijken.testing.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import nl.omkijken.engine.Ownership;
import nl.omkijken.engine.Session;
import nl.omkijken.handoff.Handoff;
import nl.omkijken.runner.Conversation;
import org.junit.jupiter.api.Test;

/**
 * A Redis written by the release before handoff records (key layout 1: queues of conversation ids that
 * nothing removed) is upgraded at start: waiting people keep their place, call-back tasks stay open,
 * conversations past retention leave the queues; a second run changes nothing.
 */
class RedisLayoutTest extends RedisTestBase {
    private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");

    /** What layout 1 left: a stored session and a queue entry scored as it scored them. */
    private void layout1(String conversationId, String queue, Ownership ownership, boolean urgent, Instant at) {
        Session s = Turns.session(conversationId, 2).withOwnership(ownership);
        sync(raw().set(RedisKeys.session(conversationId), SessionCodec.encode(s)));
        sync(raw().pexpire(RedisKeys.session(conversationId), 3_600_000));
        long score = urgent ? at.toEpochMilli() - Handoff.URGENT_OFFSET_MILLIS : at.toEpochMilli();
        sync(raw().zadd(RedisKeys.queue(queue), (double) score, conversationId));
    }

    @Test
    void aLayoutOneRedisIsUpgradedAndTheConversationsGoOn() {
        layout1("sms:+31600000001", "luisterlijn", Ownership.WAITING, false, T0);
        layout1("sms:+31600000002", "luisterlijn", Ownership.WAITING, true, T0.plusSeconds(60));
        layout1("sms:+31600000003", "telefooncirkel", Ownership.BOT, false, T0.plusSeconds(30));
        // Past retention: the session expired, the queue entry stayed (the defect).
        sync(raw().zadd(RedisKeys.queue("luisterlijn"), (double) T0.minusSeconds(86_400 * 200).toEpochMilli(), "sms:+31600000004"));

        RedisLayout.Upgrade u = result(layout().upgrade());
        assertEquals(1, u.from());
        assertEquals(RedisLayout.CURRENT, u.to());
        assertEquals(List.of(3, 1, 0), List.of(u.recorded(), u.removed(), u.kept()));
        assertEquals(3, u.three().conversations(), "and then each got its opaque id (layout 3)");
        assertEquals(String.valueOf(RedisLayout.CURRENT), sync(raw().get(RedisKeys.LAYOUT)));

        String one = TestPeople.conversationOf(redis, "sms", "+31600000001");
        String two = TestPeople.conversationOf(redis, "sms", "+31600000002");
        String three = TestPeople.conversationOf(redis, "sms", "+31600000003");
        RedisConversationStore store = new RedisConversationStore(redis);
        assertEquals(List.of(two, one), sync(raw().zrange(RedisKeys.queue("luisterlijn"), 0, -1)),
                "the urgent one first, the gone one out");
        Conversation waiting = result(store.load(one));
        assertEquals(Handoff.State.WAITING, waiting.handoff().state());
        assertEquals(Handoff.Kind.LIVE, waiting.handoff().kind());
        assertEquals(T0, waiting.handoff().requestedAt());
        Conversation urgent = result(store.load(two));
        assertEquals(T0.plusSeconds(60), urgent.handoff().urgentSince());
        assertEquals(Handoff.Kind.CALLBACK, result(store.load(three)).handoff().kind(),
                "a queued conversation that does not wait: an open task for staff");
        assertTrue(sync(raw().pttl(RedisKeys.handoff(one))) > 0, "the record expires with its conversation");
        assertEquals(2L, result(store.queuePosition("luisterlijn", one)));

        // A second start finds the current layout and does nothing.
        assertEquals(new RedisLayout.Upgrade(RedisLayout.CURRENT, RedisLayout.CURRENT, 0, 0, 0, null), result(layout().upgrade()));
    }

    private RedisLayout layout() {
        return new RedisLayout(redis, TestPeople.of(redis));
    }

    @Test
    void aNewRedisIsStampedAndANewerLayoutIsRefused() {
        RedisLayout.Upgrade u = result(layout().upgrade());
        assertEquals(List.of(1, RedisLayout.CURRENT, 0), List.of(u.from(), u.to(), u.three().conversations()));
        assertEquals(String.valueOf(RedisLayout.CURRENT), sync(raw().get(RedisKeys.LAYOUT)));
        sync(raw().set(RedisKeys.LAYOUT, String.valueOf(RedisLayout.CURRENT + 1)));
        assertTrue(failure(layout().upgrade()).getMessage().contains("newer than this release"));
        sync(raw().set(RedisKeys.LAYOUT, "zwei"));
        assertInstanceOf(StoredDataException.class, failure(layout().upgrade()));
        assertNull(sync(raw().get(RedisKeys.handoff("sms:+31600000001"))));
    }
}
