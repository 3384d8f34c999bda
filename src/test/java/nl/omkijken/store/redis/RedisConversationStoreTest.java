package nl.omkijken.store.redis;

import static nl.omkijken.store.redis.Turns.T0;
import static nl.omkijken.testing.Await.failure;
import static nl.omkijken.testing.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.omkijken.runner.Conversation;
import nl.omkijken.runner.ConversationStore;
import nl.omkijken.runner.ConversationStore.Lock;
import nl.omkijken.runner.ConversationStore.LockLostException;
import nl.omkijken.runner.TranscriptEntry;
import nl.omkijken.runner.TurnCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisConversationStoreTest extends RedisTestBase {
    private static final String ID = "sandbox:abc-1";
    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private RedisConversationStore store;

    @BeforeEach
    void createStore() {
        store = new RedisConversationStore(redis);
    }

    @Test
    void secondLockerWaitsUntilTheFirstUnlocks(VertxTestContext ctx) {
        Checkpoint secondGotIt = ctx.checkpoint();
        AtomicBoolean released = new AtomicBoolean();
        store.lock(ID, LEASE, WAIT).onComplete(ctx.succeeding(first -> {
            Future<Lock> second = store.lock(ID, LEASE, WAIT);
            second.onComplete(ctx.succeeding(lock -> ctx.verify(() -> {
                assertTrue(released.get(), "second lock taken while the first was held");
                assertNotEquals(first.token(), lock.token());
                secondGotIt.flag();
            })));
            // Give the second locker time for several retries, then release.
            vertx.setTimer(150, t -> ctx.verify(() -> {
                assertFalse(second.isComplete(), "second lock did not wait");
                released.set(true);
                store.unlock(first).onComplete(ctx.succeeding(v -> {}));
            }));
        }));
    }

    @Test
    void lockGivesUpAfterMaxWaitWithAClearError() {
        result(store.lock(ID, LEASE, WAIT));
        long start = System.nanoTime();
        Throwable err = failure(store.lock(ID, LEASE, Duration.ofMillis(100)));
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertInstanceOf(LockTimeoutException.class, err);
        assertTrue(err.getMessage().contains("locked") && err.getMessage().contains("100 ms"), err.getMessage());
        // Exception messages reach logs; the id (a phone number for SMS) must not.
        assertFalse(err.getMessage().contains(ID), err.getMessage());
        assertTrue(waitedMillis >= 100, "gave up after " + waitedMillis + " ms");
    }

    @Test
    void expiredLeaseLetsASecondWorkerInAndFencesTheFirstOut() {
        Lock stale = result(store.lock(ID, Duration.ofMillis(200), WAIT));
        Lock fresh = result(store.lock(ID, LEASE, WAIT));

        TurnCommit everything = Turns.builder(ID, 1)
                .transcript("hoi", "hallo")
                .timers(Turns.schedule(ID, "herinnering", T0))
                .outbound(Turns.reply("out-1", ID, "hallo"))
                .handoff(Turns.request(ID, null, "luisterlijn", true, T0))
                .build();
        assertInstanceOf(LockLostException.class, failure(store.commit(stale, everything)));

        assertNull(result(store.load(ID)));
        assertEquals(List.of(), result(store.transcript(ID)));
        assertEquals(0L, result(store.queuePosition("luisterlijn", ID)));
        assertEquals(0L, sync(raw().zcard(RedisKeys.JOBS_DUE)));
        assertEquals(0L, sync(raw().hlen(RedisKeys.JOBS_DATA)));
        assertEquals(0L, sync(raw().exists(RedisKeys.OUTBOX)));

        // The stale holder's unlock must not release the new holder's lock.
        result(store.unlock(stale));
        assertEquals(fresh.token(), sync(raw().get(RedisKeys.lock(ID))));
        result(store.commit(fresh, everything));
        assertEquals(1, result(store.load(ID)).session().turns());
    }

    @Test
    void aTurnsTasksAreWrittenWithItAndOnlyWithIt() {
        Lock stale = result(store.lock(ID, Duration.ofMillis(200), WAIT));
        Lock fresh = result(store.lock(ID, LEASE, WAIT)); // waits out the first lease
        nl.omkijken.runner.Task alert = new nl.omkijken.runner.Task("alert-1", "alert-coordinator", "{\"level\":2}");
        assertInstanceOf(LockLostException.class, failure(store.commit(stale, Turns.builder(ID, 1).tasks(alert).build())));
        assertEquals(0L, sync(raw().exists(RedisKeys.TASKS)), "a turn that was not written leaves no task");
        result(store.commit(fresh, Turns.builder(ID, 1).tasks(alert).build()));
        var written = sync(raw().xrange(RedisKeys.TASKS, io.lettuce.core.Range.create("-", "+")));
        assertEquals(1, written.size());
        assertEquals(java.util.Map.of("id", "alert-1", "kind", "alert-coordinator", "payload", "{\"level\":2}"),
                written.get(0).getBody());
    }

    @Test
    void commitWithoutAnyLockFails() {
        Lock never = new Lock(ID, "not-a-real-token");
        assertInstanceOf(LockLostException.class, failure(store.commit(never, Turns.plain(ID, 1, "hoi"))));
        assertNull(result(store.load(ID)));
    }

    @Test
    void commitWritesEverythingAndLoadReadsItBack() {
        Lock lock = result(store.lock(ID, LEASE, WAIT));
        TurnCommit turn = Turns.builder(ID, 3)
                .transcript("Ik voel me alleen", "Fijn dat je schrijft. Wil je praten met een vrijwilliger?")
                .timers(Turns.schedule(ID, "herinnering", T0.plusSeconds(60)))
                .outbound(Turns.reply("out-1", ID, "Fijn dat je schrijft."), Turns.reply("out-2", ID, "Wil je praten?"))
                .handoff(Turns.request(ID, null, "luisterlijn", false, T0))
                .build();
        result(store.commit(lock, turn));
        result(store.unlock(lock));

        Conversation c = result(store.load(ID));
        assertEquals(new Conversation(ID, "sandbox", "demo-address", turn.session(), turn.contact(), turn.handoff().after()), c);
        assertEquals(turn.transcript(), result(store.transcript(ID)));
        assertEquals(1L, result(store.queuePosition("luisterlijn", ID)));
        assertEquals((double) T0.plusSeconds(60).toEpochMilli(),
                sync(raw().zscore(RedisKeys.JOBS_DUE, "turn:" + ID + "|herinnering")));
        assertEquals(2L, sync(raw().xlen(RedisKeys.OUTBOX)));
        assertNull(sync(raw().get(RedisKeys.lock(ID))), "unlock removed the lock");
    }

    @Test
    void retentionIsSetAndRefreshedOnEveryCommit() {
        Duration retention = Duration.ofDays(2);
        store = new RedisConversationStore(redis, retention);
        Lock lock = result(store.lock(ID, LEASE, WAIT));
        result(store.commit(lock, Turns.plain(ID, 1, "hoi", "hallo")));
        for (String key : List.of(RedisKeys.session(ID), RedisKeys.contact(ID), RedisKeys.meta(ID),
                RedisKeys.transcript(ID))) {
            sync(raw().pexpire(key, 1000));
        }
        result(store.commit(lock, Turns.plain(ID, 2)));
        for (String key : List.of(RedisKeys.session(ID), RedisKeys.contact(ID), RedisKeys.meta(ID),
                RedisKeys.transcript(ID))) {
            long ttl = sync(raw().pttl(key));
            assertTrue(ttl > retention.toMillis() - 60_000 && ttl <= retention.toMillis(), key + " ttl " + ttl);
        }
    }

    @Test
    void transcriptKeepsTheOrderOfAllTurns() {
        Lock lock = result(store.lock(ID, LEASE, WAIT));
        result(store.commit(lock, Turns.plain(ID, 1, "1 in", "2 uit")));
        result(store.commit(lock, Turns.plain(ID, 2, "3 in")));
        result(store.commit(lock, Turns.plain(ID, 3, "4 in", "5 uit", "6 in")));
        List<TranscriptEntry> entries = result(store.transcript(ID));
        assertEquals(List.of("1 in", "2 uit", "3 in", "4 in", "5 uit", "6 in"),
                entries.stream().map(TranscriptEntry::text).toList());
        assertEquals("out", entries.get(1).direction());
        assertEquals(3, result(store.load(ID)).session().turns(), "last commit's session wins");
    }

    @Test
    void urgentRequestsGoFirstAndARepeatedRequestKeepsItsPlace() {
        String q = "luisterlijn";
        request("sms:+31600000001", q, false, T0);
        request("sms:+31600000002", q, false, T0.plusSeconds(10));
        request("sms:+31600000003", q, false, T0.plusSeconds(20));
        assertEquals(List.of(1L, 2L, 3L), positions(q, "sms:+31600000001", "sms:+31600000002", "sms:+31600000003"));

        // A later urgent request jumps the whole queue.
        request("sms:+31600000004", q, true, T0.plusSeconds(30));
        assertEquals(1L, result(store.queuePosition(q, "sms:+31600000004")));

        // Asking again does not move a waiting person back.
        request("sms:+31600000001", q, false, T0.plusSeconds(40));
        assertEquals(2L, result(store.queuePosition(q, "sms:+31600000001")));

        // A crisis in an already queued conversation moves it among the urgent ones, after earlier urgent ones.
        request("sms:+31600000003", q, true, T0.plusSeconds(50));
        assertEquals(List.of(1L, 2L, 3L, 4L),
                positions(q, "sms:+31600000004", "sms:+31600000003", "sms:+31600000001", "sms:+31600000002"));

        assertEquals(0L, result(store.queuePosition(q, "sandbox:not-queued")));
        assertEquals(0L, result(store.queuePosition("helpdesk", "sms:+31600000001")));
    }

    @Test
    void aRequestForAnotherQueueMovesTheWaitingHandoffThereKeepingItsTime() {
        request(ID, "luisterlijn", false, T0);
        request("sms:+31600000009", "coordinator", false, T0.plusSeconds(5));
        request(ID, "coordinator", false, T0.plusSeconds(10));
        assertEquals(0L, result(store.queuePosition("luisterlijn", ID)), "it left its first queue");
        assertEquals(1L, result(store.queuePosition("coordinator", ID)), "and kept its request time in the new one");
        assertEquals(0L, sync(raw().exists(RedisKeys.queue("luisterlijn"))), "nothing is left behind");
    }

    /** A request for a human in {@code conversationId}, as a turn commits it: from its current handoff. */
    private void request(String conversationId, String queue, boolean urgent, java.time.Instant at) {
        Conversation before = result(store.load(conversationId));
        Lock lock = result(store.lock(conversationId, LEASE, WAIT));
        result(store.commit(lock, Turns.builder(conversationId, 1)
                .handoff(Turns.request(conversationId, before == null ? null : before.handoff(), queue, urgent, at)).build()));
        result(store.unlock(lock));
    }

    @Test
    void loadOfAnUnknownConversationIsNull() {
        assertNull(result(store.load("sandbox:nobody")));
        assertEquals(List.of(), result(store.transcript("sandbox:nobody")));
    }

    @Test
    void corruptStoredSessionFailsTheLoadWithAClearError() {
        sync(raw().set(RedisKeys.session(ID), "{kapot"));
        Throwable err = failure(store.load(ID));
        assertInstanceOf(StoredDataException.class, err);
        assertEquals("unreadable stored session: not a JSON object", err.getMessage());
    }

    @Test
    void lockAndLoadReadsWhatTheLastCommitWroteAndCommitAndUnlockReleases() {
        assertNull(result(store.lockAndLoad(ID, LEASE, WAIT)).conversation(), "nothing stored yet");
        sync(raw().del(RedisKeys.lock(ID)));
        ConversationStore.Locked first = result(store.lockAndLoad(ID, LEASE, WAIT));
        TurnCommit turn = Turns.plain(ID, 1, "hoi");
        result(store.commitAndUnlock(first.lock(), turn));
        assertNull(sync(raw().get(RedisKeys.lock(ID))), "the commit released the lock");

        ConversationStore.Locked second = result(store.lockAndLoad(ID, LEASE, Duration.ZERO));
        assertEquals(turn.session(), second.conversation().session());
        assertEquals(second.lock().token(), sync(raw().get(RedisKeys.lock(ID))));
        assertInstanceOf(LockTimeoutException.class, failure(store.lockAndLoad(ID, LEASE, Duration.ofMillis(30))),
                "a held lock keeps a second taker out");
        assertInstanceOf(LockLostException.class, failure(store.commitAndUnlock(first.lock(), turn)),
                "an old token neither writes nor releases");
        assertEquals(second.lock().token(), sync(raw().get(RedisKeys.lock(ID))));
    }

    @Test
    void lockAndLoadOfACorruptSessionFailsClearlyAndLeavesTheLockFree() {
        sync(raw().set(RedisKeys.session(ID), "{kapot"));
        assertInstanceOf(StoredDataException.class, failure(store.lockAndLoad(ID, LEASE, WAIT)));
        assertNull(sync(raw().get(RedisKeys.lock(ID))), "a turn that cannot start must not keep the lock");
    }

    @Test
    void badArgumentsFailTheFutureInsteadOfThrowing() {
        assertInstanceOf(IllegalArgumentException.class, failure(store.load("sandbox:{x}")));
        assertInstanceOf(IllegalArgumentException.class, failure(store.lock(ID, Duration.ZERO, WAIT)));
        assertInstanceOf(IllegalArgumentException.class, failure(store.queuePosition("", ID)));
        Lock lock = result(store.lock(ID, LEASE, WAIT));
        Throwable other = failure(store.commit(lock, Turns.plain("sandbox:someone-else", 1)));
        assertInstanceOf(IllegalArgumentException.class, other);
        assertTrue(other.getMessage().contains("sandbox:someone-else"), other.getMessage());
    }

    @Test
    void commitStillWorksAfterRedisForgotItsScripts() {
        Lock lock = result(store.lock(ID, LEASE, WAIT));
        result(store.commit(lock, Turns.plain(ID, 1, "hoi")));
        assertEquals("OK", sync(raw().scriptFlush()));
        result(store.commit(lock, Turns.plain(ID, 2, "nog een keer")));
        assertEquals(2, result(store.transcript(ID)).size());
    }

    @Test
    void textSurvivesInAnyScript() {
        Lock lock = result(store.lock(ID, LEASE, WAIT));
        String text = "Één moment 🙂 — \"quote\" \\ / \n new line, 中文, \u0000 nul";
        result(store.commit(lock, Turns.plain(ID, 1, text)));
        assertEquals(text, result(store.transcript(ID)).get(0).text());
        assertEquals(Map.of("naam", "Anneke"), result(store.load(ID)).session().slots());
    }

    private List<Long> positions(String queue, String... ids) {
        return java.util.Arrays.stream(ids).map(id -> result(store.queuePosition(queue, id))).toList();
    }
}
