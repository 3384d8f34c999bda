package nl.omkijken.store.redis;

import nl.omkijken.people.Address;
import nl.omkijken.people.People;
import nl.omkijken.testing.TestPeople;
import static nl.omkijken.testing.Await.failure;
import static nl.omkijken.testing.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.Consumer;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.omkijken.runner.ConversationStore.Lock;
import nl.omkijken.runner.Outbound;
import nl.omkijken.runner.OutboxStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisOutboxStoreTest extends RedisTestBase {
    private static final Duration IDLE = Duration.ofMinutes(1);
    /** Where the replies go: the person's address, kept in their record only. */
    private static final String CHAT = "chat-abc-1";
    /** The conversation, and the key its replies name their address by. */
    private String ID;
    private String KEY;

    private RedisConversationStore conversations;
    private RedisOutboxStore outbox;

    @BeforeEach
    void createStores() {
        People.Known known = TestPeople.resolve(redis, new Address("sandbox", "abc-1", CHAT));
        ID = known.conversationId();
        KEY = known.addressKey();
        conversations = new RedisConversationStore(redis);
        outbox = new RedisOutboxStore(redis);
        result(outbox.start());
    }

    @Test
    void startTwiceIsFine() {
        result(outbox.start());
        result(new RedisOutboxStore(redis).start());
    }

    @Test
    void claimsCommittedRepliesInOrderAndOnlyOnce() {
        Outbound a = reply("out-1", ID, "eerste");
        Outbound b = reply("out-2", ID, "tweede");
        Outbound c = reply("out-3", ID, "derde");
        commit(a, b);
        commit(c);
        assertEquals(List.of(a, b), stored(result(outbox.claim("sender-1", 2, IDLE))));
        assertEquals(List.of(c), stored(result(outbox.claim("sender-1", 10, IDLE))));
        assertEquals(List.of(), result(outbox.claim("sender-1", 10, IDLE)), "pending replies are not handed out again");
        assertEquals(List.of(), result(outbox.claim("sender-2", 10, IDLE)), "nor to another sender before they idle");
    }

    @Test
    void completeRecordsTheStatusAndEmptiesTheStream() {
        Outbound a = reply("out-1", ID, "hallo");
        commit(a);
        Outbound claimed = result(outbox.claim("sender-1", 10, IDLE)).get(0);
        assertNull(result(outbox.status("out-1")));
        result(outbox.complete(claimed, "sent", "SM123"));

        assertEquals("sent", result(outbox.status("out-1")));
        assertEquals("SM123", result(outbox.providerId("out-1")));
        assertEquals(0L, sync(raw().xlen(RedisKeys.OUTBOX)), "deleted from the stream");
        assertEquals(0L, sync(raw().xpending(RedisKeys.OUTBOX, RedisKeys.OUTBOX_GROUP)).getCount(), "acknowledged");
        long ttl = sync(raw().pttl(RedisKeys.outboxStatus("out-1")));
        assertTrue(ttl > RedisOutboxStore.STATUS_TTL.toMillis() - 60_000, "status ttl " + ttl);
        assertNull(result(outbox.status("out-unknown")));
    }

    @Test
    void aKeptReplyIsNotTakenOverAndKeepingStopsOnceItIsAnothersOrDone() {
        Outbound a = reply("out-1", ID, "hallo");
        commit(a);
        assertEquals(List.of(a), stored(result(outbox.claim("sender-1", 10, IDLE))));
        Duration shortIdle = Duration.ofMillis(200);
        RedisOutboxStore other = new RedisOutboxStore(redis);

        // Kept every 20 ms: never idle for 200 ms, so never taken over.
        for (int i = 0; i < 10; i++) {
            boolean kept = result(after(20).compose(v -> outbox.keep("sender-1", a)));
            assertTrue(kept, "still ours");
            assertEquals(List.of(), result(other.claim("sender-2", 10, shortIdle)), "kept from the takeover");
        }
        // Not kept: the takeover gives it to the other sender, and the first one can no longer keep it.
        assertEquals(List.of(a), stored(result(after(250).compose(v -> other.claim("sender-2", 10, shortIdle)))));
        boolean keptAfterTakeover = result(outbox.keep("sender-1", a));
        assertFalse(keptAfterTakeover, "another sender has it now");
        result(other.complete(a, "sent", "SM1"));
        boolean keptWhenDone = result(other.keep("sender-2", a));
        assertFalse(keptWhenDone, "done: nothing to keep");
    }

    @Test
    void repliesLeftByADeadSenderAreTakenOverAfterTheyIdle() {
        Outbound a = reply("out-1", ID, "hallo");
        Outbound b = reply("out-2", ID, "nog iets");
        commit(a, b);
        assertEquals(List.of(a, b), stored(result(outbox.claim("dead-sender", 10, IDLE))));

        RedisOutboxStore survivor = new RedisOutboxStore(redis);
        assertEquals(List.of(), result(survivor.claim("sender-2", 10, IDLE)), "not idle long enough yet");
        Duration shortIdle = Duration.ofMillis(20);
        List<Outbound> takenOver = result(after(50).compose(v -> survivor.claim("sender-2", 10, shortIdle)));
        assertEquals(List.of(a, b), stored(takenOver));

        result(survivor.complete(takenOver.get(0), "sent", "SM1"));
        result(survivor.complete(takenOver.get(1), "failed", null));
        assertEquals("failed", result(survivor.status("out-2")));
        assertNull(result(survivor.providerId("out-2")));
        assertEquals(0L, sync(raw().xlen(RedisKeys.OUTBOX)));
        assertEquals(List.of(), result(after(50).compose(v -> survivor.claim("sender-3", 10, shortIdle))));
    }

    @Test
    void idleRepliesBehindBusyOnesAreFoundToo() {
        List<Outbound> replies = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            replies.add(reply("out-" + i, ID, "bericht " + i));
        }
        commit(replies.toArray(new Outbound[0]));
        List<Outbound> all = result(outbox.claim("dead-sender", 15, IDLE));
        assertEquals(15, all.size());
        // A live sender is busy with the first 12 (fresh deliveries); only the last 3 sit idle.
        List<StreamMessage<String, String>> entries =
                sync(raw().xrange(RedisKeys.OUTBOX, Range.create("-", "+")));
        String[] busy = entries.subList(0, 12).stream().map(StreamMessage::getId).toArray(String[]::new);
        List<Outbound> takenOver = result(after(50).compose(v -> {
            sync(raw().xclaim(RedisKeys.OUTBOX, Consumer.from(RedisKeys.OUTBOX_GROUP, "live"), 0, busy));
            return outbox.claim("sender-3", 1, Duration.ofMillis(20));
        }));
        assertEquals(List.of("out-12"), takenOver.stream().map(Outbound::id).toList());
    }

    @Test
    void concurrentSendersGetDisjointReplies() {
        List<Outbound> replies = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            replies.add(reply("out-" + i, ID, "bericht " + i));
        }
        commit(replies.toArray(new Outbound[0]));
        List<Future<List<Outbound>>> claims = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            claims.add(outbox.claim("sender-" + i, 10, IDLE));
        }
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (Future<List<Outbound>> claim : claims) {
            for (Outbound o : result(claim)) {
                seen.add(o.id());
                total++;
            }
        }
        assertEquals(30, total);
        assertEquals(30, seen.size());
    }

    @Test
    void aReplyCompletedElsewhereIsNotSentAgain() {
        Outbound a = reply("out-1", ID, "hallo");
        commit(a);
        Outbound claimed = result(outbox.claim("sender-1", 10, IDLE)).get(0);
        // Another instance (which never claimed it) records the outcome, e.g. after a restart.
        result(new RedisOutboxStore(redis).complete(claimed, "sent", "SM1"));
        assertEquals(1L, sync(raw().xlen(RedisKeys.OUTBOX)), "entry id unknown there, so still in the stream");

        List<Outbound> again = result(after(50).compose(v -> outbox.claim("sender-2", 10, Duration.ofMillis(20))));
        assertEquals(List.of(), again);
        assertEquals(0L, sync(raw().xlen(RedisKeys.OUTBOX)), "settled at the claim");
    }

    @Test
    void theGroupComesBackWhenRedisLostItsData() {
        server.flushAll();
        commit(reply("out-1", ID, "hallo"));
        assertEquals(List.of("out-1"), result(outbox.claim("sender-1", 10, IDLE)).stream().map(Outbound::id).toList());
        server.flushAll();
        assertEquals(List.of(), result(outbox.claim("sender-1", 10, IDLE)));
    }

    @Test
    void unreadableEntriesAreDroppedNotHandedOut() {
        sync(raw().xadd(RedisKeys.OUTBOX, RedisKeys.OUTBOX_FIELD, "{kapot"));
        sync(raw().xadd(RedisKeys.OUTBOX, "other-field", "x"));
        commit(reply("out-1", ID, "hallo"));
        assertEquals(List.of("out-1"), result(outbox.claim("sender-1", 10, IDLE)).stream().map(Outbound::id).toList());
        assertEquals(1L, sync(raw().xlen(RedisKeys.OUTBOX)), "only the good one is left, pending");
    }

    @Test
    void appendOnceAddsOneEntryPerKeyEvenWhenCallsRace() {
        commit(); // the conversation exists: a template stands in for one of its replies
        Outbound template = new Outbound("template-out-1", ID, "whatsapp", KEY, "", List.of(), Turns.T0, "out-1");
        List<Future<Boolean>> racing = new ArrayList<>();
        for (int i = 0; i < 10; i++) racing.add(outbox.appendOnce("template-out-1", template));
        result(Future.all(racing));
        assertEquals(1L, racing.stream().filter(f -> f.result()).count(), "exactly one call appended");
        assertEquals(1L, sync(raw().xlen(RedisKeys.OUTBOX)));
        assertEquals(false, result(outbox.appendOnce("template-out-1", template)), "a later repeat appends nothing");

        List<Outbound> claimed = result(outbox.claim("sender-1", 10, IDLE));
        assertEquals(List.of(template), stored(claimed), "the entry comes out as it went in, marked as a template");
        assertEquals("out-1", claimed.get(0).templateFor());
        result(outbox.complete(claimed.get(0), "sent", "SM1"));
        assertEquals(false, result(outbox.appendOnce("template-out-1", template)), "also after it was sent");
        assertTrue(sync(raw().pttl(RedisKeys.outboxOnce("template-out-1"))) > 0, "the once-key expires");
    }

    @Test
    void everyClaimTellsTheHeadOfItsConversationAndCompletingMovesIt() {
        Outbound a = reply("out-1", ID, "eerste");
        Outbound b = reply("out-2", ID, "tweede");
        commit(a);
        commit(b);
        List<OutboxStore.Claimed> first = result(outbox.claimInOrder("sender-1", 1, IDLE));
        List<OutboxStore.Claimed> second = result(outbox.claimInOrder("sender-2", 1, IDLE));
        String headA = first.get(0).entryId();
        assertEquals(headA, first.get(0).head(), "the first reply is its own head");
        assertEquals(headA, second.get(0).head(), "the second, claimed by another sender, is held back by the first");
        assertEquals(second.get(0).entryId(), result(outbox.complete(a, "sent", "SM1")), "completing the first makes the second the head");
        assertEquals(java.util.Map.of(ID, second.get(0).entryId()), result(outbox.heads(List.of(ID))));
        assertEquals("", result(outbox.complete(b, "sent", "SM2")), "none left");
        assertEquals(0L, sync(raw().exists(RedisKeys.outboxOrder(ID))), "the order list is gone once empty");
    }

    @Test
    void aHeadWhoseEntryIsGoneNeverHoldsTheConversationBack() {
        commit(reply("out-1", ID, "eerste"), reply("out-2", ID, "tweede"));
        List<OutboxStore.Claimed> claimed = result(outbox.claimInOrder("sender-1", 10, IDLE));
        // The first entry disappears without the order list being told (deleted by hand, say).
        sync(raw().xdel(RedisKeys.OUTBOX, claimed.get(0).entryId()));
        assertEquals(java.util.Map.of(ID, claimed.get(1).entryId()), result(outbox.heads(List.of(ID))));
        assertEquals(java.util.Map.of("sms:+31600000000", ""), result(outbox.heads(List.of("sms:+31600000000"))));
    }

    @Test
    void badArgumentsFailTheFuture() {
        assertInstanceOf(IllegalArgumentException.class, failure(outbox.claim("", 1, IDLE)));
        assertInstanceOf(IllegalArgumentException.class, failure(outbox.claim("s", 1, Duration.ZERO)));
        assertEquals(List.of(), result(outbox.claim("s", 0, IDLE)));
        assertInstanceOf(IllegalArgumentException.class,
                failure(outbox.complete(reply("out-1", ID, "x"), " ", null)));
        assertInstanceOf(IllegalArgumentException.class, failure(outbox.status("")));
        assertInstanceOf(IllegalArgumentException.class, failure(outbox.appendOnce(" ", reply("out-1", ID, "x"))));
        assertInstanceOf(IllegalArgumentException.class, failure(outbox.appendOnce("k", null)));
    }

    private Outbound reply(String id, String conversationId, String text) {
        return new Outbound(id, conversationId, "sandbox", KEY, text, List.of(), Turns.T0);
    }

    /**
     * Claimed replies as they were stored: a claim hands each out with its address looked up in the
     * person's record (checked here), where the stored reply names it by key.
     */
    private List<Outbound> stored(List<Outbound> claimed) {
        for (Outbound o : claimed) assertEquals(CHAT, o.address(), "the claim looked up where " + o.id() + " goes");
        return claimed.stream().map(o -> o.to(KEY)).toList();
    }

    private void commit(Outbound... replies) {
        Lock lock = result(conversations.lock(ID, Duration.ofSeconds(10), Duration.ofSeconds(5)));
        result(conversations.commit(lock, Turns.builder(ID, 1).address(KEY).outbound(replies).build()));
        result(conversations.unlock(lock));
    }

    /** Lets stream entries become idle: a Vert.x timer, not a sleeping test thread. */
    private Future<Void> after(long millis) {
        Promise<Void> p = Promise.promise();
        vertx.setTimer(millis, t -> p.complete());
        return p.future();
    }
}
