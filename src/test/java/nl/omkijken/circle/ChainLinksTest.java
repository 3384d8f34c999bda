package nl.omkijken.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.omkijken.runner.ClaimedJob;
import nl.omkijken.runner.JobHandler;
import nl.omkijken.store.redis.RedisChains;
import nl.omkijken.store.redis.RedisCheckInLog;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisJobStore;
import nl.omkijken.store.redis.RedisOnceMarks;
import nl.omkijken.store.redis.RedisParticipants;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.MutableClock;
import nl.omkijken.testing.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A circle run as a chain, with the service as its safety net, on a real redis-server and a fake clock: the plan
 * calls the chain's members no more, each member heard from since the chain began is settled at their deadline,
 * one who is not is called by the service at once (in their window) and climbs the ladder; members who join or
 * leave the chain during the day, a mixed circle, a member away.
 */
class ChainLinksTest {
    /** Monday 7 December 2026 in Amsterdam (UTC+1). */
    static final LocalDate DAY = LocalDate.of(2026, 12, 7);

    private RedisServer server;
    private Vertx vertx;
    private RedisConnection redis;
    private RedisJobStore jobs;
    private RedisParticipants participants;
    private RedisChains chains;
    private RedisCheckInLog log;
    private DailyCalls daily;
    private final MutableClock clock = new MutableClock(at("00:05"));
    private final List<String> placed = new CopyOnWriteArrayList<>();
    private final Set<String> spoke = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Set<String> away = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<Instant> heardSince = new CopyOnWriteArrayList<>();

    /** A time that Monday, Dutch time. */
    static Instant at(String hhmm) {
        return java.time.ZonedDateTime.of(DAY, LocalTime.parse(hhmm), CallPlan.ZONE).toInstant();
    }

    @BeforeEach
    void start() {
        server = RedisServer.start();
        vertx = Vertx.vertx();
        redis = Await.result(RedisConnection.connect(vertx, server.url()));
        jobs = new RedisJobStore(redis);
        participants = new RedisParticipants(redis);
        chains = new RedisChains(redis);
        log = new RedisCheckInLog(redis);
        CallPlacer placer = (p, attempt) -> {
            placed.add(p.id() + (attempt > 1 ? "#" + attempt : ""));
            return Future.succeededFuture("CA" + placed.size());
        };
        TextCheckIn text = new TextCheckIn() {
            @Override
            public Future<Boolean> send(Participant p) {
                return Future.succeededFuture(true);
            }

            @Override
            public Future<Boolean> answeredSince(Participant p, Instant since) {
                return Future.succeededFuture(false);
            }
        };
        ContactAlert contacts = new ContactAlert() {
            @Override
            public Future<Asked> ask(Participant p, Participant.Person who) {
                return Future.succeededFuture(Asked.SMS);
            }

            @Override
            public Future<Answer> answer(Participant p, Participant.Person who, Instant since) {
                return Future.succeededFuture(Answer.NONE);
            }
        };
        Heard heard = (p, since) -> {
            heardSince.add(since);
            return Future.succeededFuture(spoke.contains(p.id()));
        };
        daily = new DailyCalls(participants, jobs, new CheckInChannels(placer, text, contacts, (p, history) -> Future.succeededFuture(),
                phone -> List.of(), heard), new RedisOnceMarks(redis), log, clock,
                new nl.omkijken.store.redis.RedisCallRate(redis, vertx, clock, 1), (p, day) -> Future.succeededFuture(away.contains(p.id())),
                p -> Ladder.DEFAULT, chains);
    }

    @AfterEach
    void stop() {
        Await.result(redis.close());
        Await.result(vertx.close());
        server.stop();
    }

    private void enrol(String id, String circle, String from, String until) {
        Await.result(participants.save(new Participant(id, "P " + id, "+3161234567" + (char) ('0' + placedIndex++), "nl",
                LocalTime.parse(from), LocalTime.parse(until), EnumSet.allOf(DayOfWeek.class), null, null, circle, "",
                new Participant.Consent("participant", LocalDate.of(2026, 1, 5), "paper"), true, Instant.EPOCH)));
    }

    private int placedIndex;

    /** Moves the clock to a time that Monday and runs what is due, twice (a step may leave a job due at once). */
    private void runAt(String hhmm) {
        clock.advance(Duration.between(clock.instant(), at(hhmm)));
        runDue();
        runDue();
    }

    private void runDue() {
        for (ClaimedJob j : Await.result(jobs.claimDue(clock.instant(), 100, Duration.ofMinutes(1)))) {
            JobHandler h = daily.handlers().stream().filter(x -> x.kind().equals(j.job().kind())).findFirst().orElseThrow();
            JobHandler.Result r = Await.result(h.run(j));
            if (r instanceof JobHandler.Result.Orphan) Await.result(jobs.drop(j));
            else Await.result(jobs.complete(j, List.of()));
        }
    }

    private List<String> steps(String id) {
        List<String> out = new ArrayList<>();
        for (CheckInLog.Entry e : Await.result(log.of(DAY, id))) out.add(e.step() + (e.detail().isEmpty() ? "" : " " + e.detail()));
        return out;
    }

    @Test
    void membersCallEachOtherAndTheServiceCallsOnlyWhoWasNotHeardFromByTheirDeadline() {
        enrol("anna", "Noord", "09:00", "11:00");
        enrol("bep", "Noord", "09:00", "11:00");
        enrol("cor", "noord ", "09:00", "11:00");
        // A mixed circle: Dirk is in Noord but not in its chain; the service calls him, as Eva of another circle.
        enrol("dirk", "Noord", "09:00", "10:00");
        enrol("eva", "Zuid", "09:00", "10:00");
        Await.result(chains.save(new Chain("Noord", LocalTime.of(9, 30), Duration.ofMinutes(10), List.of("anna", "bep", "cor"))));
        Await.result(daily.planToday());
        runDue();

        runAt("09:01");
        assertEquals(List.of("dirk", "eva"), placed.stream().sorted().toList(), "the chain's members are not called by the service");
        Await.result(daily.reached("dirk"));
        Await.result(daily.reached("eva"));

        // Anna began and Cor was called at the end of the chain, and both said so; nothing from Bep.
        spoke.add("anna");
        spoke.add("cor");
        runAt("09:49");
        assertEquals(2, placed.size(), "before the deadline nothing happens");
        runAt("09:50");
        assertEquals(List.of("CONFIRMED Noord"), steps("anna"));
        assertEquals(List.of("LINK_MISSED Noord", "CALLED 1"), steps("bep"));
        assertTrue(placed.contains("bep"), "the service calls Bep itself: " + placed);
        assertTrue(heardSince.stream().allMatch(at("09:30")::equals), "a word counts from the chain's start: " + heardSince);
        runAt("10:00");
        assertEquals(List.of("CONFIRMED Noord"), steps("cor"));
        assertEquals(3, placed.size());

        // Bep speaks in the service's call, then hangs up; the chain is saved again (a restart plans the day anew too):
        // her link, decided, is not read again from what she said since, which was the ladder's own call.
        spoke.add("bep");
        Await.result(daily.replan(Await.result(participants.byId("anna"))));
        Await.result(daily.planToday());
        runAt("10:01");
        assertTrue(steps("bep").stream().noneMatch(s -> s.startsWith("CONFIRMED")), steps("bep").toString());
        // Bep does not answer the service's call either: the ladder goes on, a try later.
        Await.result(daily.notReached("bep", 1, "no-answer"));
        runAt("10:05");
        assertTrue(placed.contains("bep#2"), placed.toString());
        assertEquals(CheckInState.REACHED, CheckInState.of(Await.result(log.of(DAY, "anna"))));
    }

    @Test
    void theServicesCallForABrokenLinkWaitsForTheWindowAndAMemberAwayIsNotCalled() {
        enrol("anna", "Noord", "09:00", "11:00");
        enrol("bep", "Noord", "10:00", "11:00");
        enrol("cor", "Noord", "09:00", "11:00");
        Await.result(chains.save(new Chain("Noord", LocalTime.of(9, 30), Duration.ofMinutes(10), List.of("anna", "bep", "cor"))));
        away.add("cor");
        spoke.add("anna");
        Await.result(daily.planToday());
        runDue();
        runAt("09:50");
        assertEquals(List.of(), placed, "Bep's window opens at 10:00");
        assertEquals(List.of("LINK_MISSED Noord"), steps("bep"));
        runAt("10:00");
        assertEquals(List.of("bep"), placed, "called at the window's start, not skipped as a chain member");
        assertEquals(List.of("AWAY"), steps("cor"));
    }

    /** A chain saved while its members' day could not be planned anew: their planned call makes their link itself. */
    @Test
    void aMemberWhoseLinkWasNeverPlannedIsStillChecked() {
        enrol("anna", "Noord", "09:00", "11:00");
        enrol("bep", "Noord", "09:00", "11:00");
        Await.result(daily.planToday());
        runDue();
        runAt("08:00");
        Await.result(chains.save(new Chain("Noord", LocalTime.of(9, 30), Duration.ofMinutes(10), List.of("anna", "bep"))));
        runAt("09:01");
        assertEquals(List.of(), placed, "the chain calls them");
        spoke.add("bep");
        runAt("09:50");
        assertEquals(List.of("LINK_MISSED Noord", "CALLED 1"), steps("anna"));
        assertEquals(List.of("CONFIRMED Noord"), steps("bep"));
    }

    @Test
    void joiningOrLeavingTheChainDuringTheDayMovesWhoCallsNeverCallingTwice() {
        enrol("anna", "Noord", "09:00", "11:00");
        enrol("bep", "Noord", "09:00", "11:00");
        Await.result(daily.planToday());
        runDue();
        // At eight the coordinator makes Noord a chain: their planned calls are the chain's now.
        runAt("08:00");
        Chain noord = new Chain("Noord", LocalTime.of(9, 30), Duration.ofMinutes(10), List.of("anna", "bep"));
        Await.result(chains.save(noord));
        for (String id : noord.members()) Await.result(daily.replan(Await.result(participants.byId(id))));
        runAt("09:00");
        assertEquals(List.of(), placed);
        // At 09:40 it is undone: the service calls both at once, and their deadlines later change nothing.
        runAt("09:40");
        Await.result(chains.remove("noord"));
        for (String id : noord.members()) Await.result(daily.replan(Await.result(participants.byId(id))));
        runDue();
        assertEquals(List.of("anna", "bep"), placed.stream().sorted().toList());
        // Both pick up; their old deadlines come and go.
        Await.result(daily.reached("anna"));
        Await.result(daily.reached("bep"));
        runAt("09:50");
        runAt("10:30");
        assertEquals(2, placed.size(), "nobody twice: " + placed);
    }
}
