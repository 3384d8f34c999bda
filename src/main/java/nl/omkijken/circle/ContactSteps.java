package nl.omkijken.circle;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import nl.omkijken.runner.ClaimedJob;
import nl.omkijken.runner.Job;
import nl.omkijken.runner.JobHandler;
import nl.omkijken.runner.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ladder after the text message, as jobs: the contact person is asked to go and look ({@link #ASK}, key
 * participant|day|who; by text message, or a phone call to a landline), their answer read after a while
 * ({@link #HEAR}); the key holder next when the contact
 * cannot go or says nothing; then the coordinator ({@link #COORDINATOR}) with the day's whole history.
 *
 * <p>Every step first asks whether the participant is settled for the day (they answered a call or the text,
 * a worker marked them safe, anyone asked said they are well, also late) and then stops there; help needed,
 * said by anyone asked, goes to the coordinator at once. A step of a day that is over (the service was down)
 * goes to the coordinator: nobody is asked today about yesterday.
 *
 * <p>Never a stalled ladder: each step schedules its follow-up before it acts (jobs replace by kind and key,
 * so scheduling again is harmless), and a step run again after a crash finds in the day's log what it did
 * and makes sure its follow-up is there. A job's payload carries when the text went out, and a {@link #HEAR}
 * job's when the question was asked.
 */
public final class ContactSteps {
    private static final Logger log = LoggerFactory.getLogger(ContactSteps.class);
    public static final String ASK = "checkin-contact";
    public static final String HEAR = "checkin-contact-answer";
    public static final String COORDINATOR = "checkin-coordinator";
    public static final String CONTACT = "contact";
    public static final String KEY_HOLDER = "key_holder";
    /** In a {@link #HEAR} job's payload: they said they go and look; the next silence goes to the coordinator. */
    private static final String GOING = "going";

    private final Participants participants;
    private final JobStore jobs;
    private final TextCheckIn text;
    private final ContactAlert contacts;
    private final CoordinatorAlert coordinator;
    private final CheckIns checkIns;
    private final Clock clock;
    private final Function<Participant, Ladder> ladders;
    private final java.util.function.BiFunction<Participant, LocalDate, Future<Boolean>> away;
    private final CallRate rate;

    ContactSteps(Participants participants, JobStore jobs, TextCheckIn text, ContactAlert contacts, CoordinatorAlert coordinator,
                 CheckIns checkIns, Clock clock, Function<Participant, Ladder> ladders,
                 java.util.function.BiFunction<Participant, LocalDate, Future<Boolean>> away, CallRate rate) {
        this.away = away;
        this.rate = rate;
        this.participants = participants;
        this.jobs = jobs;
        this.text = text;
        this.contacts = contacts;
        this.coordinator = coordinator;
        this.checkIns = checkIns;
        this.clock = clock;
        this.ladders = ladders;
    }

    List<JobHandler> handlers() {
        return List.of(new Ask(), new Hear(), new Coordinator());
    }

    /** The contact or key holder of a participant; null when they have none (or no number). */
    public static Participant.Person person(Participant p, String role) {
        Participant.Person who = KEY_HOLDER.equals(role) ? p.keyHolder() : p.contact();
        return who == null || who.phone() == null || who.phone().isBlank() ? null : who;
    }

    /**
     * The contact person once the text had its time ({@code sent}), or at once (it could not go out). Scheduled
     * before the text is sent: a crash after sending leaves the ladder going.
     */
    Future<Void> afterText(Participant p, LocalDate day, Instant textedAt, boolean sent) {
        Instant due = sent ? textedAt.plus(ladders.apply(p).textWait()) : clock.instant();
        return jobs.schedule(new Job(ASK, p.id() + "|" + day + "|" + CONTACT, due, String.valueOf(textedAt.toEpochMilli())));
    }

    /** Who comes after {@code role}: the key holder after the contact person (unless the same number), then the coordinator. */
    private Future<Void> next(Participant p, LocalDate day, String role, String textedAt) {
        if (CONTACT.equals(role)) {
            Participant.Person key = person(p, KEY_HOLDER);
            Participant.Person contact = person(p, CONTACT);
            if (key != null && (contact == null || !contact.phone().equals(key.phone()))) {
                return jobs.schedule(new Job(ASK, p.id() + "|" + day + "|" + KEY_HOLDER, clock.instant(), textedAt));
            }
        }
        return toCoordinator(p.id(), day, textedAt);
    }

    private Future<Void> toCoordinator(String id, LocalDate day, String textedAt) {
        return jobs.schedule(new Job(COORDINATOR, id + "|" + day, clock.instant(), textedAt));
    }

    /** Whether a step goes on, stops (settled, gone), or the coordinator is needed now. */
    private enum Standing { OPEN, STOP, HELP }

    private record Opened(Participant p, Standing standing, List<CheckInLog.Entry> entries) {}

    /**
     * Where the participant's day stands before a step: gone or paused, settled, answered since the text, well
     * or in need of help by anyone asked today (a late answer counts), or open.
     */
    private Future<Opened> open(String id, LocalDate day, String textedAt) {
        return participants.byId(id).compose(p -> {
            if (p == null || !p.active()) return Future.succeededFuture(new Opened(p, Standing.STOP, List.of()));
            return checkIns.settled(p.id(), day).compose(settled -> settled ? Future.succeededFuture(true)
                    // Away that day after all (staff set it, or they said so since): no alarm.
                    : away.apply(p, day).otherwise(false).compose(gone -> gone
                            ? checkIns.addOnce(p.id(), day, CheckInLog.Step.AWAY, "").map(v -> true) : Future.succeededFuture(false)))
                    .compose(stop -> {
                if (stop) return Future.succeededFuture(new Opened(p, Standing.STOP, List.of()));
                return checkIns.of(p.id(), day).compose(entries -> {
                    Instant since = millis(textedAt);
                    Future<Boolean> wrote = since == null ? Future.succeededFuture(false) : text.answeredSince(p, since).otherwise(false);
                    return wrote.compose(w -> w
                            ? checkIns.settle(p.id(), day, CheckInLog.Step.TEXT_ANSWERED, "").map(v -> new Opened(p, Standing.STOP, entries))
                            : answersSoFar(p, day, entries).map(s -> new Opened(p, s, entries)));
                });
            });
        });
    }

    /**
     * What everyone asked today said so far: help needed (by anyone) calls the coordinator, before anyone's all is
     * well, which settles the day.
     */
    private Future<Standing> answersSoFar(Participant p, LocalDate day, List<CheckInLog.Entry> entries) {
        List<String> roles = new ArrayList<>();
        List<Future<ContactAlert.Answer>> answers = new ArrayList<>();
        for (CheckInLog.Entry e : entries) {
            String role = e.detail().split("\\|")[0];
            Participant.Person who = e.step() == CheckInLog.Step.ASKED ? person(p, role) : null;
            if (who == null) continue;
            roles.add(role);
            answers.add(contacts.answer(p, who, e.at()).otherwise(ContactAlert.Answer.NONE));
        }
        return Future.join(answers).transform(x -> {
            for (int i = 0; i < answers.size(); i++) {
                if (answers.get(i).result() == ContactAlert.Answer.NEEDS_HELP) {
                    return checkIns.addOnce(p.id(), day, CheckInLog.Step.NEEDS_HELP, roles.get(i)).map(v -> Standing.HELP);
                }
            }
            for (int i = 0; i < answers.size(); i++) {
                if (answers.get(i).result() == ContactAlert.Answer.SAFE) {
                    return checkIns.settle(p.id(), day, CheckInLog.Step.SAFE_BY_CONTACT, roles.get(i)).map(v -> Standing.STOP);
                }
            }
            return Future.succeededFuture(Standing.OPEN);
        });
    }

    private static Instant millis(String payloadPart) {
        String first = payloadPart == null ? "" : payloadPart.split("\\|")[0];
        return first.matches("\\d{1,15}") ? Instant.ofEpochMilli(Long.parseLong(first)) : null;
    }

    private boolean over(LocalDate day) {
        return day.isBefore(LocalDate.ofInstant(clock.instant(), CallPlan.ZONE));
    }

    private static CheckInLog.Entry last(List<CheckInLog.Entry> entries, CheckInLog.Step step, String role) {
        CheckInLog.Entry found = null;
        for (CheckInLog.Entry e : entries) if (e.step() == step && e.detail().split("\\|")[0].equals(role)) found = e;
        return found;
    }

    private static JobHandler.Result done() {
        return new JobHandler.Result.Complete(List.of());
    }

    /** Asks the contact person or key holder to go and look. */
    final class Ask implements JobHandler {
        @Override
        public String kind() {
            return ASK;
        }

        @Override
        public Future<Result> run(ClaimedJob claimed) {
            String[] key = claimed.job().key().split("\\|", 3);
            LocalDate day = LocalDate.parse(key[1]);
            String role = key[2];
            String textedAt = claimed.job().payload();
            return open(key[0], day, textedAt).compose(o -> {
                if (o.standing() == Standing.STOP) return Future.succeededFuture(done());
                if (o.standing() == Standing.HELP || over(day)) return toCoordinator(key[0], day, textedAt).map(v -> done());
                Participant p = o.p();
                Participant.Person who = person(p, role);
                if (who == null) return next(p, day, role, textedAt).map(v -> done());
                String mark = "checkin-ask|" + p.id() + "|" + day + "|" + role;
                return checkIns.once(mark).compose(first -> {
                    if (!first) return followUp(p, day, role, textedAt, o.entries()).map(v -> done());
                    Instant now = clock.instant();
                    // Their answer is heard after their time, whatever happens next here.
                    return jobs.schedule(new Job(HEAR, p.id() + "|" + day + "|" + role, now.plus(ladders.apply(p).contactWait()),
                                    textedAt + "|" + now.toEpochMilli()))
                            // A landline is called: within the account's calls a second, like every call. Failed before the
                            // question went out: released, so the job's next run asks.
                            .compose(v -> rate.take()).compose(v -> contacts.ask(p, who))
                            .recover(e -> checkIns.release(mark).compose(x -> Future.failedFuture(e)))
                            .compose(how -> {
                                log.info("daily check-in: {} asked to look participant={} day={} how={}", role, p.id(), day, how);
                                return switch (how) {
                                    case SMS -> checkIns.add(p.id(), day, CheckInLog.Step.ASKED, role);
                                    case CALL -> checkIns.add(p.id(), day, CheckInLog.Step.ASKED, role + "|" + CheckInLog.CALLED_THEM);
                                    case NOT -> checkIns.add(p.id(), day, CheckInLog.Step.NOT_ASKED, role).compose(v -> next(p, day, role, textedAt));
                                };
                            }).map(v -> done());
                });
            });
        }

        /** Asked before (this job runs again after a crash or a restart): its answer is still heard, or the next one asked. */
        private Future<Void> followUp(Participant p, LocalDate day, String role, String textedAt, List<CheckInLog.Entry> entries) {
            if (last(entries, CheckInLog.Step.NOT_ASKED, role) != null) return next(p, day, role, textedAt);
            CheckInLog.Entry asked = last(entries, CheckInLog.Step.ASKED, role);
            Instant at = asked == null ? clock.instant() : asked.at();
            CheckInLog.Entry going = last(entries, CheckInLog.Step.GOING, role);
            Ladder ladder = ladders.apply(p);
            String payload = textedAt + "|" + at.toEpochMilli() + (going == null ? "" : "|" + GOING);
            Instant due = going == null ? at.plus(ladder.contactWait()) : going.at().plus(ladder.lookWait());
            return jobs.schedule(new Job(HEAR, p.id() + "|" + day + "|" + role, due, payload));
        }
    }

    /** What the contact person or key holder answered, when their time is up. */
    final class Hear implements JobHandler {
        @Override
        public String kind() {
            return HEAR;
        }

        @Override
        public Future<Result> run(ClaimedJob claimed) {
            String[] key = claimed.job().key().split("\\|", 3);
            LocalDate day = LocalDate.parse(key[1]);
            String role = key[2];
            String[] payload = claimed.job().payload().split("\\|", -1);
            String textedAt = payload[0];
            Instant askedAt = payload.length > 1 ? millis(payload[1]) : null;
            boolean wentToLook = payload.length > 2 && GOING.equals(payload[2]);
            return open(key[0], day, textedAt).compose(o -> {
                if (o.standing() == Standing.STOP) return Future.succeededFuture(done());
                if (o.standing() == Standing.HELP || over(day)) return toCoordinator(key[0], day, textedAt).map(v -> done());
                Participant p = o.p();
                Participant.Person who = person(p, role);
                // Removed from the participant since, or never asked (the question could not go out): the next one.
                if (who == null || last(o.entries(), CheckInLog.Step.NOT_ASKED, role) != null) {
                    return next(p, day, role, textedAt).map(v -> done());
                }
                Instant since = askedAt == null ? Instant.EPOCH : askedAt;
                return contacts.answer(p, who, since).compose(answer -> switch (answer) {
                    // Settled or for the coordinator by open() already; here for a run that raced an answer.
                    case SAFE -> checkIns.settle(p.id(), day, CheckInLog.Step.SAFE_BY_CONTACT, role).<Void>mapEmpty();
                    case NEEDS_HELP -> toCoordinator(p.id(), day, textedAt)
                            .compose(v -> checkIns.addOnce(p.id(), day, CheckInLog.Step.NEEDS_HELP, role));
                    case GOING -> wentToLook
                            // They went, and have not said how it is: the coordinator, not another neighbour.
                            ? toCoordinator(p.id(), day, textedAt).compose(v -> checkIns.addOnce(p.id(), day, CheckInLog.Step.NO_ANSWER, role))
                            : jobs.schedule(new Job(HEAR, p.id() + "|" + day + "|" + role, clock.instant().plus(ladders.apply(p).lookWait()),
                                    claimed.job().payload() + "|" + GOING))
                                    .compose(v -> checkIns.addOnce(p.id(), day, CheckInLog.Step.GOING, role));
                    case CANNOT -> next(p, day, role, textedAt).compose(v -> checkIns.addOnce(p.id(), day, CheckInLog.Step.CANNOT, role));
                    case NONE -> next(p, day, role, textedAt).compose(v -> checkIns.addOnce(p.id(), day, CheckInLog.Step.NO_ANSWER, role));
                }).map(v -> done());
            });
        }
    }

    /**
     * The urgent task for the coordinator, with the day's history: once a day (its log entry says it was done;
     * a crash between the task and the entry gives the coordinator the note twice, never not at all).
     */
    final class Coordinator implements JobHandler {
        @Override
        public String kind() {
            return COORDINATOR;
        }

        @Override
        public Future<Result> run(ClaimedJob claimed) {
            String[] key = claimed.job().key().split("\\|", 2);
            LocalDate day = LocalDate.parse(key[1]);
            return open(key[0], day, claimed.job().payload()).compose(o -> {
                if (o.standing() == Standing.STOP) return Future.succeededFuture(done());
                Participant p = o.p();
                if (last(o.entries(), CheckInLog.Step.COORDINATOR, "") != null) return Future.succeededFuture(done());
                List<CheckInLog.Entry> history = new ArrayList<>(o.entries());
                return coordinator.alert(p, CheckInHistory.of(p, day, history))
                        .compose(v -> checkIns.add(p.id(), day, CheckInLog.Step.COORDINATOR, ""))
                        .map(v -> {
                            log.info("daily check-in: coordinator alerted participant={} day={}", p.id(), day);
                            return done();
                        });
            });
        }
    }
}
