package nl.omkijken.circle;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.BiFunction;
import nl.omkijken.runner.ClaimedJob;
import nl.omkijken.runner.Job;
import nl.omkijken.runner.JobHandler;
import nl.omkijken.runner.JobStore;
import nl.omkijken.runner.OnceMarks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Telefooncirkel's daily calls as scheduled jobs: each day shortly after midnight (Dutch time) a plan job
 * ({@link #PLAN}, key: the date) schedules one call job per participant ({@link #CALL}, key: participant and
 * date) at the time {@link CallPlan} gives it, and the next day's plan. A call job places the call once (a
 * once-mark per participant and day, so a plan made again after a restart never calls anyone twice) and
 * only while the participant's window is open; a participant removed since is dropped, one paused or away
 * since is not called.
 */
public final class DailyCalls implements CallOutcomes {
    private static final Logger log = LoggerFactory.getLogger(DailyCalls.class);
    public static final String PLAN = "checkin-plan";
    public static final String CALL = "checkin-call";
    /** The check-in by text message, after the last call that did not reach the participant. */
    public static final String TEXT = "checkin-text";
    /** Calls a day before the check-in goes by text: the planned one and two more. */
    public static final int TRIES = 3;
    /** Between one try and the next. */
    public static final java.time.Duration RETRY_AFTER = java.time.Duration.ofMinutes(15);
    /**
     * A placed call's own check: when no status callback said how it went (lost, or the service was down), the
     * ladder goes on from here; a call a person answered (its reached mark) is left alone.
     */
    public static final String CHECK = "checkin-check";
    static final java.time.Duration CHECK_AFTER = RETRY_AFTER.plusMinutes(1);
    /** When the next day's plan is made: after midnight, before anyone's window (07:00 at the earliest). */
    static final LocalTime PLAN_AT = LocalTime.of(0, 5);

    private final Participants participants;
    private final JobStore jobs;
    private final CallPlacer placer;
    private final TextCheckIn text;
    private final OnceMarks once;
    private final Clock clock;
    private final int callsPerSecond;
    /** Whether a participant is away on a day (a planned absence kept on the person); never fails. */
    private final BiFunction<Participant, LocalDate, Future<Boolean>> away;

    public DailyCalls(Participants participants, JobStore jobs, CallPlacer placer, TextCheckIn text, OnceMarks once, Clock clock,
                      int callsPerSecond, BiFunction<Participant, LocalDate, Future<Boolean>> away) {
        this.participants = participants;
        this.jobs = jobs;
        this.placer = placer;
        this.text = text;
        this.once = once;
        this.clock = clock;
        this.callsPerSecond = callsPerSecond;
        this.away = away;
    }

    /** The job handlers: the day's plan, each call, the check-in by text. */
    public List<JobHandler> handlers() {
        return List.of(new Plan(), new Call(), new Text(), new Check());
    }

    /** A person answered the day's call: no check job goes on with the ladder. Set by the phone when answered. */
    @Override
    public Future<Boolean> reached(String participantId) {
        LocalDate day = LocalDate.ofInstant(clock.instant(), CallPlan.ZONE);
        return once.claim("checkin-reached|" + participantId + "|" + day);
    }

    /**
     * The ladder's next step for a call that did not reach its participant: another try after
     * {@link #RETRY_AFTER} (the day's {@link #TRIES} in all), then the check-in by text message, whose own
     * silence ladder ends with the coordinator.
     */
    @Override
    public Future<Void> notReached(String participantId, int attempt, String why) {
        LocalDate day = LocalDate.ofInstant(clock.instant(), CallPlan.ZONE);
        log.info("daily call not reached participant={} day={} attempt={} why={}", participantId, day, attempt, why);
        if (attempt < TRIES) {
            return jobs.schedule(new Job(CALL, participantId + "|" + day + "|" + (attempt + 1), clock.instant().plus(RETRY_AFTER), ""));
        }
        return jobs.schedule(new Job(TEXT, participantId + "|" + day, clock.instant(), ""));
    }

    /**
     * A participant enrolled or changed during the day: today's call at their (new) window's start, or at once
     * when it is open already; nothing when today is not one of their days, they are paused, or the window is
     * over. A call made today already is not made again (its once-mark).
     */
    public Future<Void> replan(Participant p) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, CallPlan.ZONE);
        if (!p.active() || !p.days().contains(today.getDayOfWeek()) || !now.isBefore(CallPlan.end(p, today))) {
            return Future.succeededFuture();
        }
        Instant start = CallPlan.start(p, today);
        return jobs.schedule(new Job(CALL, p.id() + "|" + today, start.isAfter(now) ? start : now, ""));
    }

    /** Schedules today's plan now (replacing one already scheduled): at start, so a new instance plans the day. */
    public Future<Void> planToday() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), CallPlan.ZONE);
        return jobs.schedule(new Job(PLAN, today.toString(), clock.instant(), ""));
    }

    private static JobHandler.Result done() {
        return new JobHandler.Result.Complete(List.of());
    }

    /** The day's plan: each participant's call as a job, and tomorrow's plan. */
    final class Plan implements JobHandler {
        @Override
        public String kind() {
            return PLAN;
        }

        @Override
        public Future<Result> run(ClaimedJob claimed) {
            LocalDate day = LocalDate.parse(claimed.job().key());
            // Tomorrow's plan first: whatever happens to today's, the days go on being planned.
            LocalDate tomorrow = day.plusDays(1);
            Instant tomorrowsPlan = ZonedDateTime.of(tomorrow, PLAN_AT, CallPlan.ZONE).toInstant();
            return jobs.schedule(new Job(PLAN, tomorrow.toString(), tomorrowsPlan, "")).compose(t -> participants.all()).compose(all -> {
                // Absence is checked when each call is due (the call job asks): the plan stays one read.
                CallPlan.Day plan = CallPlan.of(all, day, callsPerSecond, p -> false);
                if (!plan.notFitting().isEmpty()) {
                    log.warn("daily calls: {} participants do not fit their window on {}", plan.notFitting().size(), day);
                }
                Future<Void> scheduled = Future.succeededFuture();
                for (CallPlan.Planned c : plan.calls()) {
                    scheduled = scheduled.compose(v -> jobs.schedule(new Job(CALL, c.participantId() + "|" + day, c.at(), "")));
                }
                log.info("daily calls planned day={} calls={}", day, plan.calls().size());
                return scheduled.map(v -> (Result) new Result.Complete(List.of()));
            });
        }
    }

    /** One participant's call of one day: placed once, while their window is open. */
    final class Call implements JobHandler {
        @Override
        public String kind() {
            return CALL;
        }

        @Override
        public Future<Result> run(ClaimedJob claimed) {
            String[] key = claimed.job().key().split("\\|", 3);
            LocalDate day = LocalDate.parse(key[1]);
            int attempt = key.length > 2 ? Integer.parseInt(key[2]) : 1;
            return participants.byId(key[0]).compose(p -> {
                if (p == null) return Future.succeededFuture(new Result.Orphan());
                Instant now = clock.instant();
                // Paused, or the day taken off their days since the plan: not called.
                if (!p.active() || !p.days().contains(day.getDayOfWeek())) return Future.succeededFuture(done());
                return away.apply(p, day).otherwise(false).compose(gone -> {
                    if (gone) return Future.succeededFuture(done());
                    if (!now.isBefore(CallPlan.end(p, day))) {
                        // The window closed before this call could be made (the service was down, a short window had
                        // no room for the retries): nobody is left unchecked; the check-in goes by text.
                        log.info("daily call's window closed participant={} day={} attempt={}: check-in by text", p.id(), day, attempt);
                        return jobs.schedule(new Job(TEXT, p.id() + "|" + day, now, "")).map(v -> done());
                    }
                    String mark = "checkin-call|" + p.id() + "|" + day + "|" + attempt;
                    return once.claim(mark).compose(first -> {
                        if (!first) return Future.succeededFuture(done());
                        return placer.place(p, attempt).compose(sid -> {
                            log.info("daily call placed participant={} day={} attempt={} call={}", p.id(), day, attempt, sid);
                            // Its own check, should no status callback come.
                            return jobs.schedule(new Job(CHECK, p.id() + "|" + day + "|" + attempt, now.plus(CHECK_AFTER), ""))
                                    .map(v -> done());
                        }).recover(e -> {
                            if (e instanceof CallPlacer.Refused) {
                                // Twilio refused this number for good: no retry can reach it; the text check-in, or the coordinator.
                                log.warn("daily call refused participant={} day={}: check-in by text", p.id(), day);
                                return jobs.schedule(new Job(TEXT, p.id() + "|" + day, now, "")).map(v -> done());
                            }
                            // May have reached Twilio (a timeout): the mark stays, so the person is not called twice;
                            // the check job is not there, so the next step comes from the status callback or the text.
                            return jobs.schedule(new Job(CHECK, p.id() + "|" + day + "|" + attempt, now.plus(CHECK_AFTER), ""))
                                    .map(v -> done());
                        });
                    });
                });
            });
        }

    }

    /** A placed call nobody reported on: the ladder goes on, unless a person answered. */
    final class Check implements JobHandler {
        @Override
        public String kind() {
            return CHECK;
        }

        @Override
        public Future<Result> run(ClaimedJob claimed) {
            String[] key = claimed.job().key().split("\\|", 3);
            return once.claim("checkin-reached|" + key[0] + "|" + key[1]).compose(notYet -> {
                if (!notYet) return Future.succeededFuture(done());
                // Nobody answered (as far as anyone knows): released again, so an answer later still counts.
                return once.release("checkin-reached|" + key[0] + "|" + key[1])
                        .compose(v -> notReached(key[0], Integer.parseInt(key[2]), "no_status"))
                        .map(v -> done());
            });
        }
    }

    /** The check-in by text message, once a day at most, for a participant the day's calls did not reach. */
    final class Text implements JobHandler {
        @Override
        public String kind() {
            return TEXT;
        }

        @Override
        public Future<Result> run(ClaimedJob claimed) {
            String[] key = claimed.job().key().split("\\|", 2);
            return participants.byId(key[0]).compose(p -> {
                if (p == null) return Future.succeededFuture(new Result.Orphan());
                if (!p.active()) return Future.succeededFuture(done());
                String mark = "checkin-text|" + p.id() + "|" + key[1];
                return once.claim(mark).compose(first -> !first ? Future.succeededFuture(done())
                        : text.send(p).map(v -> {
                            log.info("daily check-in by text participant={} day={}", p.id(), key[1]);
                            return done();
                        }).recover(e -> once.release(mark).compose(v -> Future.failedFuture(e))));
            });
        }
    }
}
