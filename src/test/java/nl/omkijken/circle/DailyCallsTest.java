package nl.omkijken.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.omkijken.runner.ClaimedJob;
import nl.omkijken.runner.JobHandler;
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
 * The daily calls as jobs on a real redis-server and a fake clock: the day's plan schedules each call at its
 * time and the next day's plan; each call is placed once (also when the plan is made again), only in its
 * window, not for a participant paused, away or removed since.
 */
class DailyCallsTest {
    private RedisServer server;
    private Vertx vertx;
    private RedisConnection redis;
    private RedisJobStore jobs;
    private RedisParticipants participants;
    private final List<String> placed = new CopyOnWriteArrayList<>();
    private final List<String> away = new CopyOnWriteArrayList<>();
    private final List<String> texted = new CopyOnWriteArrayList<>();
    private final List<String> unreachableByText = new CopyOnWriteArrayList<>();
    private final List<String> wroteBack = new CopyOnWriteArrayList<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final Map<String, ContactAlert.Answer> answers = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> alerted = new CopyOnWriteArrayList<>();
    private RedisCheckInLog log;
    // Monday 7 December 2026, 00:05 in Amsterdam (23:05 UTC the day before).
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T23:05:00Z"));
    private DailyCalls daily;

    @BeforeEach
    void start() {
        server = RedisServer.start();
        vertx = Vertx.vertx();
        redis = Await.result(RedisConnection.connect(vertx, server.url()));
        jobs = new RedisJobStore(redis);
        participants = new RedisParticipants(redis);
        log = new RedisCheckInLog(redis);
        CallPlacer placer = (p, attempt) -> {
            placed.add(p.id() + (attempt > 1 ? "#" + attempt : ""));
            return Future.succeededFuture("CA" + placed.size());
        };
        daily = daily(placer);
    }

    /**
     * The daily calls with the channels' ports recording what they were asked (the real ones, over the fake Twilio,
     * are VoiceEndToEndTest's): the text, the contacts asked, the coordinator's history.
     */
    private DailyCalls daily(CallPlacer placer) {
        return daily(placer, 1);
    }

    /** @param perSecond the account's calls a second */
    private DailyCalls daily(CallPlacer placer, int perSecond) {
        TextCheckIn text = new TextCheckIn() {
            @Override
            public Future<Boolean> send(Participant p) {
                texted.add(p.id());
                return Future.succeededFuture(!unreachableByText.contains(p.id()));
            }

            @Override
            public Future<Boolean> answeredSince(Participant p, Instant since) {
                return Future.succeededFuture(wroteBack.contains(p.id()));
            }
        };
        ContactAlert contacts = new ContactAlert() {
            @Override
            public Future<Asked> ask(Participant p, Participant.Person who) {
                asked.add(who.name());
                return Future.succeededFuture(PhoneNumbers.textable(who.phone()) ? Asked.SMS : Asked.CALL);
            }

            @Override
            public Future<Answer> answer(Participant p, Participant.Person who, Instant since) {
                return Future.succeededFuture(answers.getOrDefault(who.name(), Answer.NONE));
            }
        };
        CoordinatorAlert coordinator = (p, history) -> {
            alerted.add(history);
            return Future.succeededFuture();
        };
        return new DailyCalls(participants, jobs, new CheckInChannels(placer, text, contacts, coordinator), new RedisOnceMarks(redis),
                log, clock, new nl.omkijken.store.redis.RedisCallRate(redis, vertx, clock, perSecond), (p, day) -> Future.succeededFuture(away.contains(p.id())), p -> Ladder.DEFAULT);
    }

    @AfterEach
    void stop() {
        Await.result(redis.close());
        Await.result(vertx.close());
        server.stop();
    }

    private static Participant p(String id, String phone, String from, String until, boolean active) {
        return new Participant(id, "P " + id, phone, "nl", LocalTime.parse(from), LocalTime.parse(until),
                EnumSet.allOf(DayOfWeek.class), null, null, "", "",
                new Participant.Consent("participant", LocalDate.of(2026, 1, 5), "paper"), active, Instant.EPOCH);
    }

    /** Claims what is due at the clock's time and runs it with the daily calls' handlers; returns the jobs run. */
    private List<String> runDue() {
        List<ClaimedJob> due = Await.result(jobs.claimDue(clock.instant(), 100, Duration.ofMinutes(1)));
        List<String> ran = new ArrayList<>();
        for (ClaimedJob j : due) {
            JobHandler h = daily.handlers().stream().filter(x -> x.kind().equals(j.job().kind())).findFirst().orElseThrow();
            JobHandler.Result r = Await.result(h.run(j));
            if (r instanceof JobHandler.Result.Orphan) Await.result(jobs.drop(j));
            else Await.result(jobs.complete(j, List.of()));
            ran.add(j.job().id());
        }
        return ran;
    }

    @Test
    void theDayIsPlannedAndEachIsCalledOnceInTheirWindow() {
        Await.result(participants.save(p("annie", "+31612345678", "09:30", "10:30", true)));
        Await.result(participants.save(p("bert", "+31612345679", "09:30", "10:30", true)));
        Await.result(participants.save(p("cor", "+31612345670", "11:00", "12:00", false)));
        Await.result(participants.save(p("dien", "+31612345671", "08:00", "09:00", true)));
        away.add("dien");
        Await.result(daily.planToday());
        List<String> ran = runDue();
        assertEquals(List.of("checkin-plan:2026-12-07"), ran);
        assertTrue(placed.isEmpty(), "nobody is called at five past midnight");

        // 09:30 Amsterdam = 08:30 UTC: annie at 09:30:00, bert a second later (one call a second).
        clock.advance(Duration.between(clock.instant(), Instant.parse("2026-12-07T08:30:00Z")));
        // Dien's call (08:00) comes due too, and finds her away: not called.
        assertEquals(List.of("checkin-call:dien|2026-12-07", "checkin-call:annie|2026-12-07"), runDue());
        clock.advance(Duration.between(clock.instant(), Instant.parse("2026-12-07T08:30:01Z")));
        assertEquals(List.of("checkin-call:bert|2026-12-07"), runDue());
        assertEquals(List.of("annie", "bert"), placed, "cor paused, dien away: not called");
        // Both answered (the phone says so when a person picks up).
        Await.result(daily.reached("annie"));
        Await.result(daily.reached("bert"));

        // A restart plans the day again: the calls made are not made twice.
        Await.result(daily.planToday());
        runDue();
        clock.advance(Duration.between(clock.instant(), Instant.parse("2026-12-07T08:31:00Z")));
        runDue();
        assertEquals(List.of("annie", "bert"), placed, "nobody twice");

        // Tomorrow's plan was scheduled for 00:05 Amsterdam time; the calls' own checks found them answered.
        clock.advance(Duration.between(clock.instant(), Instant.parse("2026-12-07T23:05:00Z")));
        List<String> tonight = runDue();
        assertTrue(tonight.contains("checkin-plan:2026-12-08"), tonight.toString());
        assertEquals(List.of("annie", "bert"), placed, "an answered call is not tried again");
    }

    @Test
    void aCallNobodyReportsOnGoesOnWithTheLadderByItsOwnCheck() {
        Await.result(participants.save(p("annie", "+31612345678", "09:30", "11:30", true)));
        Await.result(daily.planToday());
        runDue();
        clock.advance(Duration.between(clock.instant(), Instant.parse("2026-12-07T08:30:00Z")));
        runDue();
        // No status callback ever comes (lost, or the service was down): sixteen minutes later the check goes on.
        clock.advance(Duration.ofMinutes(16));
        assertEquals(List.of("checkin-check:annie|2026-12-07|1"), runDue());
        clock.advance(Duration.ofMinutes(15));
        runDue();
        assertEquals(List.of("annie", "annie#2"), placed);
    }

    @Test
    void notReachedItIsTriedTwiceMoreAQuarterApartThenTheCheckInGoesByText() {
        Await.result(participants.save(p("annie", "+31612345678", "09:30", "10:30", true)));
        Await.result(daily.planToday());
        runDue();
        clock.advance(Duration.between(clock.instant(), Instant.parse("2026-12-07T08:30:00Z")));
        runDue();
        assertEquals(List.of("annie"), placed);
        Await.result(daily.notReached("annie", 1, "no-answer"));
        clock.advance(Duration.ofMinutes(14));
        assertEquals(List.of(), runDue(), "not before a quarter of an hour");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of("checkin-call:annie|2026-12-07|2"), runDue());
        Await.result(daily.notReached("annie", 2, "busy"));
        clock.advance(Duration.ofMinutes(15));
        runDue();
        assertEquals(List.of("annie", "annie#2", "annie#3"), placed);
        assertTrue(texted.isEmpty());
        Await.result(daily.notReached("annie", 3, "machine"));
        assertEquals(List.of("checkin-text:annie|2026-12-07"), runDue());
        assertEquals(List.of("annie"), texted, "the check-in by text, once");
        // A repeated status callback does not text twice.
        Await.result(daily.notReached("annie", 3, "machine"));
        runDue();
        assertEquals(List.of("annie"), texted);
    }

    @Test
    void someoneEnrolledOrChangedDuringTheDayIsCalledTodayButNeverTwice() {
        Await.result(daily.planToday());
        runDue();
        // 10:15 Amsterdam: Annie is enrolled with a window 10:00-11:00, open already: called now.
        clock.advance(Duration.between(clock.instant(), Instant.parse("2026-12-07T09:15:00Z")));
        Participant annie = p("annie", "+31612345678", "10:00", "11:00", true);
        Await.result(participants.save(annie));
        Await.result(daily.replan(annie));
        assertEquals(List.of("checkin-call:annie|2026-12-07"), runDue());
        assertEquals(List.of("annie"), placed);
        Await.result(daily.reached("annie"));
        // Her window is moved to the afternoon: today's call was made (and answered); not again.
        Participant later = p("annie", "+31612345678", "14:00", "15:00", true);
        Await.result(participants.save(later));
        Await.result(daily.replan(later));
        clock.advance(Duration.between(clock.instant(), Instant.parse("2026-12-07T13:00:00Z")));
        runDue();
        assertEquals(List.of("annie"), placed, "one call a day");
        // Bert, enrolled at noon for a window that is over: from tomorrow.
        Participant bert = p("bert", "+31612345679", "09:00", "10:00", true);
        Await.result(participants.save(bert));
        Await.result(daily.replan(bert));
        runDue();
        assertEquals(List.of("annie"), placed);
    }

    @Test
    void aCallPastItsWindowOrOfSomeoneRemovedIsNotPlaced() {
        Await.result(participants.save(p("annie", "+31612345678", "09:30", "10:30", true)));
        Await.result(participants.save(p("bert", "+31612345679", "09:30", "10:30", true)));
        Await.result(daily.planToday());
        runDue();
        Await.result(participants.remove("bert"));
        // The service was down all morning: at 11:00 annie's window is over; no late call at lunch.
        clock.advance(Duration.between(clock.instant(), Instant.parse("2026-12-07T10:00:00Z")));
        List<String> ran = runDue();
        assertEquals(2, ran.size(), ran.toString());
        assertTrue(placed.isEmpty(), "no call after the window, none for someone removed: " + placed);
        // Not left unchecked: annie's check-in goes by text instead; bert is gone.
        assertEquals(List.of("checkin-text:annie|2026-12-07"), runDue());
        assertEquals(List.of("annie"), texted);
    }

    private static Participant withHelpers(String id, String phone) {
        return new Participant(id, "Annie " + id, phone, "nl", LocalTime.parse("09:30"), LocalTime.parse("12:00"),
                EnumSet.allOf(DayOfWeek.class), new Participant.Person("Jan " + id, "+3168765432" + id.length()),
                new Participant.Person("Els " + id, "+3161111222" + id.length()), "", "",
                new Participant.Consent("participant", LocalDate.of(2026, 1, 5), "paper"), true, Instant.EPOCH);
    }

    private void at(String utc) {
        clock.advance(Duration.between(clock.instant(), Instant.parse(utc)));
    }

    private List<CheckInLog.Entry> day(String id) {
        return Await.result(log.of(LocalDate.of(2026, 12, 7), id));
    }

    @Test
    void notReachedByCallsOrTextTheContactThenTheKeyHolderThenTheCoordinatorAreAskedEachInTurn() {
        Await.result(participants.save(withHelpers("a", "+31612345678")));
        Await.result(daily.planToday());
        runDue();
        at("2026-12-07T08:30:00Z");
        runDue();
        Await.result(daily.notReached("a", 1, "no-answer"));
        clock.advance(Duration.ofMinutes(15));
        runDue();
        Await.result(daily.notReached("a", 2, "busy"));
        clock.advance(Duration.ofMinutes(15));
        runDue();
        Await.result(daily.notReached("a", 3, "machine"));
        runDue();
        assertEquals(List.of("a", "a#2", "a#3"), placed);
        assertEquals(List.of("a"), texted);
        assertEquals(CheckInState.TEXTED, CheckInState.of(day("a")));

        // Half an hour for the text; then the contact person.
        clock.advance(Duration.ofMinutes(29));
        runDue();
        assertTrue(asked.isEmpty(), "not before the text had its time");
        clock.advance(Duration.ofMinutes(1));
        assertTrue(runDue().contains("checkin-contact:a|2026-12-07|contact"));
        assertEquals(List.of("Jan a"), asked);
        assertEquals(CheckInState.CONTACT, CheckInState.of(day("a")));

        // Jan says nothing for half an hour: the key holder.
        clock.advance(Duration.ofMinutes(30));
        runDue();
        runDue();
        assertEquals(List.of("Jan a", "Els a"), asked);
        // Els goes to look, and then says nothing more: after 45 minutes the coordinator, with the whole day.
        answers.put("Els a", ContactAlert.Answer.GOING);
        clock.advance(Duration.ofMinutes(30));
        runDue();
        assertTrue(alerted.isEmpty(), "she is looking");
        clock.advance(Duration.ofMinutes(45));
        runDue();
        runDue();
        assertEquals(1, alerted.size(), alerted.toString());
        String history = alerted.get(0);
        assertTrue(history.startsWith("Telefooncirkel: Annie a is vandaag (2026-12-07) niet bereikt."), history);
        for (String line : List.of("09:30 gebeld (poging 1)", "09:30 niet bereikt: geen gehoor", "09:45 niet bereikt: in gesprek",
                "10:00 niet bereikt: antwoordapparaat", "10:00 sms gestuurd", "10:30 contactpersoon Jan a gevraagd om te gaan kijken (sms)",
                "11:00 geen antwoord van contactpersoon Jan a", "11:00 sleutelhouder Els a gevraagd om te gaan kijken (sms)",
                "11:30 sleutelhouder Els a gaat kijken", "12:15 geen antwoord van sleutelhouder Els a")) {
            assertTrue(history.contains("\n" + line), line + " in\n" + history);
        }
        assertEquals(CheckInState.COORDINATOR, CheckInState.of(day("a")));

        // The same step again (a second instance, a job run twice): nobody asked or alerted twice.
        Await.result(jobs.schedule(new nl.omkijken.runner.Job(ContactSteps.COORDINATOR, "a|2026-12-07", clock.instant(), "")));
        Await.result(jobs.schedule(new nl.omkijken.runner.Job(ContactSteps.ASK, "a|2026-12-07|contact", clock.instant(), "")));
        runDue();
        assertEquals(1, alerted.size());
        assertEquals(List.of("Jan a", "Els a"), asked);
    }

    /** Claims what is due for one instance and runs it there; the future ends when all of it ran. */
    private io.vertx.core.Future<Void> runDueOn(DailyCalls instance) {
        return jobs.claimDue(clock.instant(), 100, Duration.ofMinutes(1)).compose(due -> {
            io.vertx.core.Future<Void> all = io.vertx.core.Future.succeededFuture();
            for (ClaimedJob j : due) {
                JobHandler h = instance.handlers().stream().filter(x -> x.kind().equals(j.job().kind())).findFirst().orElseThrow();
                all = all.compose(v -> h.run(j)).compose(r -> r instanceof JobHandler.Result.Orphan ? jobs.drop(j) : jobs.complete(j, List.of()))
                        .mapEmpty();
            }
            return all;
        });
    }

    /**
     * Two instances on one Redis, both polling, and every missed call reported twice at once (its status callback on
     * one instance, its own check on the other): over the whole ladder, each call, text, question and alert once.
     */
    @Test
    void twoInstancesRacingOverTheWholeLadderDoEachStepOnce() {
        // At 50 calls a second, so that the frozen clock never has a call wait for a second of its own.
        CallPlacer recording = (p, attempt) -> {
            placed.add(p.id() + (attempt > 1 ? "#" + attempt : ""));
            return Future.succeededFuture("CB" + placed.size());
        };
        DailyCalls one = daily(recording, 50);
        DailyCalls other = daily(recording, 50);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = "p" + (char) ('a' + i);
            ids.add(id);
            Await.result(participants.save(withHelpers(id, String.format("+316123450%02d", i))));
        }
        Await.result(one.planToday());
        Await.result(runDueOn(one));
        // From 09:30 to 13:00 in steps of a minute: both instances poll at once; each try is reported by both.
        at("2026-12-07T08:30:00Z");
        for (int minute = 0; minute <= 210; minute++) {
            Await.result(io.vertx.core.Future.all(runDueOn(one), runDueOn(other)));
            for (String id : ids) {
                for (int attempt = 1; attempt <= 3; attempt++) {
                    String tried = id + (attempt > 1 ? "#" + attempt : "");
                    if (placed.contains(tried) && !reported.contains(tried)) {
                        reported.add(tried);
                        int a = attempt;
                        Await.result(io.vertx.core.Future.all(one.notReached(id, a, "no-answer"), other.notReached(id, a, "no_status")));
                    }
                }
            }
            clock.advance(Duration.ofMinutes(1));
        }
        for (String id : ids) {
            assertEquals(List.of(id, id + "#2", id + "#3"), placed.stream().filter(x -> x.equals(id) || x.startsWith(id + "#")).toList(), id);
            assertEquals(1, texted.stream().filter(id::equals).count(), id + " texted once");
            assertEquals(List.of("Jan " + id, "Els " + id), asked.stream().filter(x -> x.endsWith(" " + id)).toList(), id);
            assertEquals(1, alerted.stream().filter(h -> h.contains("Annie " + id + " is vandaag")).count(), id + ": the coordinator once");
            List<CheckInLog.Entry> steps = day(id);
            assertEquals(3, steps.stream().filter(e -> e.step() == CheckInLog.Step.NOT_REACHED).count(), id + ": " + steps);
            assertEquals(1, steps.stream().filter(e -> e.step() == CheckInLog.Step.COORDINATOR).count(), id + ": " + steps);
        }
    }

    private final List<String> reported = new ArrayList<>();

    @Test
    void theLadderStopsWhenSheWritesBackAHelperSaysAllIsWellOrAWorkerMarksHerSafe() {
        for (String id : List.of("a", "bb", "ccc", "dddd")) Await.result(participants.save(withHelpers(id, "+3161234567" + id.length())));
        unreachableByText.add("dddd");
        at("2026-12-07T09:00:00Z");
        for (String id : List.of("a", "bb", "ccc", "dddd")) Await.result(daily.notReached(id, 3, "no-answer"));
        runDue();
        assertEquals(4, texted.size());
        // The text could not go to dddd: her contact person is asked at once.
        runDue();
        assertEquals(List.of("Jan dddd"), asked);
        assertTrue(day("dddd").stream().anyMatch(e -> e.step() == CheckInLog.Step.NOT_TEXTED));

        // a writes back (anything: a sign of life); the others' contacts are asked. dddd's contact cannot go.
        wroteBack.add("a");
        answers.put("Jan dddd", ContactAlert.Answer.CANNOT);
        clock.advance(Duration.ofMinutes(30));
        runDue();
        runDue();
        assertEquals(java.util.Set.of("Jan dddd", "Els dddd", "Jan bb", "Jan ccc"), java.util.Set.copyOf(asked), "a's contact is not asked");
        assertEquals(4, asked.size());
        assertEquals(CheckInState.REACHED, CheckInState.of(day("a")));

        // bb's contact says all is well; a worker marks ccc safe (she called her).
        answers.put("Jan bb", ContactAlert.Answer.SAFE);
        assertEquals("ccc", Await.result(daily.markSafe("ccc", "Coördinator Ria", "Zelf gebeld, gaat goed")).id());
        clock.advance(Duration.ofMinutes(30));
        runDue();
        runDue();
        assertEquals(CheckInState.REACHED, CheckInState.of(day("bb")));
        assertEquals(CheckInState.SAFE, CheckInState.of(day("ccc")));
        assertTrue(!asked.contains("Els bb") && !asked.contains("Els ccc"), asked.toString());
        clock.advance(Duration.ofHours(3));
        runDue();
        runDue();
        assertEquals(1, alerted.size(), "only dddd, whom nobody saw: " + alerted);
        assertTrue(alerted.get(0).contains("Annie dddd"));
        assertTrue(alerted.get(0).contains("contactpersoon Jan dddd kan niet gaan kijken"), alerted.get(0));
        assertTrue(day("ccc").stream().anyMatch(e -> e.step() == CheckInLog.Step.MARKED_SAFE
                && e.detail().equals("Coördinator Ria|Zelf gebeld, gaat goed")));
        assertEquals(null, Await.result(daily.markSafe("nobody", "Ria", "x")));
    }

    @Test
    void aLandlineGetsNoTextAndAContactOnALandlineIsCalled() {
        Participant home = new Participant("home", "Truus Jansen", "+31201234567", "nl", LocalTime.parse("09:30"), LocalTime.parse("12:00"),
                EnumSet.allOf(DayOfWeek.class), new Participant.Person("Kees (zoon)", "+31301234567"),
                new Participant.Person("Buurvrouw Els", "+31611112222"), "", "",
                new Participant.Consent("participant", LocalDate.of(2026, 1, 5), "paper"), true, Instant.EPOCH);
        Await.result(participants.save(home));
        at("2026-12-07T09:00:00Z");
        Await.result(daily.notReached("home", 3, "no-answer"));
        runDue();
        runDue();
        runDue();
        assertTrue(texted.isEmpty(), "no SMS to a landline");
        assertEquals(List.of("Kees (zoon)"), asked, "the son asked at once (his landline is called)");
        List<String> lines = day("home").stream().map(e -> CheckInHistory.line(home, e)).toList();
        assertEquals(List.of("niet bereikt: geen gehoor", "geen sms: het nummer is een vaste lijn",
                "contactpersoon Kees (zoon) gebeld met de vraag te gaan kijken"), lines);
    }

    @Test
    void awayAfterTheCallsAfterAllTheLadderStopsWithoutAnAlarm() {
        Await.result(participants.save(withHelpers("a", "+31612345678")));
        at("2026-12-07T09:00:00Z");
        Await.result(daily.notReached("a", 3, "no-answer"));
        runDue();
        assertEquals(List.of("a"), texted);
        // Her daughter tells the coordinator she is staying with her this week (or she texts it herself).
        away.add("a");
        clock.advance(Duration.ofMinutes(30));
        runDue();
        runDue();
        clock.advance(Duration.ofHours(2));
        runDue();
        assertTrue(asked.isEmpty(), "nobody sent to look: " + asked);
        assertTrue(alerted.isEmpty());
        assertEquals(CheckInState.AWAY, CheckInState.of(day("a")));
    }

    @Test
    void aCallReportedAfterMidnightBelongsToItsOwnDayAndNobodyIsTextedAtNight() {
        Participant late = new Participant("late", "Gerrit Laat", "+31612345670", "nl", LocalTime.parse("21:00"), LocalTime.parse("22:00"),
                EnumSet.allOf(DayOfWeek.class), new Participant.Person("Jan late", "+31687654320"), null, "", "",
                new Participant.Consent("participant", LocalDate.of(2026, 1, 5), "paper"), true, Instant.EPOCH);
        Await.result(participants.save(late));
        Await.result(daily.planToday());
        runDue();
        at("2026-12-07T20:00:00Z");
        runDue();
        assertEquals(List.of("late"), placed);
        // The service was down from 21:01 until after midnight; the status callback comes late, at 00:10.
        at("2026-12-07T23:10:00Z");
        Await.result(daily.notReached("late", 1, "no-answer"));
        for (int i = 0; i < 5; i++) runDue();
        assertEquals(List.of("late"), placed, "no call at night");
        assertTrue(texted.isEmpty(), "no text at night about yesterday");
        assertTrue(asked.isEmpty(), "no contact asked at night about yesterday");
        assertEquals(1, alerted.size(), "the coordinator hears that yesterday's check-in never happened");
        assertTrue(alerted.get(0).contains("(2026-12-07)"), alerted.get(0));
        assertTrue(Await.result(log.of(LocalDate.of(2026, 12, 8), "late")).isEmpty(), "nothing of it on today's page");
    }
}
