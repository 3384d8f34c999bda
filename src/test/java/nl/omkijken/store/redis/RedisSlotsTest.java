package nl.omkijken.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.omkijken.booking.Booking;
import nl.omkijken.booking.Slot;
import nl.omkijken.booking.Slots;
import nl.omkijken.testing.Await;
import org.junit.jupiter.api.Test;

/** Slots and bookings on a real redis-server: one booking per slot, also when two instances race for it. */
class RedisSlotsTest extends RedisTestBase {
    private static final Instant NOW = Instant.parse("2027-01-05T09:00:00Z");

    private static Slot slot(String id, Instant start) {
        return new Slot(id, "Escamp", Slot.Kind.ACCOUNTHOUDER, start, 45, "telefonisch", "Sanne", null);
    }

    private static Booking booking(String id, String slot, String conversation) {
        return new Booking(id, slot, conversation, "sms", "a-" + conversation, "nl",
                Map.of("organisatie", "Buurtfeest Moerwijk", "email", "info@example.nl"), NOW, null);
    }

    @Test
    void twentyConversationsOnTwoInstancesRaceForOneSlotAndOneGetsIt() {
        RedisSlots here = new RedisSlots(redis);
        RedisConnection otherConnection = Await.result(RedisConnection.connect(vertx, server.url()));
        try {
            RedisSlots there = new RedisSlots(otherConnection);
            Await.result(here.add(List.of(slot("s1", NOW.plusSeconds(86_400)))));
            List<Future<Slots.Outcome>> tries = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                RedisSlots instance = i % 2 == 0 ? here : there;
                tries.add(instance.book(booking("b" + i, "s1", "conv" + i), NOW));
            }
            Await.result(Future.all(tries));
            long booked = tries.stream().filter(f -> f.result() == Slots.Outcome.BOOKED).count();
            long taken = tries.stream().filter(f -> f.result() == Slots.Outcome.TAKEN).count();
            assertEquals(1, booked);
            assertEquals(19, taken);
            Slot s = Await.result(here.from(NOW)).get(0);
            assertFalse(s.free());
            String winner = s.bookingId();
            // Only the winner has a standing booking.
            assertEquals(1, Await.result(here.standing()).size());
            assertEquals(winner, Await.result(here.standing()).values().iterator().next());
        } finally {
            Await.result(otherConnection.close());
        }
    }

    @Test
    void theSameBookingAgainIsTheSameBookingAndACancelledSlotCanBeBookedAgain() {
        RedisSlots slots = new RedisSlots(redis);
        Await.result(slots.add(List.of(slot("s1", NOW.plusSeconds(86_400)))));
        assertEquals(Slots.Outcome.BOOKED, Await.result(slots.book(booking("b1", "s1", "c1"), NOW)));
        assertEquals(Slots.Outcome.BOOKED, Await.result(slots.book(booking("b1", "s1", "c1"), NOW)), "a turn run twice books once");
        assertEquals(Slots.Outcome.TAKEN, Await.result(slots.book(booking("b2", "s1", "c2"), NOW)));

        assertTrue(Await.result(slots.cancel("b1", NOW)));
        assertFalse(Await.result(slots.cancel("b1", NOW)), "cancelled once");
        Booking cancelled = Await.result(slots.booking("b1"));
        assertFalse(cancelled.standing());
        assertNull(Await.result(slots.standingOf("c1")));
        assertTrue(Await.result(slots.from(NOW)).get(0).free());

        assertEquals(Slots.Outcome.BOOKED, Await.result(slots.book(booking("b2", "s1", "c2"), NOW)));
        Booking b2 = Await.result(slots.standingOf("c2"));
        assertNotNull(b2);
        assertEquals("Buurtfeest Moerwijk", b2.intake().get("organisatie"));
        assertEquals("s1", b2.slotId());
    }

    @Test
    void bookingAnotherTimeMovesTheTalkAndFreesTheFirst() {
        RedisSlots slots = new RedisSlots(redis);
        Await.result(slots.add(List.of(slot("s1", NOW.plusSeconds(86_400)), slot("s2", NOW.plusSeconds(2 * 86_400)))));
        assertEquals(Slots.Outcome.BOOKED, Await.result(slots.book(booking("b1", "s1", "c1"), NOW)));
        assertEquals(Slots.Outcome.BOOKED, Await.result(slots.book(booking("b2", "s2", "c1"), NOW)));
        List<Slot> all = Await.result(slots.from(NOW));
        assertTrue(all.get(0).free(), "the first time is free again");
        assertEquals("b2", all.get(1).bookingId());
        assertFalse(Await.result(slots.booking("b1")).standing());
        assertEquals("b2", Await.result(slots.standingOf("c1")).id());
    }

    @Test
    void aTimeGoneOrPastCannotBeBookedAndABookedOneCannotBeRemoved() {
        RedisSlots slots = new RedisSlots(redis);
        Await.result(slots.add(List.of(slot("past", NOW.minusSeconds(60)), slot("s1", NOW.plusSeconds(3_600)))));
        assertEquals(Slots.Outcome.PAST, Await.result(slots.book(booking("b1", "past", "c1"), NOW)));
        assertEquals(Slots.Outcome.GONE, Await.result(slots.book(booking("b1", "nope", "c1"), NOW)));
        long before = Await.result(slots.version());
        assertEquals(Slots.Outcome.BOOKED, Await.result(slots.book(booking("b1", "s1", "c1"), NOW)));
        assertTrue(Await.result(slots.version()) > before, "a booking moves the version");
        assertFalse(Await.result(slots.remove("s1")), "booked: cancel first");
        assertTrue(Await.result(slots.remove("past")));
        assertFalse(Await.result(slots.remove("past")));
        assertEquals(List.of("s1"), Await.result(slots.from(NOW.minusSeconds(3_600))).stream().map(Slot::id).toList());
    }

    @Test
    void slotsThatEndedAreLeftOutOfTheCalendar() {
        RedisSlots slots = new RedisSlots(redis);
        Await.result(slots.add(List.of(slot("ended", NOW.minusSeconds(3_600)), slot("now", NOW.minusSeconds(600)),
                slot("later", NOW.plusSeconds(600)))));
        assertEquals(List.of("now", "later"), Await.result(slots.from(NOW)).stream().map(Slot::id).toList());
    }

    @Test
    void pastTimesAndTheirBookingsGoAfterTheRetentionAndOldCancellationsToo() {
        RedisSlots slots = new RedisSlots(redis);
        Await.result(slots.add(List.of(slot("old", NOW.minusSeconds(40L * 86_400)), slot("recent", NOW.minusSeconds(86_400)),
                slot("moved-from", NOW.plusSeconds(3_600)), slot("later", NOW.plusSeconds(7_200)))));
        // Booked when it was still to come (40 days ago), the intake in it.
        assertEquals(Slots.Outcome.BOOKED, Await.result(slots.book(booking("b-old", "old", "c-old"), NOW.minusSeconds(41L * 86_400))));
        assertEquals(Slots.Outcome.BOOKED, Await.result(slots.book(booking("b-moved", "moved-from", "c1"), NOW.minusSeconds(35L * 86_400))));
        assertEquals(Slots.Outcome.BOOKED, Await.result(slots.book(booking("b-later", "later", "c1"), NOW.minusSeconds(35L * 86_400))));
        long removed = Await.result(new SlotTrim(redis, java.time.Duration.ofDays(30)).run(NOW));
        assertEquals(1, removed);
        assertEquals(List.of("recent", "moved-from", "later"), Await.result(slots.from(NOW.minusSeconds(60L * 86_400))).stream().map(Slot::id).toList());
        assertNull(Await.result(slots.booking("b-old")), "the intake of a talk past the retention is gone");
        assertNull(Await.result(slots.standingOf("c-old")));
        assertNull(Await.result(slots.booking("b-moved")), "a booking cancelled 35 days ago is gone");
        assertNotNull(Await.result(slots.booking("b-later")));
    }

    @Test
    void theStandingBookingOfATalkThatTookPlaceIsNotCancelledByTheNext() {
        RedisSlots slots = new RedisSlots(redis);
        Await.result(slots.add(List.of(slot("morning", NOW.minusSeconds(3_600)), slot("next", NOW.plusSeconds(86_400)))));
        assertEquals(Slots.Outcome.BOOKED, Await.result(slots.book(booking("b1", "morning", "c1"), NOW.minusSeconds(86_400))));
        assertEquals(Slots.Outcome.BOOKED, Await.result(slots.book(booking("b2", "next", "c1"), NOW)));
        assertTrue(Await.result(slots.booking("b1")).standing(), "it took place: not cancelled");
        assertEquals("b1", Await.result(slots.from(NOW.minusSeconds(7_200))).get(0).bookingId(), "still held by whom it was");
        assertEquals("b2", Await.result(slots.standingOf("c1")).id());
    }

    /** A message handled twice (its lease ran out while its first turn was saved): the second run books nothing. */
    @Test
    void aMessageWhoseTurnWasSavedAlreadyBooksNothing() {
        RedisSlots slots = new RedisSlots(redis);
        Await.result(slots.add(List.of(slot("s1", NOW.plusSeconds(86_400)), slot("s2", NOW.plusSeconds(2 * 86_400)))));
        String stream = RedisKeys.inbound(3);
        sync(raw().xgroupCreate(io.lettuce.core.XReadArgs.StreamOffset.from(stream, "0"), RedisKeys.INBOUND_GROUP,
                io.lettuce.core.XGroupCreateArgs.Builder.mkstream()));
        String entry = sync(raw().xadd(stream, java.util.Map.of("m", "1")));
        sync(raw().xreadgroup(io.lettuce.core.Consumer.from(RedisKeys.INBOUND_GROUP, "runner-a"),
                io.lettuce.core.XReadArgs.StreamOffset.lastConsumed(stream)));
        nl.omkijken.runner.InboundReceipt receipt = new nl.omkijken.runner.InboundReceipt(3, entry);
        assertEquals(Slots.Outcome.BOOKED, Await.result(slots.book(booking("b1", "s1", "c1"), NOW, receipt)), "pending: booked");
        sync(raw().xack(stream, RedisKeys.INBOUND_GROUP, entry));
        assertEquals(Slots.Outcome.HANDLED, Await.result(slots.book(booking("b2", "s2", "c1"), NOW, receipt)));
        assertEquals("b1", Await.result(slots.standingOf("c1")).id(), "nothing moved");
        assertTrue(Await.result(slots.from(NOW)).get(1).free());
    }

    /** The sandbox's example times: to an empty calendar only, on days that may be offered (no December, no holiday). */
    @Test
    void exampleTimesGoToAnEmptyCalendarOnOpenDaysOnly() {
        RedisSlots slots = new RedisSlots(redis);
        java.time.Clock friday = java.time.Clock.fixed(Instant.parse("2026-11-27T09:00:00Z"), java.time.ZoneOffset.UTC);
        nl.omkijken.booking.BookingRules rules = nl.omkijken.booking.BookingRulesReader.read(java.nio.file.Path.of("dialogs"));
        assertEquals(8, Await.result(nl.omkijken.booking.ExampleTimes.addIfEmpty(slots, rules, List.of("Escamp", "Laak"), friday)));
        List<String> days = Await.result(slots.from(Instant.parse("2026-11-27T00:00:00Z"))).stream()
                .map(x -> x.start().atZone(nl.omkijken.booking.BookingRules.ZONE).toLocalDate().toString()).distinct().toList();
        assertEquals(List.of("2026-11-30", "2027-01-04"), days, "Monday, then past December and New Year's Day");
        assertEquals(0, Await.result(nl.omkijken.booking.ExampleTimes.addIfEmpty(slots, rules, List.of("Escamp"), friday)), "never twice");
    }
}
