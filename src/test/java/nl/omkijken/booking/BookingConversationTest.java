package nl.omkijken.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import nl.omkijken.channels.sandbox.SandboxSender;
import nl.omkijken.engine.Engine;
import nl.omkijken.engine.Event;
import nl.omkijken.engine.Knowledge;
import nl.omkijken.people.Address;
import nl.omkijken.people.People;
import nl.omkijken.runner.Inbound;
import nl.omkijken.runner.JobPoller;
import nl.omkijken.runner.LineServices;
import nl.omkijken.runner.Pseudonym;
import nl.omkijken.runner.TurnResult;
import nl.omkijken.runner.TurnRunner;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConversationStore;
import nl.omkijken.store.redis.RedisJobStore;
import nl.omkijken.store.redis.RedisSlots;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.MutableClock;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.ProjectDialogs;
import nl.omkijken.testing.RedisServer;
import nl.omkijken.testing.TestPeople;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The helpdesk's booking as people live it, with every real part: the project's dialogs and bookings.yaml, the runner,
 * the slot view and the atomic booking on a real redis-server, two instances where two people race, the job poller
 * for the reminder. Tuesday 5 January 2027, 10:00 in The Hague.
 */
class BookingConversationTest {
    private static RedisServer redis;
    private final MutableClock clock = new MutableClock(Instant.parse("2027-01-05T09:00:00Z"));
    private final List<Instance> instances = new ArrayList<>();

    /** One service instance: its own Vert.x, Redis connection, slot view and runner. */
    private final class Instance {
        final Vertx vertx = Vertx.vertx();
        final RedisConnection conn = Await.result(RedisConnection.connect(vertx, redis.url()));
        final RedisSlots slots = new RedisSlots(conn);
        final SlotBoard board = new SlotBoard(slots, BookingRulesReader.read(Path.of("dialogs")), clock);
        final SlotReservations reservations = new SlotReservations(slots, board, new BookingIds("booking-test-key-0123456789".getBytes()));
        final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        final TurnRunner runner = new TurnRunner(vertx, new Engine(ProjectDialogs.shared(), Knowledge.NONE, board),
                new RedisConversationStore(conn), Nlu.shared(), clock, new TurnRunner.Options(Duration.ofSeconds(30), Duration.ofSeconds(20), "nl"),
                metrics, new Pseudonym("booking-test-key-0123456789".getBytes()),
                new LineServices(nl.omkijken.runner.LineHours.NONE, nl.omkijken.runner.WaitHistory.NONE, nl.omkijken.routing.Routing.none(),
                        nl.omkijken.runner.Staffing.ASSUMED, nl.omkijken.runner.DailyFigures.NONE, reservations));
        final JobPoller poller = new JobPoller(new RedisJobStore(conn), runner, List.of(), clock, Duration.ofHours(1),
                Duration.ofSeconds(60), metrics);
        /** The tasks turns leave (a cancellation after the turn that told the person is saved). */
        final nl.omkijken.runner.TaskWorker tasks = new nl.omkijken.runner.TaskWorker(new nl.omkijken.store.redis.RedisTaskSource(conn),
                List.of(new CancelledBookings(reservations, new InviteMails(slots, new BookingIds("booking-test-key-0123456789".getBytes()),
                        board.rules(), Mailer.NONE, new nl.omkijken.store.redis.RedisOnceMarks(conn), clock, metrics), clock)),
                "booking-test-" + java.util.UUID.randomUUID(), Duration.ofSeconds(1),
                Duration.ofMinutes(1), 10, metrics);

        Instance() {
            Await.result(board.begin());
        }

        String say(String who, String text) {
            People.Known k = TestPeople.resolve(conn, new Address(SandboxSender.CHANNEL, who, who));
            TurnResult r = Await.result(runner.handle(new Inbound(k.conversationId(), SandboxSender.CHANNEL, k.addressKey(), "helpdesk", "nl",
                    text, null, clock.instant())));
            return r.replies().stream().map(Event.Reply::text).collect(Collectors.joining("\n"));
        }

        String conversation(String who) {
            return TestPeople.resolve(conn, new Address(SandboxSender.CHANNEL, who, who)).conversationId();
        }

        void close() {
            Await.result(conn.close());
            Await.result(vertx.close());
        }
    }

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stop() {
        redis.stop();
    }

    @BeforeEach
    void clean() {
        redis.flushAll();
    }

    @AfterEach
    void close() {
        instances.forEach(Instance::close);
    }

    private Instance instance() {
        Instance i = new Instance();
        instances.add(i);
        return i;
    }

    private static Instant dutch(String local) {
        return LocalDateTime.parse(local).atZone(BookingRules.ZONE).toInstant();
    }

    private static Slot slot(String id, String district, String local, Slot.Kind kind) {
        return new Slot(id, district, kind, dutch(local), 45, kind == Slot.Kind.POPUP ? "Buurthuis Moerwijk" : "telefonisch",
                kind == Slot.Kind.POPUP ? "" : "Sanne", null);
    }

    /** Escamp's account holder and Pop-up Helpdesk, and one time in Centrum; added as the console does, then seen. */
    private void calendar(Instance i) {
        Await.result(i.slots.add(List.of(
                slot("soon", "Escamp", "2027-01-05T16:00", Slot.Kind.ACCOUNTHOUDER),      // sooner than the notice
                slot("e1", "Escamp", "2027-01-06T10:00", Slot.Kind.ACCOUNTHOUDER),
                slot("e2", "Escamp", "2027-01-07T14:00", Slot.Kind.ACCOUNTHOUDER),
                slot("e3", "Escamp", "2027-01-08T10:30", Slot.Kind.POPUP),
                slot("e4", "Escamp", "2027-01-12T10:00", Slot.Kind.ACCOUNTHOUDER),        // a fourth: three are offered
                slot("c1", "Centrum", "2027-01-06T09:00", Slot.Kind.ACCOUNTHOUDER))));
        for (Instance each : instances) Await.result(each.board.refresh());
    }

    /** From the first message to the offered times; returns the offer. */
    private String intake(Instance i, String who, String organisation) {
        i.say(who, "Wij willen graag een afspraak maken met de accounthouder");
        i.say(who, organisation);
        i.say(who, "Moerwijk");
        i.say(who, "Fatima el Amrani");
        i.say(who, "fatima@example.nl");
        i.say(who, "2");
        return i.say(who, "1");
    }

    @Test
    void anOrganisationBooksATimeOfItsStadsdeelAndTheAccountHolderGetsTheIntake() {
        Instance i = instance();
        calendar(i);
        String offer = intake(i, "fatima", "Stichting Buurtfeest Moerwijk");
        assertTrue(offer.startsWith("Wanneer past een gesprek met de accounthouder u? 1 = woensdag 6 januari om 10:00, met Sanne (telefonisch), "
                + "2 = donderdag 7 januari om 14:00, met Sanne (telefonisch), 3 = vrijdag 8 januari om 10:30, Pop-up Helpdesk in Buurthuis Moerwijk, "
                + "4 = Geen van deze tijden"), offer);

        String confirmed = i.say("fatima", "2");
        assertTrue(confirmed.startsWith("Uw afspraak staat: donderdag 7 januari om 14:00, met Sanne (telefonisch). De accounthouder leest"),
                confirmed);
        Booking b = Await.result(i.slots.standingOf(i.conversation("fatima")));
        assertNotNull(b);
        assertEquals("e2", b.slotId());
        assertEquals("Stichting Buurtfeest Moerwijk", b.intake().get("organisatie"));
        assertEquals("Escamp", b.intake().get("stadsdeel"));
        assertEquals("fatima@example.nl", b.intake().get("email"));
        assertFalse(b.intake().keySet().stream().anyMatch(k -> k.startsWith("_")), "the engine's own slots stay out: " + b.intake());
        // Asked after later: the booked talk is the answer (not "in the queue"), and nothing starts afresh.
        clock.advance(Duration.ofHours(3));
        String status = i.say("fatima", "Wanneer hoor ik iets van jullie?");
        assertTrue(status.startsWith("Het gesprek staat gepland: donderdag 7 januari om 14:00, met Sanne (telefonisch). Verzetten of afzeggen?"),
                status);
        // The time is no longer offered to anyone.
        assertTrue(intake(i, "karim", "Speeltuinvereniging").contains("2 = vrijdag 8 januari om 10:30, Pop-up Helpdesk"));
    }

    @Test
    void twoPeopleOnTwoInstancesChooseTheSameTimeAndTheOneTooLateIsOfferedOthers() {
        Instance a = instance();
        Instance b = instance();
        calendar(a);
        intake(a, "fatima", "Stichting Buurtfeest Moerwijk");
        intake(b, "karim", "Speeltuinvereniging De Schommel");
        assertTrue(a.say("fatima", "1").startsWith("Uw afspraak staat: woensdag 6 januari om 10:00"));
        // Instance b has not seen the booking yet (its view reloads every few seconds): the booking itself says no.
        String late = b.say("karim", "1");
        assertTrue(late.startsWith("Die tijd is net niet meer vrij.\nWanneer past een gesprek met de accounthouder u? "
                + "1 = donderdag 7 januari om 14:00"), late);
        assertFalse(late.contains("6 januari om 10:00"), late);
        assertTrue(b.say("karim", "1").startsWith("Uw afspraak staat: donderdag 7 januari om 14:00"));
        assertEquals("e1", Await.result(a.slots.standingOf(a.conversation("fatima"))).slotId());
        assertEquals("e2", Await.result(a.slots.standingOf(a.conversation("karim"))).slotId());
    }

    @Test
    void theReminderComesTheDayBeforeAndTheTalkIsMovedByMessage() {
        Instance i = instance();
        calendar(i);
        intake(i, "fatima", "Stichting Buurtfeest Moerwijk");
        i.say("fatima", "2");  // Thursday 7 January 14:00
        // Wednesday 6 January 10:00: the reminder.
        clock.advance(Duration.ofHours(24));
        Await.result(i.poller.runOnce());
        List<String> said = sentTo(i, "fatima");
        String reminder = said.get(said.size() - 1);
        assertEquals("Herinnering van de PEP Helpdesk: uw afspraak is donderdag 7 januari om 14:00, met Sanne (telefonisch). "
                + "1 = ik kom, 2 = verzetten, 3 = afzeggen", reminder);
        String offer = i.say("fatima", "verzetten");
        assertTrue(offer.startsWith("Welke tijd past u beter? 1 = vrijdag 8 januari om 10:30, Pop-up Helpdesk in Buurthuis Moerwijk, "
                + "2 = dinsdag 12 januari om 10:00, met Sanne (telefonisch)"), offer);
        assertTrue(i.say("fatima", "1").startsWith("Uw afspraak is verzet naar vrijdag 8 januari om 10:30, Pop-up Helpdesk"));
        Booking moved = Await.result(i.slots.standingOf(i.conversation("fatima")));
        assertEquals("e3", moved.slotId());
        assertEquals("Stichting Buurtfeest Moerwijk", moved.intake().get("organisatie"), "a moved talk keeps its intake");
        assertEquals("fatima@example.nl", moved.intake().get("email"));
        assertEquals("Wij willen graag een afspraak maken met de accounthouder", moved.intake().get("vraag"), "the question it was booked for");
        assertTrue(Await.result(i.slots.from(clock.instant())).stream().filter(s -> s.id().equals("e2")).findFirst().orElseThrow().free(),
                "the earlier time is free again");
    }

    @Test
    void aTalkIsCancelledByMessageAndItsTimeIsFreeAgain() {
        Instance i = instance();
        calendar(i);
        intake(i, "fatima", "Stichting Buurtfeest Moerwijk");
        i.say("fatima", "1");
        clock.advance(Duration.ofHours(7));
        String asked = i.say("fatima", "Ik wil mijn afspraak afzeggen");
        assertTrue(asked.contains("U heeft een afspraak: woensdag 6 januari om 10:00, met Sanne (telefonisch). Wat wilt u? 1 = verzetten"), asked);
        assertTrue(i.say("fatima", "2").startsWith("Uw afspraak (woensdag 6 januari om 10:00, met Sanne (telefonisch)) is afgezegd."));
        // Cancelled by the task the turn's commit wrote.
        Await.result(i.tasks.runOnce());
        Await.result(i.board.refresh());
        assertNull(Await.result(i.slots.standingOf(i.conversation("fatima"))));
        assertTrue(Await.result(i.slots.from(clock.instant())).stream().filter(s -> s.id().equals("e1")).findFirst().orElseThrow().free());
        // No reminder for a cancelled talk.
        int before = sentTo(i, "fatima").size();
        clock.advance(Duration.ofHours(20));
        Await.result(i.poller.runOnce());
        assertEquals(before, sentTo(i, "fatima").size());
    }

    /**
     * The instance books the time, then dies before the turn is saved: the message comes again, and the turn run again
     * finds the time its own (the same booking), confirms it, and books nothing twice.
     */
    @Test
    void aTurnRunAgainAfterItsBookingWasMadeButNotSavedConfirmsTheSameTalk() {
        Instance i = instance();
        calendar(i);
        intake(i, "fatima", "Stichting Buurtfeest Moerwijk");
        String conversation = i.conversation("fatima");
        // What the first run wrote before it died: the booking, with the id the same turn makes.
        Slots.Outcome first = Await.result(i.slots.book(new Booking(new BookingIds("booking-test-key-0123456789".getBytes()).of(conversation, "e2"),
                "e2", conversation, SandboxSender.CHANNEL, "a", "nl", java.util.Map.of(), clock.instant(), null), clock.instant()));
        assertEquals(Slots.Outcome.BOOKED, first);
        Await.result(i.board.refresh());
        String confirmed = i.say("fatima", "2");
        assertTrue(confirmed.startsWith("Uw afspraak staat: donderdag 7 januari om 14:00"), confirmed);
        assertEquals(1, Await.result(i.slots.standing()).size());
        assertEquals("e2", Await.result(i.slots.standingOf(conversation)).slotId());
    }

    /** A talk that took place stays as it was when the same conversation books a new one. */
    @Test
    void aTalkThatTookPlaceIsNotCancelledByTheNextBooking() {
        Instance i = instance();
        calendar(i);
        intake(i, "fatima", "Stichting Buurtfeest Moerwijk");
        i.say("fatima", "1");  // Wednesday 6 January 10:00
        String first = Await.result(i.slots.standingOf(i.conversation("fatima"))).id();
        clock.advance(Duration.ofHours(30)); // Wednesday 16:00: the talk took place
        Await.result(i.board.refresh());
        intake(i, "fatima", "Stichting Buurtfeest Moerwijk");
        assertTrue(i.say("fatima", "1").startsWith("Uw afspraak staat: "));
        assertTrue(Await.result(i.slots.booking(first)).standing(), "the talk that took place is not recorded as cancelled");
    }

    @Test
    void withNoTimeFreeTheAccountHolderGetsTheIntakeToCall() {
        Instance i = instance();
        String said = intake(i, "fatima", "Stichting Buurtfeest Moerwijk");
        assertTrue(said.contains("Ik heb uw vraag doorgegeven aan de accounthouder van uw stadsdeel"), said);
    }

    /** What the bot said in the conversation, from its transcript. */
    private static List<String> sentTo(Instance i, String who) {
        return Await.result(i.runner.store().transcript(i.conversation(who))).stream()
                .filter(e -> "out".equals(e.direction())).map(e -> e.text()).toList();
    }
}
