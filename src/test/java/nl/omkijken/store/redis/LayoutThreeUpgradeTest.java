package nl.omkijken.store.redis;

import static nl.omkijken.testing.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import nl.omkijken.engine.Engine;
import nl.omkijken.engine.Ownership;
import nl.omkijken.handoff.Handoff;
import nl.omkijken.people.Address;
import nl.omkijken.people.People;
import nl.omkijken.runner.Conversation;
import nl.omkijken.runner.InboundPipeline;
import nl.omkijken.runner.InboundWorker;
import nl.omkijken.runner.Outbound;
import nl.omkijken.runner.OutboxDispatcher;
import nl.omkijken.runner.Pseudonym;
import nl.omkijken.runner.Sender;
import nl.omkijken.runner.TranscriptEntry;
import nl.omkijken.runner.TurnRunner;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.ProjectDialogs;
import nl.omkijken.testing.RedisScan;
import nl.omkijken.testing.RedisSnapshot;
import nl.omkijken.testing.TestPeople;
import nl.omkijken.testing.fakes.Poll;
import org.junit.jupiter.api.Test;

/**
 * Key layout 2 to 3 on data the layout-2 release really wrote (src/test/resources/layout/layout-2.jsonl,
 * made by release 26dd2f6 with Layout2FixtureWriter.java.txt next to it): conversations over SMS,
 * WhatsApp, Telegram and the sandbox, two people waiting in the staff queue, a check-in waiting for its
 * answer (timers), replies not sent yet (one taken by a sender that died), messages accepted but not
 * handled yet (one of a person never seen before), and a dead letter.
 *
 * <p>After the upgrade no key name, member or stream entry holds a phone number or chat id, every
 * conversation is where its address's index says, and the conversations go on: the queued messages run
 * their turns in the conversations they belong to, and every reply reaches the address it was for.
 */
class LayoutThreeUpgradeTest extends RedisTestBase {
    private static final Path FIXTURE = Path.of("src/test/resources/layout/layout-2.jsonl");
    private static final List<String> NUMBERS = List.of("31612345678", "31687654321", "31611122233", "31699988877",
            "31644455566", "555001234", "demo-1");

    private String id(String sender) {
        return TestPeople.conversationOf(redis, sender);
    }

    @Test
    void layoutTwoDataIsMigratedAndTheConversationsGoOn() {
        RedisSnapshot.load(FIXTURE, server.url());
        assertEquals("2", sync(raw().get(RedisKeys.LAYOUT)));
        assertFalse(RedisScan.containing(RedisScan.all(server.url()), "31612345678").isEmpty(), "the fixture has numbers in it");

        RedisLayout.Upgrade u = result(new RedisLayout(redis, TestPeople.of(redis)).upgrade());
        assertEquals(List.of(2, RedisLayout.CURRENT), List.of(u.from(), u.to()));
        assertEquals(new LayoutThreeUpgrade.Counts(5, 3, 3, 12, 1, 0, 0), u.three());
        assertEquals(String.valueOf(RedisLayout.CURRENT), sync(raw().get(RedisKeys.LAYOUT)));

        // Every address is in one person's record, nowhere else.
        List<RedisScan.Piece> all = RedisScan.all(server.url());
        for (String number : NUMBERS) {
            List<RedisScan.Piece> elsewhere = RedisScan.containing(all, number).stream()
                    .filter(p -> !(p.key().startsWith("omk:person:{") && p.part().startsWith("value of a:"))).toList();
            assertEquals(List.of(), elsewhere, number + " outside a person's record");
        }

        // The conversations, under their new ids, with what they had.
        RedisConversationStore store = new RedisConversationStore(redis);
        String sms = id("sms:+31612345678");
        String telegram = id("telegram:555001234");
        Conversation waiting = result(store.load(sms));
        assertEquals(sms, waiting.session().conversationId());
        assertEquals(sms, waiting.contact().id());
        assertEquals(Ownership.WAITING, waiting.session().ownership());
        assertEquals(Handoff.State.WAITING, waiting.handoff().state());
        assertEquals(sms, waiting.handoff().conversationId());
        assertEquals("sms", waiting.channel());
        assertEquals(TestPeople.KEYS.keyOf("sms:+31612345678"), waiting.address(), "the meta names the address by key");
        assertEquals(List.of(sms, telegram), sync(raw().zrange(RedisKeys.queue("luisterlijn"), 0, -1)),
                "the queue kept its order");
        assertEquals(1L, result(store.queuePosition("luisterlijn", sms)));
        assertEquals("hallo", result(store.transcript(sms)).get(0).text());
        assertTrue(sync(raw().pttl(RedisKeys.session(sms))) > 0, "the session kept its time to live");
        assertEquals("Ria", result(store.load(id("sms:+31611122233"))).contact().fields().get("first_name"));
        assertNotNull(result(store.load(id("sandbox:demo-1"))));
        assertNotNull(result(store.load(id("whatsapp:+31687654321"))));
        for (String key : sync(raw().keys("omk:conv:{*"))) {
            assertFalse(key.contains(":{sms:") || key.contains(":{telegram:"), "an old key is left: " + key);
        }
        // Timers carry the new ids; the claimed reply of the dead sender is open again; events are gone.
        assertEquals(3L, sync(raw().zcard(RedisKeys.JOBS_DUE)), "the timers are follow-up jobs now");
        assertTrue(sync(raw().zrange(RedisKeys.JOBS_DUE, 0, -1)).contains("turn:" + id("sms:+31611122233") + "|no_input"));
        assertEquals(0L, sync(raw().exists(RedisKeys.LAYOUT2_TIMERS_DUE, RedisKeys.LAYOUT2_TIMERS_DATA)));
        assertEquals(0L, sync(raw().exists(RedisKeys.EVENTS)));
        // A message of a person never seen before made their person and conversation.
        assertNotNull(id("sms:+31699988877"));
        List<StreamMessage<String, String>> dead = sync(raw().xrange(RedisKeys.INBOUND_DEAD, Range.create("-", "+")));
        assertEquals("", dead.get(0).getBody().get("conv"), "the dead letter of a conversation that never was");
        assertNull(id("sms:+31644455566"), "no person is made for it");
        assertEquals("omk:inbound:3", dead.get(0).getBody().get("stream"));
        assertEquals("1796411140516-0", dead.get(0).getId(), "it keeps its id, its time: the sweep trims it on time");
        assertTrue(sync(raw().pttl(RedisKeys.person(TestPeople.resolve(redis, Address.of("sms", "+31612345678")).personId())))
                <= sync(raw().pttl(RedisKeys.session(sms))) + 1_000, "a moved person lives no longer than their conversation");

        // A second start finds layout 3 and does nothing.
        assertNull(result(new RedisLayout(redis, TestPeople.of(redis)).upgrade()).three());

        theConversationsGoOn(store, sms, telegram);
    }

    @Test
    void anUpgradeThatDiedAfterMovingTheConversationsIsFinishedByTheNextStart() {
        RedisSnapshot.load(FIXTURE, server.url());
        // The first start moved the conversations and died before the rest.
        new LayoutThreeUpgrade(redis, TestPeople.of(redis), new InboundPartitions(InboundPartitions.DEFAULT_COUNT))
                .moveConversations();
        assertEquals("2", sync(raw().get(RedisKeys.LAYOUT)), "not stamped");

        RedisLayout.Upgrade u = result(new RedisLayout(redis, TestPeople.of(redis)).upgrade());
        assertEquals(new LayoutThreeUpgrade.Counts(0, 3, 3, 12, 1, 0, 0), u.three(),
                "the timers, queued messages and replies of the moved conversations were found by their addresses");
        assertEquals(3L, sync(raw().zcard(RedisKeys.JOBS_DUE)));
        assertEquals(12L, sync(raw().xlen(RedisKeys.OUTBOX)));
        assertEquals(0L, sync(raw().exists(RedisKeys.LAYOUT_UPGRADE)), "the upgrade's lock is given back");
        // The reply the dead sender had claimed is marked: the outbox asks the provider before sending it.
        long marked = sync(raw().xrange(RedisKeys.OUTBOX, Range.create("-", "+"))).stream()
                .filter(m -> "1".equals(m.getBody().get("check"))).count();
        assertEquals(1L, marked);
    }

    @Test
    void anotherInstanceWaitsForTheUpgradeAndDoesNotRunItAgain() {
        RedisSnapshot.load(FIXTURE, server.url());
        sync(raw().set(RedisKeys.LAYOUT_UPGRADE, "another-instance"));
        Future<RedisLayout.Upgrade> waiting = new RedisLayout(redis, TestPeople.of(redis)).upgrade();
        long until = System.nanoTime() + 700_000_000L;
        while (System.nanoTime() < until) Thread.onSpinWait();
        assertFalse(waiting.isComplete(), "it waits while the other instance holds the lock");
        // The other instance finishes: it moves everything, stamps the layout and gives the lock back.
        new LayoutThreeUpgrade(redis, TestPeople.of(redis), new InboundPartitions(InboundPartitions.DEFAULT_COUNT)).run();
        sync(raw().set(RedisKeys.LAYOUT, String.valueOf(RedisLayout.CURRENT)));
        sync(raw().del(RedisKeys.LAYOUT_UPGRADE));
        RedisLayout.Upgrade seen = result(waiting);
        assertNull(seen.three(), "the waiting instance found the data upgraded and did nothing");
        assertEquals(RedisLayout.CURRENT, seen.from());
    }

    /** The queued messages run in their conversations; every reply reaches the address it was for. */
    private void theConversationsGoOn(RedisConversationStore store, String sms, String telegram) {
        Recording recording = new Recording();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        Pseudonym pseudonym = new Pseudonym("upgrade-test-key-0123456789".getBytes());
        TurnRunner runner = new TurnRunner(vertx, new Engine(ProjectDialogs.shared()), store, Nlu.shared(),
                Clock.systemUTC(), new TurnRunner.Options(Duration.ofSeconds(30), Duration.ofSeconds(10), "nl"), metrics,
                pseudonym);
        InboundPartitions partitions = new InboundPartitions(InboundPartitions.DEFAULT_COUNT);
        RedisPeople people = TestPeople.of(redis);
        InboundPipeline inbound = new InboundPipeline(vertx, new RedisInboundQueue(redis, partitions,
                RedisInboundQueue.DEFAULT_DEDUPE_TTL, people), new RedisInboundSource(redis, partitions), runner,
                InboundWorker.Options.defaults(), metrics, pseudonym);
        RedisOutboxStore outboxStore = new RedisOutboxStore(redis);
        result(outboxStore.start());
        OutboxDispatcher outbox = new OutboxDispatcher(vertx, outboxStore, List.of(recording.on("sms"),
                recording.on("whatsapp"), recording.on("telegram"), recording.on("sandbox")), "after-upgrade",
                Duration.ofSeconds(30), metrics, pseudonym, runner::markOptedOut);
        result(inbound.start());
        try {
            Poll.until(() -> inMessages(store, sms).contains("is er al iemand?")
                    && inMessages(store, telegram).contains("hallo?")
                    && inMessages(store, id("sms:+31699988877")).contains("hallo, ik ben nieuw hier"),
                    Duration.ofSeconds(20), "the queued messages ran in their conversations");
            assertEquals(List.of("hallo", "ik wil graag een medewerker spreken", "is er al iemand?"), inMessages(store, sms));
            Poll.until(() -> {
                Await.result(outbox.drain());
                return sync(raw().xlen(RedisKeys.OUTBOX)) == 0;
            }, Duration.ofSeconds(20), "every reply sent");
            // The replies committed before the upgrade and after it, each to its person's real address.
            assertTrue(recording.to("+31612345678|+3197010200300").size() >= 4, recording.sent.toString());
            assertTrue(recording.to("+31612345678|+3197010200300").stream().anyMatch(t -> t.contains("wachtrij")),
                    "the waiting person hears their place: " + recording.to("+31612345678|+3197010200300"));
            assertFalse(recording.to("whatsapp:+31687654321|whatsapp:+3197010200301").isEmpty());
            assertFalse(recording.to("555001234").isEmpty());
            assertFalse(recording.to("demo-1").isEmpty());
            assertFalse(recording.to("+31611122233|+3197010200302").isEmpty());
            assertFalse(recording.to("+31699988877|+3197010200300").isEmpty(), "the new person was answered");
            assertTrue(recording.sent.stream().noneMatch(s -> s.address() == null), "every reply had its address");
            assertEquals(0.0, metrics.counter("omk_outbox_sent_total", "channel", "sms", "status", "no_address").count());
        } finally {
            result(inbound.stop());
        }
    }

    private static List<String> inMessages(RedisConversationStore store, String conv) {
        if (conv == null) return List.of();
        List<TranscriptEntry> t = Await.result(store.transcript(conv));
        return t == null ? List.of() : t.stream().filter(e -> e.direction().equals("in")).map(TranscriptEntry::text).toList();
    }

    /** Senders that note what they were given. */
    private static final class Recording {
        final List<Outbound> sent = Collections.synchronizedList(new ArrayList<>());

        Sender on(String channel) {
            return new Sender() {
                @Override
                public String channel() {
                    return channel;
                }

                @Override
                public Future<String> send(Outbound m) {
                    sent.add(m);
                    return Future.succeededFuture("P-" + m.id());
                }
            };
        }

        List<String> to(String address) {
            synchronized (sent) {
                return sent.stream().filter(m -> address.equals(m.address())).map(Outbound::text).toList();
            }
        }
    }

    @Test
    void anAddressGoesWithItsPersonAndAReplyWithoutOneIsNotSent() {
        People.Known anna = TestPeople.resolve(redis, new Address("sms", "+31600000001", "+31600000001|+3197010200300"));
        assertEquals(anna, TestPeople.resolve(redis, new Address("sms", "+31600000001", "+31600000001|+3197010200300")),
                "the same address finds the same conversation");
        People.Known whatsapp = TestPeople.resolve(redis, new Address("whatsapp", "+31600000001",
                "whatsapp:+31600000001|whatsapp:+3197010200300"));
        assertEquals(anna.personId(), whatsapp.personId(), "the same number on WhatsApp is the same person");
        assertFalse(anna.conversationId().equals(whatsapp.conversationId()), "in a conversation of its own");
        People.Known chat = TestPeople.resolve(redis, Address.of("telegram", "600000001"));
        assertFalse(chat.personId().equals(anna.personId()), "a Telegram chat is nobody's phone number");
        assertNull(result(TestPeople.of(redis).find(Address.of("sms", "+31600000002"))), "finding makes nobody");
        Map<String, String> record = sync(raw().hgetall(RedisKeys.person(anna.personId())));
        assertEquals("+31600000001|+3197010200300", record.get("a:" + anna.addressKey()));
        assertEquals(anna.addressKey(), record.get("c:" + anna.conversationId()));
        assertTrue(sync(raw().pttl(RedisKeys.person(anna.personId()))) > 0, "the person expires with retention");
        assertTrue(sync(raw().pttl(RedisKeys.address(anna.addressKey()))) > 0, "and so does the index entry");

        // The person is erased while a reply to them waits: it is not sent anywhere.
        RedisConversationStore store = new RedisConversationStore(redis);
        RedisOutboxStore outbox = new RedisOutboxStore(redis);
        result(outbox.start());
        var lock = result(store.lock(anna.conversationId(), Duration.ofSeconds(10), Duration.ofSeconds(5)));
        result(store.commitAndUnlock(lock, Turns.builder(anna.conversationId(), 1).address(anna.addressKey())
                .outbound(new Outbound("out-erased", anna.conversationId(), "sms", anna.addressKey(), "hallo", List.of(),
                        Instant.now())).build()));
        sync(raw().del(RedisKeys.person(anna.personId())));
        List<Outbound> claimed = result(outbox.claim("s", 10, Duration.ofSeconds(30)));
        assertEquals(1, claimed.size());
        assertNull(claimed.get(0).address(), "no address to send to");
    }
}
