package nl.omkijken.circle;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import nl.omkijken.runner.ClaimedJob;
import nl.omkijken.runner.Job;
import nl.omkijken.runner.JobHandler;
import nl.omkijken.runner.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service as a chain's safety net ({@link Chain}): each member's day has a link job ({@link #LINK}, key:
 * participant and date) at their deadline. A member heard from since the chain began (a text, a call) is settled
 * for the day (their link held); from one who was not, the service's own call goes out at once ({@link
 * DailyCalls#CALL}, payload {@link #MISSED}) and their ladder runs from there, as for anyone the service calls. A
 * participant taken out of their chain since gets the service's call as usual.
 */
final class ChainLinks implements JobHandler {
    private static final Logger log = LoggerFactory.getLogger(ChainLinks.class);
    static final String LINK = "checkin-link";
    /** On a call job: the service's own call after a chain member missed their link (not a planned call it replaces). */
    static final String MISSED = "link";

    private final Participants participants;
    private final Chains chains;
    private final JobStore jobs;
    private final CheckIns checkIns;
    private final Heard heard;
    private final BiFunction<Participant, LocalDate, Future<Boolean>> away;
    private final Clock clock;

    ChainLinks(Participants participants, Chains chains, JobStore jobs, CheckIns checkIns, Heard heard,
               BiFunction<Participant, LocalDate, Future<Boolean>> away, Clock clock) {
        this.participants = participants;
        this.chains = chains;
        this.jobs = jobs;
        this.checkIns = checkIns;
        this.heard = heard;
        this.away = away;
        this.clock = clock;
    }

    /** Each member's link job of the day, at their deadline (a deadline passed: at once). */
    Future<Void> plan(Chain chain, Map<String, Participant> byId, LocalDate day) {
        List<Participant> members = Chains.onDay(chain, byId, day);
        Future<Void> all = Future.succeededFuture();
        Instant now = clock.instant();
        for (int i = 0; i < members.size(); i++) {
            Instant due = chain.deadline(day, i);
            String key = members.get(i).id() + "|" + day;
            all = all.compose(v -> jobs.schedule(new Job(LINK, key, due.isBefore(now) ? now : due, "")));
        }
        return all;
    }

    /**
     * A member's link job of the day, whatever happened before (the chain saved while a replan failed): at their
     * deadline, or at once when it passed. Nothing for one in no chain.
     */
    Future<Void> ensure(Participant p, LocalDate day) {
        return chains.all().compose(all -> {
            Chains.Membership m = Chains.of(all, p.id());
            if (m == null) return Future.succeededFuture();
            return participants.all().compose(everyone -> {
                Map<String, Participant> byId = new java.util.HashMap<>();
                for (Participant x : everyone) byId.put(x.id(), x);
                List<Participant> members = Chains.onDay(m.chain(), byId, day);
                int place = 0;
                for (int i = 0; i < members.size(); i++) if (members.get(i).id().equals(p.id())) place = i;
                Instant due = m.chain().deadline(day, place);
                Instant now = clock.instant();
                return jobs.schedule(new Job(LINK, p.id() + "|" + day, due.isBefore(now) ? now : due, ""));
            });
        });
    }

    @Override
    public String kind() {
        return LINK;
    }

    @Override
    public Future<Result> run(ClaimedJob claimed) {
        String[] key = claimed.job().key().split("\\|", 2);
        LocalDate day = LocalDate.parse(key[1]);
        return participants.byId(key[0]).compose(p -> {
            if (p == null) return Future.succeededFuture(new Result.Orphan());
            if (!p.active() || !p.days().contains(day.getDayOfWeek())) return Future.succeededFuture(done());
            return checkIns.settled(p.id(), day).compose(settled -> settled ? Future.succeededFuture(done())
                    : away.apply(p, day).otherwise(false).compose(gone -> gone
                            ? checkIns.addOnce(p.id(), day, CheckInLog.Step.AWAY, "").map(v -> done())
                            : chains.all().compose(all -> check(p, day, Chains.of(all, p.id())))));
        });
    }

    private Future<Result> check(Participant p, LocalDate day, Chains.Membership m) {
        if (m == null) {
            // Out of the chain since the day was planned: the service's own daily call, in their window.
            return jobs.schedule(new Job(DailyCalls.CALL, p.id() + "|" + day, clock.instant(), "")).map(v -> done());
        }
        Chain chain = m.chain();
        Job call = new Job(DailyCalls.CALL, p.id() + "|" + day, clock.instant(), MISSED);
        return checkIns.of(p.id(), day).compose(entries -> {
            // Decided once: a link run again (a restart plans the day anew, a chain is saved again) after it missed only
            // makes sure of the service's call; it never reads what they said since, which may be the ladder's own call.
            if (entries.stream().anyMatch(e -> e.step() == CheckInLog.Step.LINK_MISSED)) return jobs.schedule(call).map(v -> done());
            return heard.since(p, chain.begins(day)).otherwise(false).compose(said -> {
                if (said) {
                    log.info("chain link held participant={} day={}", p.id(), day);
                    return checkIns.settle(p.id(), day, CheckInLog.Step.CONFIRMED, chain.name()).map(v -> done());
                }
                log.info("chain link missed participant={} day={}: the service calls", p.id(), day);
                // Noted first, then the call: the job completes only when both are done, so a crash between them runs it
                // again, which then only makes sure of the call.
                return checkIns.addOnce(p.id(), day, CheckInLog.Step.LINK_MISSED, chain.name())
                        .compose(v -> jobs.schedule(call)).map(v -> done());
            });
        });
    }

    private static Result done() {
        return new Result.Complete(List.of());
    }
}
