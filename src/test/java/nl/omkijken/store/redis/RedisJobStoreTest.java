package nl.omkijken.store.redis;

import nl.omkijken.runner.ClaimedJob;
import nl.omkijken.runner.Job;
import nl.omkijken.runner.Task;
import nl.omkijken.runner.ConversationStore.StaleJobException;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static nl.omkijken.store.redis.Turns.T0;
import static nl.omkijken.testing.Await.failure;
import static nl.omkijken.testing.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.omkijken.runner.ConversationStore.Lock;
import nl.omkijken.runner.DueTimer;
import nl.omkijken.runner.TimerChange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Jobs against a real redis-server: conversation follow-ups (written by the turn's commit) and other
 * kinds (scheduled here), claimed with a lease and a fence, completed once, dropped when orphaned.
 */
class RedisJobStoreTest extends RedisTestBase {
    private static final String ID = "sandbox:abc-1";
    private static final Duration LEASE = Duration.ofSeconds(30);

    private RedisConversationStore conversations;
    private RedisJobStore timers;

    @BeforeEach
    void createStores() {
        conversations = new RedisConversationStore(redis);
        timers = new RedisJobStore(redis);
    }

    @Test
    void claimsOnlyTimersThatAreDue() {
        commitTimers(ID, null, Turns.schedule(ID, "nu", T0.minusSeconds(1)), Turns.schedule(ID, "straks", T0.plusSeconds(3600)));
        List<ClaimedJob> due = result(timers.claimDue(T0, 10, Duration.ofHours(2)));
        assertEquals(List.of(new DueTimer("turn:" + ID + "|nu", ID, "nu", T0.minusSeconds(1), "welkom/nu", 1L)),
                due.stream().map(ClaimedJob::timer).toList());
        assertEquals(Job.TURN, due.get(0).job().kind());
        assertEquals(List.of(), result(timers.claimDue(T0, 10, LEASE)), "a claimed timer is not handed out again");
        assertEquals(List.of(ID + "|straks"),
                ids(result(timers.claimDue(T0.plusSeconds(3600), 10, LEASE))), "a timer is due at its exact time");
    }

    @Test
    void claimsAtMostMaxInDueOrder() {
        List<TimerChange> changes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            changes.add(Turns.schedule(ID, "t" + i, T0.minusSeconds(10 - i)));
        }
        commitTimers(ID, null, changes.toArray(new TimerChange[0]));
        assertEquals(List.of(ID + "|t0", ID + "|t1"), ids(result(timers.claimDue(T0, 2, LEASE))));
        assertEquals(List.of(ID + "|t2", ID + "|t3", ID + "|t4"), ids(result(timers.claimDue(T0, 5, LEASE))));
        assertEquals(List.of(), result(timers.claimDue(T0, 0, LEASE)));
    }

    @Test
    void concurrentClaimsNeverShareATimer() {
        int conversationsCount = 40;
        for (int i = 0; i < conversationsCount; i++) {
            String id = "sandbox:c-" + i;
            commitTimers(id, null, Turns.schedule(id, "a", T0.minusMillis(i)), Turns.schedule(id, "b", T0));
        }
        List<Future<List<ClaimedJob>>> claims = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            claims.add(timers.claimDue(T0, 9, LEASE));
        }
        List<String> all = new ArrayList<>();
        for (Future<List<ClaimedJob>> claim : claims) {
            all.addAll(ids(result(claim)));
        }
        Set<String> distinct = new HashSet<>(all);
        assertEquals(all.size(), distinct.size(), "a timer went to two callers");
        assertEquals(2 * conversationsCount, distinct.size(), "12 claims of 9 take all 80 timers");
    }

    @Test
    void aClaimWhoseLeaseRanOutIsDueAgain() {
        commitTimers(ID, null, Turns.schedule(ID, "bel", T0));
        assertEquals(1, result(timers.claimDue(T0, 10, Duration.ofSeconds(5))).size());
        assertEquals(List.of(), result(timers.claimDue(T0.plusMillis(4_999), 10, LEASE)), "lease still running");
        assertEquals(List.of(), result(timers.claimDue(T0.plusMillis(5_000), 10, LEASE)), "lease ends after its last ms");
        assertEquals(List.of(ID + "|bel"), ids(result(timers.claimDue(T0.plusMillis(5_001), 10, LEASE))));
        assertEquals(List.of(), result(timers.claimDue(T0.plusMillis(5_002), 10, LEASE)), "and is claimed again");
    }

    @Test
    void theCommitOfTheTurnRemovesItsFiredTimer() {
        commitTimers(ID, null, Turns.schedule(ID, "bel", T0));
        ClaimedJob fired = result(timers.claimDue(T0, 10, Duration.ofMillis(1))).get(0);
        commitTimers(ID, fired);
        assertEquals(List.of(), result(timers.claimDue(T0.plusSeconds(3600), 10, LEASE)), "not back after its lease");
        assertEmpty();
    }

    @Test
    void aTurnMayRescheduleTheTimerThatFiredIt() {
        commitTimers(ID, null, Turns.schedule(ID, "bel", T0));
        ClaimedJob fired = result(timers.claimDue(T0, 10, Duration.ofMillis(1))).get(0);
        Instant retry = T0.plusSeconds(900);
        commitTimers(ID, fired, Turns.schedule(ID, "bel", retry));
        assertEquals(List.of(), result(timers.claimDue(retry.minusMillis(1), 10, LEASE)), "old claim did not come back");
        List<ClaimedJob> again = result(timers.claimDue(retry, 10, LEASE));
        assertEquals(1, again.size());
        assertEquals(retry, again.get(0).timer().dueAt());
    }

    @Test
    void aNewTimerWithTheSameNameReplacesTheOld() {
        commitTimers(ID, null, Turns.schedule(ID, "bel", T0));
        commitTimers(ID, null, Turns.schedule(ID, "bel", T0.plusSeconds(60)));
        assertEquals(List.of(), result(timers.claimDue(T0, 10, LEASE)));
        assertEquals(1, result(timers.claimDue(T0.plusSeconds(60), 10, LEASE)).size());
    }

    @Test
    void cancelledTimersNeverFire() {
        commitTimers(ID, null, Turns.schedule(ID, "bel", T0), Turns.schedule(ID, "sms", T0));
        commitTimers(ID, null, Turns.cancel(ID, "bel"));
        assertEquals(List.of(ID + "|sms"), ids(result(timers.claimDue(T0, 10, LEASE))));
        assertNull(sync(raw().hget(RedisKeys.JOBS_DATA, ID + "|bel")));

        // Cancelling a claimed timer also stops it from coming back when the lease runs out.
        commitTimers(ID, null, Turns.cancel(ID, "sms"));
        assertEquals(List.of(), result(timers.claimDue(T0.plusSeconds(3600), 10, LEASE)));
        assertEmpty();
    }

    @Test
    void badArgumentsFailTheFuture() {
        assertInstanceOf(IllegalArgumentException.class, failure(timers.claimDue(null, 1, LEASE)));
        assertInstanceOf(IllegalArgumentException.class, failure(timers.claimDue(T0, 1, Duration.ZERO)));
    }

    @Test
    void anUnreadableTimerDoesNotBlockTheOthers() {
        commitTimers(ID, null, Turns.schedule(ID, "goed", T0));
        sync(raw().zadd(RedisKeys.JOBS_DUE, (double) T0.toEpochMilli(), "kapot"));
        sync(raw().hset(RedisKeys.JOBS_DATA, "kapot", "{niet-json"));
        assertEquals(List.of(ID + "|goed"), ids(result(timers.claimDue(T0, 10, LEASE))));
    }

    @Test
    void aFollowUpWhoseClaimIsNoLongerTheLatestWritesNoTurn() {
        commitTimers(ID, null, Turns.schedule(ID, "bel", T0));
        ClaimedJob slow = result(timers.claimDue(T0, 10, Duration.ofMillis(5))).get(0);
        // The slow poller's lease runs out; another poller claims the follow-up again and runs its turn.
        ClaimedJob latest = result(timers.claimDue(T0.plusMillis(10), 10, LEASE)).get(0);
        assertTrue(latest.fence() > slow.fence());
        Lock lock = result(conversations.lock(ID, LEASE, Duration.ofSeconds(5)));
        assertInstanceOf(StaleJobException.class, failure(conversations.commit(lock,
                Turns.builder(ID, 2).transcript("laat").fired(slow).build())), "the late turn writes nothing");
        // The latest claim's turn runs and schedules the same follow-up again; it is claimed again later.
        result(conversations.commit(lock, Turns.builder(ID, 3).fired(latest)
                .timers(Turns.schedule(ID, "bel", T0.plusSeconds(60))).build()));
        ClaimedJob next = result(timers.claimDue(T0.plusSeconds(60), 10, LEASE)).get(0);
        assertInstanceOf(StaleJobException.class, failure(conversations.commit(lock,
                Turns.builder(ID, 4).fired(slow).build())), "the first claim's fence is never handed out again");
        result(conversations.commit(lock, Turns.builder(ID, 4).fired(next).build()));
        result(conversations.unlock(lock));
        assertEquals(4, result(conversations.load(ID)).session().turns());
        assertEmpty();
    }

    @Test
    void aJobIsCompletedOnceWithItsTasksAndALateClaimChangesNothing() {
        Job job = new Job("ladder-step", "participant-1|2026-12-05", T0, "{\"step\":2}");
        result(timers.schedule(job));
        ClaimedJob slow = result(timers.claimDue(T0, 10, Duration.ofMillis(5))).get(0);
        assertEquals(job, slow.job());
        assertNull(slow.timer());
        ClaimedJob latest = result(timers.claimDue(T0.plusMillis(10), 10, LEASE)).get(0);
        assertFalse(result(timers.complete(slow, List.of(new Task("t-slow", "notify", "x")))), "not the latest claim");
        assertTrue(result(timers.complete(latest, List.of(new Task("t-1", "notify", "{\"to\":\"coordinator\"}")))));
        assertFalse(result(timers.complete(latest, List.of(new Task("t-1", "notify", "again")))), "completed once");
        var tasks = sync(raw().xrange(RedisKeys.TASKS, io.lettuce.core.Range.create("-", "+")));
        assertEquals(1, tasks.size());
        assertEquals("t-1", tasks.get(0).getBody().get("id"));
        assertEquals("notify", tasks.get(0).getBody().get("kind"));
        assertEmpty();
    }

    @Test
    void schedulingAgainReplacesTheJobAndVoidsAClaimOfTheOldOne() {
        result(timers.schedule(new Job("reminder", "r1", T0, "eerste")));
        ClaimedJob old = result(timers.claimDue(T0, 10, LEASE)).get(0);
        result(timers.schedule(new Job("reminder", "r1", T0.plusSeconds(60), "tweede")));
        assertFalse(result(timers.complete(old, List.of())), "the old claim cannot complete the new job");
        assertFalse(result(timers.drop(old)), "nor drop it");
        assertEquals(List.of(), result(timers.claimDue(T0.plusSeconds(59), 10, LEASE)));
        ClaimedJob next = result(timers.claimDue(T0.plusSeconds(60), 10, LEASE)).get(0);
        assertEquals("tweede", next.job().payload());
        assertTrue(result(timers.drop(next)), "an orphan is dropped by its latest claim");
        assertEquals(List.of(), result(timers.claimDue(T0.plusSeconds(3600), 10, LEASE)), "and does not come back");
        assertEmpty();
        assertInstanceOf(IllegalArgumentException.class, failure(timers.schedule(new Job(Job.TURN, "x|y", T0, ""))),
                "follow-ups are written by their turn");
    }

    private void commitTimers(String conversationId, ClaimedJob fired, TimerChange... changes) {
        Lock lock = result(conversations.lock(conversationId, LEASE, Duration.ofSeconds(5)));
        result(conversations.commit(lock, Turns.builder(conversationId, 1).timers(changes).fired(fired).build()));
        result(conversations.unlock(lock));
    }

    private void assertEmpty() {
        assertEquals(0L, sync(raw().zcard(RedisKeys.JOBS_DUE)), "due");
        assertEquals(0L, sync(raw().zcard(RedisKeys.JOBS_LEASED)), "claimed");
        assertEquals(0L, sync(raw().hlen(RedisKeys.JOBS_DATA)), "data");
        assertEquals(0L, sync(raw().hlen(RedisKeys.JOBS_FENCE)), "fence");
    }

    private static List<String> ids(List<ClaimedJob> due) {
        return due.stream().map(ClaimedJob::id).map(id -> id.substring("turn:".length())).toList();
    }
}
