package nl.omkijken.store.redis;

import nl.omkijken.people.Address;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import nl.omkijken.testing.TestPeople;
import static nl.omkijken.testing.Await.failure;
import static nl.omkijken.testing.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.StreamMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.omkijken.runner.Inbound;
import nl.omkijken.runner.InboundQueue;
import nl.omkijken.runner.InboundQueue.Offer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisInboundQueueTest extends RedisTestBase {
    /** The sender; its messages go to the partition of its address's key. */
    private static final String ID = TestPeople.KEYS.keyOf("sms:+31612345678");
    private static final Instant AT = Instant.parse("2026-03-04T05:06:07Z");

    private static Inbound message(String channel, String providerId, String text) {
        return Inbound.from(new Address(channel, "+31612345678", "+31612345678"), "luisterlijn", "nl", text, providerId,
                AT, List.of("image/jpeg"));
    }

    /** What a queued message is: in its conversation (found or made by the offer), its sender by key only. */
    private Inbound queued(Inbound offered) {
        String conv = TestPeople.conversationOf(redis, offered.channel(), offered.from().handle());
        return offered.in(conv, TestPeople.KEYS.keyOf(offered.from()));
    }

    @Test
    void twentyConcurrentOffersOfOneProviderIdAcceptExactlyOne() {
        RedisInboundQueue queue = new RedisInboundQueue(redis, TestPeople.of(redis));
        List<Future<Offer>> offers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            offers.add(queue.offer(message("sms", "SM-same", "hoi " + i)));
        }
        result(Future.all(offers));
        long accepted = offers.stream().filter(f -> f.result() == Offer.ACCEPTED).count();
        assertEquals(1, accepted);
        assertEquals(19, offers.stream().filter(f -> f.result() == Offer.DUPLICATE).count());
        assertEquals(1L, streamLength(queue.partitions().of(ID)));
    }

    @Test
    void theSameIdOnAnotherChannelIsAnotherMessage() {
        RedisInboundQueue queue = new RedisInboundQueue(redis, TestPeople.of(redis));
        assertEquals(Offer.ACCEPTED, result(queue.offer(message("sms", "42", "a"))));
        assertEquals(Offer.ACCEPTED, result(queue.offer(message("telegram", "42", "b"))));
        assertEquals(Offer.DUPLICATE, result(queue.offer(message("telegram", "42", "b"))));
        assertEquals(Offer.DUPLICATE, result(queue.offer(message("sms", "42", "a"))));
    }

    @Test
    void messagesWithoutAProviderIdAreNeverDeduped() {
        RedisInboundQueue queue = new RedisInboundQueue(redis, TestPeople.of(redis));
        assertEquals(Offer.ACCEPTED, result(queue.offer(message("sms", null, "a"))));
        assertEquals(Offer.ACCEPTED, result(queue.offer(message("sms", null, "a"))));
        assertEquals(2L, streamLength(queue.partitions().of(ID)));
        assertEquals(List.of(), sync(raw().keys(RedisKeys.PREFIX + "dedupe:*")));
    }

    @Test
    void theEntryHoldsTheWholeMessageInItsPartitionAndTheIdIsRememberedFor48Hours() {
        RedisInboundQueue queue = new RedisInboundQueue(redis, new InboundPartitions(16), RedisInboundQueue.DEFAULT_DEDUPE_TTL, TestPeople.of(redis));
        Inbound in = message("sms", "SM1", "Hoi, ik voel me alleen");
        assertEquals(Offer.ACCEPTED, result(queue.offer(in)));
        List<StreamMessage<String, String>> entries = sync(raw().xrange(RedisKeys.inbound(5), io.lettuce.core.Range.create("-", "+")));
        assertEquals(1, entries.size());
        Inbound queued = queued(in);
        assertEquals(Map.of(RedisKeys.INBOUND_FIELD, InboundCodec.encode(queued.in(null, queued.address())),
                "conv", queued.conversationId()), entries.get(0).getBody());
        assertEquals(queued, InboundCodec.decode(entries.get(0).getBody().get(RedisKeys.INBOUND_FIELD), queued.conversationId()));
        assertFalse(entries.get(0).getBody().toString().contains("31612345678"), "no phone number in the entry");
        assertEquals("+31612345678", sync(raw().hget(RedisKeys.person(TestPeople.resolve(redis,
                Address.of("sms", "+31612345678")).personId()), "a:" + queued.address())), "only in the person's record");
        long ttl = sync(raw().ttl("omk:dedupe:sms:SM1"));
        assertTrue(ttl > 172_700 && ttl <= 172_800, "ttl " + ttl);
    }

    @Test
    void partitionsSpreadConversationsOverTheConfiguredNumberOfStreams() {
        RedisInboundQueue queue = new RedisInboundQueue(redis, new InboundPartitions(4), Duration.ofMinutes(5), TestPeople.of(redis));
        for (int i = 0; i < 40; i++) {
            Inbound in = Inbound.from(Address.of("telegram", Integer.toString(i)), "helpdesk", null, "x", "u" + i, AT, List.of());
            assertEquals(Offer.ACCEPTED, result(queue.offer(in)));
        }
        long total = 0;
        for (int p = 0; p < 4; p++) {
            long length = streamLength(p);
            assertTrue(length > 0, "partition " + p + " is empty");
            total += length;
        }
        assertEquals(40, total);
        assertEquals(0L, sync(raw().exists(RedisKeys.inbound(4))));
    }

    @Test
    void anAcceptedOfferWakesTheLocalConsumersWithItsPartition() {
        RedisInboundQueue queue = new RedisInboundQueue(redis, TestPeople.of(redis));
        Promise<Integer> woken = Promise.promise();
        vertx.eventBus().<Integer>localConsumer(InboundQueue.ACCEPTED_ADDRESS, m -> woken.tryComplete(m.body()));
        result(queue.offer(message("sms", "SM9", "hoi")));
        assertEquals(5, result(woken.future()));
    }

    @Test
    void badMessagesAreRefusedWithAReasonAndNothingIsWritten() {
        RedisInboundQueue queue = new RedisInboundQueue(redis, TestPeople.of(redis));
        assertInstanceOf(IllegalArgumentException.class, failure(queue.offer(null)));
        Throwable noSender = failure(queue.offer(new Inbound("c1", "sms", "a", "luisterlijn", null, "x", "SM1", AT)));
        assertTrue(noSender.getMessage().contains("sender's address"), noSender.getMessage());
        Throwable colon = assertThrows(IllegalArgumentException.class, () -> Address.of("s:ms", "a"));
        assertTrue(colon.getMessage().contains("channel"), colon.getMessage());
        Throwable blank = failure(queue.offer(Inbound.from(Address.of("sms", "+316"), "luisterlijn", null, "x", "", AT, List.of())));
        assertTrue(blank.getMessage().contains("provider id"), blank.getMessage());
        assertEquals(List.of(), sync(raw().keys("*")));
    }

    @Test
    void anAcceptedMessageSurvivesARestartOfRedisServer(@TempDir Path dir) throws IOException {
        EmbeddedRedis server = EmbeddedRedis.start(dir, 0);
        int port = server.port();
        Inbound in = message("whatsapp", "SMrestart", "nog steeds hier?");
        try {
            RedisConnection conn = result(RedisConnection.connect(vertx, server.url()));
            RedisInboundQueue queue = new RedisInboundQueue(conn, TestPeople.of(conn));
            assertEquals(Offer.ACCEPTED, result(queue.offer(in)));
            result(conn.close());
            server.stop();

            server = EmbeddedRedis.start(dir, port, RedisBinary.preferSystem(), EmbeddedRedis.DEFAULT_START_TIMEOUT);
            conn = result(RedisConnection.connect(vertx, server.url()));
            queue = new RedisInboundQueue(conn, TestPeople.of(conn));
            String stream = RedisKeys.inbound(queue.partitions().of(TestPeople.KEYS.keyOf(in.from())));
            List<StreamMessage<String, String>> entries = result(conn.toFuture(
                    conn.commands().xrange(stream, io.lettuce.core.Range.create("-", "+"))));
            assertEquals(1, entries.size());
            String conv = TestPeople.conversationOf(conn, "whatsapp", "+31612345678");
            assertEquals(in.in(conv, TestPeople.KEYS.keyOf(in.from())), InboundCodec.decode(
                    entries.get(0).getBody().get(RedisKeys.INBOUND_FIELD), entries.get(0).getBody().get("conv")));
            // The dedupe mark survived too: the provider's retry after the restart is a duplicate.
            assertEquals(Offer.DUPLICATE, result(queue.offer(in)));
            result(conn.close());
        } finally {
            server.stop();
        }
    }

    private long streamLength(int partition) {
        return sync(raw().xlen(RedisKeys.inbound(partition)));
    }
}
