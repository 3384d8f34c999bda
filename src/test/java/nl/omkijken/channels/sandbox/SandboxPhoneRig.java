package nl.omkijken.channels.sandbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import nl.omkijken.circle.DailyCalls;
import nl.omkijken.circle.Ladder;
import nl.omkijken.circle.Participant;
import nl.omkijken.engine.Engine;
import nl.omkijken.runner.ClaimedJob;
import nl.omkijken.runner.JobHandler;
import nl.omkijken.runner.Pseudonym;
import nl.omkijken.runner.TurnRunner;
import nl.omkijken.store.redis.RedisCheckInLog;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConversationStore;
import nl.omkijken.store.redis.RedisJobStore;
import nl.omkijken.store.redis.RedisOnceMarks;
import nl.omkijken.store.redis.RedisParticipants;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.MutableClock;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.ProjectDialogs;
import nl.omkijken.testing.RedisServer;
import nl.omkijken.testing.TestPeople;

/**
 * The sandbox with its phone simulator placing the Telefooncirkel's calls, on a fake clock: the real runner, daily
 * calls and jobs on a real redis-server, the sandbox's routes and page on 127.0.0.1; the job poller's work done
 * step by step ({@link #runDue}). Annie de Vries (06, window 09:30-10:30 every day) is enrolled, with Jan Jansen
 * (06) as contact person and Els de Boer (a landline) as key holder, and today's call planned.
 */
final class SandboxPhoneRig implements AutoCloseable {
    static final String ANNIE = "+31612345678";
    static final String JAN = "+31687654321";
    static final String ELS = "+31201234567";

    private final RedisServer redisServer;
    private final Vertx vertx;
    private final RedisConnection redis;
    private final MutableClock clock;
    private final RedisJobStore jobs;
    private final RedisCheckInLog log;
    private final DailyCalls daily;
    private final RedisParticipants participants;
    private final nl.omkijken.store.redis.RedisChains chains;
    private final HttpServer server;

    private SandboxPhoneRig(Instant now, Duration ring) {
        redisServer = RedisServer.start();
        vertx = Vertx.vertx();
        redis = Await.result(RedisConnection.connect(vertx, redisServer.url()));
        chains = new nl.omkijken.store.redis.RedisChains(redis);
        clock = new MutableClock(now);
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        Pseudonym pseudonym = new Pseudonym("sandbox-phone-key-0123456789".getBytes());
        TurnRunner runner = new TurnRunner(vertx, new Engine(ProjectDialogs.shared()), new RedisConversationStore(redis), Nlu.shared(),
                clock, new TurnRunner.Options(Duration.ofSeconds(30), Duration.ofSeconds(10), "nl"), metrics, pseudonym,
                new nl.omkijken.runner.LineServices(nl.omkijken.runner.LineHours.NONE, nl.omkijken.runner.WaitHistory.NONE,
                        nl.omkijken.routing.Routing.none(), nl.omkijken.runner.Staffing.ASSUMED),
                new nl.omkijken.store.redis.RedisPersonMemory(redis));
        RedisParticipants participants = new RedisParticipants(redis);
        SandboxChannel sandbox = new SandboxChannel(runner, TestPeople.of(redis), clock, Set.of("telefooncirkel"), vertx,
                participants, ring);
        jobs = new RedisJobStore(redis);
        log = new RedisCheckInLog(redis);
        this.participants = participants;
        daily = new DailyCalls(participants, jobs, sandbox.checkInChannels().orElseThrow(), new RedisOnceMarks(redis), log, clock,
                new nl.omkijken.store.redis.RedisCallRate(redis, vertx, clock, 1), (p, day) -> Future.succeededFuture(false),
                p -> Ladder.DEFAULT, chains);
        sandbox.callOutcomes(daily);
        Router router = Router.router(vertx);
        sandbox.mount(router);
        server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        Participant annie = new Participant("pannie", "Annie de Vries", ANNIE, "nl", LocalTime.of(9, 30), LocalTime.of(10, 30),
                EnumSet.allOf(DayOfWeek.class), new Participant.Person("Jan Jansen", JAN), new Participant.Person("Els de Boer", ELS),
                "", "", new Participant.Consent("participant", LocalDate.of(2026, 1, 5), "paper"), true, Instant.EPOCH);
        Await.result(participants.save(annie));
        Await.result(daily.replan(annie));
    }

    /** @param ring how long a call rings before it counts as not answered */
    static SandboxPhoneRig start(Instant now, Duration ring) {
        return new SandboxPhoneRig(now, ring);
    }

    String base() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    MutableClock clock() {
        return clock;
    }

    RedisCheckInLog log() {
        return log;
    }

    Vertx vertx() {
        return vertx;
    }

    RedisParticipants participants() {
        return participants;
    }

    nl.omkijken.store.redis.RedisChains chains() {
        return chains;
    }

    DailyCalls daily() {
        return daily;
    }

    /** Runs what is due at the clock's time with the daily calls' handlers, as the service's job poller does. */
    void runDue() {
        for (ClaimedJob j : Await.result(jobs.claimDue(clock.instant(), 100, Duration.ofMinutes(1)))) {
            JobHandler h = daily.handlers().stream().filter(x -> x.kind().equals(j.job().kind())).findFirst().orElseThrow();
            JobHandler.Result r = Await.result(h.run(j));
            if (r instanceof JobHandler.Result.Orphan) Await.result(jobs.drop(j));
            else Await.result(jobs.complete(j, List.of()));
        }
    }

    @Override
    public void close() {
        Await.result(server.close());
        Await.result(redis.close());
        Await.result(vertx.close());
        redisServer.stop();
    }
}
