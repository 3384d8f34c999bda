package nl.omkijken.store.redis;

import static nl.omkijken.testing.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A queue member whose conversation expired with its handoff record leaves the queue at the next sweep. */
class QueueTrimTest extends RedisTestBase {
    @Test
    void membersWhoseHandoffIsGoneLeaveTheOthersStay() {
        sync(raw().zadd(RedisKeys.queue("luisterlijn"), 1.0, "c-waiting"));
        sync(raw().set(RedisKeys.handoff("c-waiting"), "{}"));
        sync(raw().zadd(RedisKeys.queue("luisterlijn"), 2.0, "c-expired"));
        sync(raw().zadd(RedisKeys.queue("helpdesk"), 1.0, "c-also-expired"));
        assertEquals(2L, result(new QueueTrim(redis).run(Instant.now())));
        assertEquals(List.of("c-waiting"), sync(raw().zrange(RedisKeys.queue("luisterlijn"), 0, -1)));
        assertEquals(0L, sync(raw().exists(RedisKeys.queue("helpdesk"))));
        assertEquals(0L, result(new QueueTrim(redis).run(Instant.now())), "nothing more to do");
    }

    /**
     * A process walks the keys once, for queues written before they were listed; after that it sweeps the listed queues
     * only (a walk over every key each minute cost Redis seconds a minute with millions of keys). A commit lists its queue.
     */
    @Test
    void afterItsFirstRoundTheSweepReadsTheListedQueuesNotEveryKey() {
        sync(raw().zadd(RedisKeys.queue("helpdesk"), 1.0, "c-old"));
        QueueTrim trim = new QueueTrim(redis);
        assertEquals(1L, result(trim.run(Instant.now())), "found by the first round's walk");
        assertEquals(java.util.Set.of(RedisKeys.queue("helpdesk")), sync(raw().smembers(RedisKeys.QUEUES)));
        // Written behind the list's back: not walked for again by this process.
        sync(raw().zadd(RedisKeys.queue("luisterlijn"), 1.0, "c-unlisted"));
        assertEquals(0L, result(trim.run(Instant.now())));
        // Walked for again after WALK_EVERY: found and listed.
        assertEquals(1L, result(trim.run(Instant.now().plus(QueueTrim.WALK_EVERY).plusSeconds(1))));
        assertEquals(java.util.Set.of(RedisKeys.queue("helpdesk"), RedisKeys.queue("luisterlijn")), sync(raw().smembers(RedisKeys.QUEUES)));
        // Listed (as a commit lists the queue a handoff joins): swept in any round.
        sync(raw().zadd(RedisKeys.queue("helpdesk:laak"), 1.0, "c-listed"));
        sync(raw().sadd(RedisKeys.QUEUES, RedisKeys.queue("helpdesk:laak")));
        assertEquals(1L, result(trim.run(Instant.now().plus(QueueTrim.WALK_EVERY).plusSeconds(2))));
    }

    @Test
    void everyKeyNameTheStoresMakeIsOfAListedFamily() {
        for (String key : List.of(RedisKeys.session("c1"), RedisKeys.lock("c1"), RedisKeys.outboxOrder("c1"),
                RedisKeys.person("p1"), RedisKeys.address("AbC_-9"), RedisKeys.JOBS_DUE, RedisKeys.JOBS_FENCE,
                RedisKeys.TASKS, RedisKeys.TASKS_DEAD, RedisKeys.EVENTS, RedisKeys.OUTBOX, RedisKeys.outboxStatus("o1"),
                RedisKeys.sentAs("SM1"), RedisKeys.outboxOnce("k"), RedisKeys.delivery("SM1"), RedisKeys.deliveriesOf("o1"),
                RedisKeys.queue("luisterlijn"), RedisKeys.inbound(3), RedisKeys.inboundTakeovers(3), RedisKeys.inboundLease(3),
                RedisKeys.INBOUND_MEMBERS, RedisKeys.INBOUND_DEAD, RedisKeys.dedupe("sms", "SM1"),
                RedisKeys.reconcileLease("twilio"), RedisKeys.reconcileCheckpoints("twilio"), RedisKeys.LAYOUT,
                RedisKeys.ADDRESS_KEY_FINGERPRINT, RedisKeys.ADDRESS_KEY_SECRET, RedisKeys.QUEUES)) {
            assertEquals(true, RedisKeys.familyOf(key) != null, key);
        }
        assertEquals(null, RedisKeys.familyOf("omk:timers:due"), "layout 2's timers are gone");
    }
}
