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
 * since is not called. A participant not reached climbs the {@link Ladder}: more tries, the text message, then
 * {@link ContactSteps} (contact person, key holder, coordinator). Every step is in the day's {@link CheckInLog},
 * and stops once the participant is settled for the day ({@link CheckIns}). The members of a circle run as a
 * {@link Chain} get no planned call: they call each other, and {@link ChainLinks} calls only one not heard from by
 * their deadline.
 */
public final class DailyCalls implements CallOutcomes {
    private static final Logger log = LoggerFactory.getLogger(DailyCalls.class);
    public static final String PLAN = "checkin-plan";
    public static final String CALL = "checkin-call";
    /** The check-in by text message, after the last call that did not reach the participant. */
    public static final String TEXT = "checkin-text";
    /**
     * A placed call's own check: when no status callback said how it went (lost, or the service was down), the
     * ladder goes on from here; a call a person answered (its reached mark) is left alone.
     */
    public static final String CHECK = "checkin-check";
    /** When the next day's plan is made: after midnight, before anyone's window (07:00 at the earliest). */
    static final LocalTime PLAN_AT = LocalTime.of(0, 5);

    private final Participants participants;
    private final JobStore jobs;
    private final CallPlacer placer;
    private final TextCheckIn text;
    private final OnceMarks once;
    private final CheckIns checkIns;
    private final ContactSteps contactSteps;
    private final java.util.function.Function<Participant, Ladder> ladders;
    private final Clock clock;
    private final CallRate rate;
    /** Whether a participant is away on a day (a planned absence kept on the person); never fails. */
    private final BiFunction<Participant, LocalDate, Future<Boolean>> away;
    private final Chains chains;
    private final ChainLinks links;

    /** Without chains: the service calls every participant. */
    public DailyCalls(Participants participants, JobStore jobs, CheckInChannels channels, OnceMarks once, CheckInLog log, Clock clock,
                      CallRate rate, BiFunction<Participant, LocalDate, Future<Boolean>> away,
                      java.util.function.Function<Participant, Ladder> ladders) {
        this(participants, jobs, channels, once, log, clock, rate, away, ladders, Chains.NONE);
    }

    /**
     * @param ladders each participant's ladder (their circle's)
     * @param chains  the circles run as chains: their members are called by each other, the service is the safety net
     */
    public DailyCalls(Participants participants, JobStore jobs, CheckInChannels channels, OnceMarks once, CheckInLog log, Clock clock,
                      CallRate rate, BiFunction<Participant, LocalDate, Future<Boolean>> away,
                      java.util.function.Function<Participant, Ladder> ladders, Chains chains) {
        this.participants = participants;
        this.jobs = jobs;
        this.placer = channels.calls();
        this.text = channels.text();
        this.once = once;
        this.ladders = ladders;
        this.checkIns = new CheckIns(once, log, clock);
        this.contactSteps = new ContactSteps(participants, jobs, channels.text(), channels.contacts(), channels.coordinator(), checkIns,
                clock, ladders, away, rate);
        this.clock = clock;
        this.rate = rate;
        this.away = away;
        this.chains = chains;
        this.links = new ChainLinks(participants, chains, jobs, checkIns, channels.heard(), away, clock);
    }

    /** The job handlers: the day's plan, each call, its check, the check-in by text, and the ladder after it. */
    public List<JobHandler> handlers() {
        List<JobHandler> all = new java.util.ArrayList<>(List.of(new Plan(), new Call(), new Text(), new Check(), links));
        all.addAll(contactSteps.handlers());
        return List.copyOf(all);
    }

    /** A person answered the day's call: the day is settled, the ladder stops. Said by the phone when answered. */
    @Override
    public Future<Boolean> reached(String participantId) {
        LocalDate day = LocalDate.ofInstant(clock.instant(), CallPlan.ZONE);
        return checkIns.settle(participantId, day, CheckInLog.Step.ANSWERED, "");
    }

    /**
     * A worker marked the participant safe today (they called them, a neighbour looked): the ladder stops where it
     * is. Null when there is no such participant.
     */
    public Future<Participant> markSafe(String participantId, String workerName, String note) {
        LocalDate day = LocalDate.ofInstant(clock.instant(), CallPlan.ZONE);
        return participants.byId(participantId).compose(p -> p == null ? Future.succeededFuture((Participant) null)
                : checkIns.settle(p.id(), day, CheckInLog.Step.MARKED_SAFE, workerName.replace("|", "/") + "|" + note).map(v -> p));
    }

    /**
     * The ladder's next step for a call that did not reach its participant: another try after
     * the ladder's {@code retryAfter} (its {@code tries} in all), then the check-in by text message, and after it the
     * contact person, the key holder and the coordinator ({@link ContactSteps}).
     */
    @Override
    public Future<Void> notReached(String participantId, int attempt, String why) {
        // The try's own day: today's, or yesterday's for a report that comes in after midnight.
        LocalDate today = LocalDate.ofInstant(clock.instant(), CallPlan.ZONE);
        return checkIns.of(participantId, today).compose(entries -> called(entries, attempt) != null ? Future.succeededFuture(today)
                        : checkIns.of(participantId, today.minusDays(1)).map(before -> called(before, attempt) != null ? today.minusDays(1) : today))
                .compose(day -> notReached(participantId, day, attempt, why));
    }

    private Future<Void> notReached(String participantId, LocalDate day, int attempt, String why) {
        log.info("daily call not reached participant={} day={} attempt={} why={}", participantId, day, attempt, why);
        // The next step first (scheduling it again is harmless, its due time taken from the try, not from now): a crash
        // after it, or a second report of the same try (its status callback and its own check), never leaves the
        // ladder standing.
        Future<Void> reopened = "hung_up".equals(why) ? checkIns.unsettleAnswered(participantId, day) : Future.succeededFuture();
        return reopened.compose(v -> next(participantId, day, attempt))
                // Once a try in the day's log.
                .compose(v -> once.claim("checkin-missed|" + participantId + "|" + day + "|" + attempt))
                .compose(first -> first ? checkIns.add(participantId, day, CheckInLog.Step.NOT_REACHED, attempt + "|" + why)
                        : Future.succeededFuture());
    }

    private static CheckInLog.Entry called(List<CheckInLog.Entry> entries, int attempt) {
        for (CheckInLog.Entry e : entries) if (e.step() == CheckInLog.Step.CALLED && e.detail().equals(String.valueOf(attempt))) return e;
        return null;
    }

    /** Another try the ladder's wait after this one was placed, or after the last the text message. */
    private Future<Void> next(String participantId, LocalDate day, int attempt) {
        return participants.byId(participantId).compose(p -> {
            if (p == null) return Future.succeededFuture();
            Ladder ladder = ladders.apply(p);
            if (attempt >= ladder.tries()) {
                // Sent already (a second report of the last try): its job saw to what follows.
                return once.isSet("checkin-text|" + participantId + "|" + day).compose(sent -> sent ? Future.succeededFuture()
                        : jobs.schedule(new Job(TEXT, participantId + "|" + day, clock.instant(), "")));
            }
            return once.isSet("checkin-call|" + participantId + "|" + day + "|" + (attempt + 1)).compose(made -> made ? Future.succeededFuture()
                    : checkIns.of(participantId, day).compose(entries -> {
                CheckInLog.Entry placed = called(entries, attempt);
                Instant due = (placed == null ? clock.instant() : placed.at()).plus(ladder.retryAfter());
                return jobs.schedule(new Job(CALL, participantId + "|" + day + "|" + (attempt + 1), due, ""));
            }));
        });
    }

    /**
     * A participant enrolled or changed during the day: today's call at their (new) window's start, or at once
     * when it is open already; nothing when today is not one of their days, they are paused, or the window is
     * over. A call made today already is not made again (its once-mark).
     */
    public Future<Void> replan(Participant p) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, CallPlan.ZONE);
        return chains.all().compose(all -> {
            Chains.Membership m = Chains.of(all, p.id());
            // A chain member: today's links of their chain again (their place may have moved); a day already settled stays so.
            if (m != null) return participants.all().compose(everyone -> links.plan(m.chain(), byId(everyone), today));
            return replanCall(p, now, today);
        });
    }

    private static java.util.Map<String, Participant> byId(List<Participant> all) {
        java.util.Map<String, Participant> out = new java.util.HashMap<>();
        for (Participant p : all) out.put(p.id(), p);
        return out;
    }

    private Future<Void> replanCall(Participant p, Instant now, LocalDate today) {
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

    /** A minute after the next try would be due: the status callback, when it comes, is first. */
    private java.time.Duration checkAfter(Participant p) {
        return ladders.apply(p).retryAfter().plusMinutes(1);
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
            return jobs.schedule(new Job(PLAN, tomorrow.toString(), tomorrowsPlan, "")).compose(t -> chains.all())
                    .compose(chainList -> participants.all().compose(everyone -> {
                java.util.Map<String, Participant> byId = byId(everyone);
                // A chain's members are called by each other: their links, not the service's calls.
                java.util.Set<String> inChains = new java.util.HashSet<>();
                Future<Void> linked = Future.succeededFuture();
                for (Chain chain : chainList) {
                    inChains.addAll(chain.members());
                    linked = linked.compose(v -> links.plan(chain, byId, day));
                }
                List<Participant> all = everyone.stream().filter(p -> !inChains.contains(p.id())).toList();
                // Absence is checked when each call is due (the call job asks): the plan stays one read.
                CallPlan.Day plan = CallPlan.of(all, day, rate.perSecond(), p -> false);
                if (!plan.notFitting().isEmpty()) {
                    log.warn("daily calls: {} participants do not fit their window on {}", plan.notFitting().size(), day);
                }
                Future<Void> scheduled = linked;
                for (CallPlan.Planned c : plan.calls()) {
                    Participant p = byId.get(c.participantId());
                    // Enrolled after their window of the day (a plan made again at a restart): from their next day, not
                    // as a "window closed" text now.
                    if (p != null && !p.enrolledAt().isBefore(CallPlan.end(p, day))) continue;
                    scheduled = scheduled.compose(v -> jobs.schedule(new Job(CALL, c.participantId() + "|" + day, c.at(), "")));
                }
                log.info("daily calls planned day={} calls={} chain members={}", day, plan.calls().size(), inChains.size());
                return scheduled.map(v -> (Result) new Result.Complete(List.of()));
            }));
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
                // The day's planned call for one who joined a chain since: the chain calls them (the service if it breaks).
                Future<Boolean> chained = attempt > 1 || ChainLinks.MISSED.equals(claimed.job().payload()) ? Future.succeededFuture(false)
                        : chains.all().map(all -> Chains.of(all, p.id()) != null);
                String mark = "checkin-call|" + p.id() + "|" + day + "|" + attempt;
                // Settled (reached, marked safe) or this try made already (a plan made again at a restart): nothing to do,
                // and nothing to note.
                // One in a chain: their link job sees to the day (made now if a replan never made it).
                return chained.compose(inChain -> inChain ? links.ensure(p, day).map(v -> true) : checkIns.settled(p.id(), day))
                        .compose(settled -> settled ? Future.succeededFuture(true) : once.isSet(mark))
                        .compose(nothingToDo -> nothingToDo ? Future.succeededFuture(done()) : call(p, day, attempt, mark, now,
                                claimed.job().payload()));
            });
        }

        /** @param payload the job's ({@link ChainLinks#MISSED} for a chain member's call), kept when it waits for the window */
        private Future<Result> call(Participant p, LocalDate day, int attempt, String mark, Instant now, String payload) {
            return away.apply(p, day).otherwise(false).compose(gone -> {
                if (gone) return checkIns.addOnce(p.id(), day, CheckInLog.Step.AWAY, "").map(v -> done());
                // Before the window (it was moved later since this try was planned): at its start, not now.
                Instant start = CallPlan.start(p, day);
                if (now.isBefore(start)) {
                    return jobs.schedule(new Job(CALL, p.id() + "|" + day + (attempt > 1 ? "|" + attempt : ""), start, payload)).map(v -> done());
                }
                if (!now.isBefore(CallPlan.end(p, day))) {
                    // The window closed before this call could be made (the service was down, a short window had no
                    // room for the retries): nobody is left unchecked; the check-in goes by text (and a day that is
                    // over, to the coordinator).
                    log.info("daily call's window closed participant={} day={} attempt={}: check-in by text", p.id(), day, attempt);
                    return jobs.schedule(new Job(TEXT, p.id() + "|" + day, now, ""))
                            .compose(v -> checkIns.addOnce(p.id(), day, CheckInLog.Step.WINDOW_CLOSED, String.valueOf(attempt)))
                            .map(v -> done());
                }
                // Its own check first (scheduling it again is harmless): should no status callback come, or this instance
                // die between the mark and the call, the ladder goes on from there.
                return jobs.schedule(new Job(CHECK, p.id() + "|" + day + "|" + attempt, now.plus(checkAfter(p)), ""))
                        .compose(v -> once.claim(mark)).compose(first -> {
                            if (!first) return Future.succeededFuture(done());
                            // Within the account's calls a second, with every instance's calls; no room: released, tried again.
                            return rate.take().recover(e -> once.release(mark).compose(x -> Future.failedFuture(e)))
                                    .compose(v -> place(p, day, attempt, now));
                        });
            });
        }

        private Future<Result> place(Participant p, LocalDate day, int attempt, Instant now) {
            return placer.place(p, attempt).compose(sid -> {
                log.info("daily call placed participant={} day={} attempt={} call={}", p.id(), day, attempt, sid);
                return checkIns.add(p.id(), day, CheckInLog.Step.CALLED, String.valueOf(attempt)).map(v -> done());
            }, e -> {
                if (e instanceof CallPlacer.Refused) {
                    // Twilio refused this number for good: no retry can reach it; the text check-in, or the coordinator.
                    log.warn("daily call refused participant={} day={}: check-in by text", p.id(), day);
                    return jobs.schedule(new Job(TEXT, p.id() + "|" + day, now, ""))
                            .compose(v -> checkIns.add(p.id(), day, CheckInLog.Step.NOT_REACHED, attempt + "|failed"))
                            .map(v -> done());
                }
                // May have reached Twilio (a timeout): the mark stays, so the person is not called twice; the check job
                // goes on with the ladder.
                return Future.succeededFuture(done());
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
            LocalDate day = LocalDate.parse(key[1]);
            return checkIns.settled(key[0], day).compose(settled -> settled ? Future.succeededFuture(done())
                    // Nobody answered (as far as anyone knows): the next step.
                    : notReached(key[0], day, Integer.parseInt(key[2]), "no_status").map(v -> done()));
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
            LocalDate day = LocalDate.parse(key[1]);
            return participants.byId(key[0]).compose(p -> {
                if (p == null) return Future.succeededFuture(new Result.Orphan());
                if (!p.active()) return Future.succeededFuture(done());
                return checkIns.settled(p.id(), day).compose(settled -> settled ? Future.succeededFuture(true)
                        // Away that day after all (staff set it after the calls, or they said so): no text, no alarm.
                        : away.apply(p, day).otherwise(false).compose(gone -> gone
                                ? checkIns.addOnce(p.id(), day, CheckInLog.Step.AWAY, "").map(v -> true) : Future.succeededFuture(false)))
                        .compose(stop -> {
                    if (stop) return Future.succeededFuture(done());
                    // A day that is over (the service was down): no "we called you today" tomorrow; the coordinator.
                    if (day.isBefore(LocalDate.ofInstant(clock.instant(), CallPlan.ZONE))) {
                        return contactSteps.afterText(p, day, clock.instant(), false).map(v -> done());
                    }
                    String mark = "checkin-text|" + p.id() + "|" + key[1];
                    return once.claim(mark).compose(first -> !first ? followUp(p, day).map(v -> done()) : send(p, day, mark));
                });
            });
        }

        private Future<Result> send(Participant p, LocalDate day, String mark) {
            Instant at = clock.instant();
            // A landline takes no text message: the ladder goes on at once rather than wait for an answer.
            if (!PhoneNumbers.textable(p.phone())) {
                return contactSteps.afterText(p, day, at, false)
                        .compose(v -> checkIns.add(p.id(), day, CheckInLog.Step.NOT_TEXTED, CheckInLog.LANDLINE)).map(v -> done());
            }
            // The contact person first, after the text's time: a crash after sending leaves the ladder going.
            return contactSteps.afterText(p, day, at, true)
                    .compose(v -> text.send(p).recover(e -> once.release(mark).compose(x -> Future.failedFuture(e))))
                    .compose(sent -> {
                        log.info("daily check-in by text participant={} day={} sent={}", p.id(), day, sent);
                        return sent ? checkIns.add(p.id(), day, CheckInLog.Step.TEXTED, "")
                                : contactSteps.afterText(p, day, at, false).compose(v -> checkIns.add(p.id(), day, CheckInLog.Step.NOT_TEXTED, ""));
                    }).map(v -> done());
        }

        /** Sent before (this job runs again): the contact person is still asked after the text's time. */
        private Future<Void> followUp(Participant p, LocalDate day) {
            return checkIns.of(p.id(), day).compose(entries -> {
                for (int i = entries.size() - 1; i >= 0; i--) {
                    CheckInLog.Entry e = entries.get(i);
                    if (e.step() == CheckInLog.Step.TEXTED || e.step() == CheckInLog.Step.NOT_TEXTED) {
                        return contactSteps.afterText(p, day, e.at(), e.step() == CheckInLog.Step.TEXTED);
                    }
                }
                return contactSteps.afterText(p, day, clock.instant(), true);
            });
        }
    }
}
