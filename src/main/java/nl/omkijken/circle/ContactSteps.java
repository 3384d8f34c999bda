package nl.omkijken.circle;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import nl.omkijken.runner.ClaimedJob;
import nl.omkijken.runner.Job;
import nl.omkijken.runner.JobHandler;
import nl.omkijken.runner.JobStore;
import nl.omkijken.runner.OnceMarks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ladder after the text message, as jobs: the contact person is asked to go and look ({@link #ASK}, key
 * participant|day|who), their answer read after a while ({@link #HEAR}); the key holder next when the contact
 * cannot go or says nothing; then the coordinator ({@link #COORDINATOR}) with the day's whole history. Every
 * step first asks whether the participant is settled for the day (they answered a call, wrote back, someone
 * said they are well, a worker marked them safe): then the ladder stops there. A job carries when the text went
 * out (its payload), so an answer to it still counts at any later step.
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

    ContactSteps(Participants participants, JobStore jobs, TextCheckIn text, ContactAlert contacts, CoordinatorAlert coordinator,
                 CheckIns checkIns, Clock clock, Function<Participant, Ladder> ladders) {
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
    static Participant.Person person(Participant p, String role) {
        Participant.Person who = KEY_HOLDER.equals(role) ? p.keyHolder() : p.contact();
        return who == null || who.phone() == null || who.phone().isBlank() ? null : who;
    }

    /** The ladder after the text message: the contact person once the text had its time (or at once when it did not go out). */
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
        return jobs.schedule(new Job(COORDINATOR, p.id() + "|" + day, clock.instant(), textedAt));
    }

    /** The step's participant, unless gone, paused, or settled for the day (then the ladder stops). */
    private Future<Participant> open(String id, LocalDate day, String textedAt) {
        return participants.byId(id).compose(p -> {
            if (p == null || !p.active()) return Future.succeededFuture((Participant) null);
            return checkIns.settled(p.id(), day).compose(settled -> {
                if (settled) return Future.succeededFuture((Participant) null);
                Instant since = textedAt.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(textedAt.split("\\|")[0]));
                if (since == null) return Future.succeededFuture(p);
                return text.answeredSince(p, since).otherwise(false).compose(wrote -> !wrote ? Future.succeededFuture(p)
                        : checkIns.settle(p.id(), day, CheckInLog.Step.TEXT_ANSWERED, "").map(v -> (Participant) null));
            });
        });
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
            return open(key[0], day, textedAt).compose(p -> {
                if (p == null) return Future.succeededFuture(done());
                Participant.Person who = person(p, role);
                if (who == null) return next(p, day, role, textedAt).map(v -> done());
                // A landline takes no text message (asking by phone is not built yet): the next one at once.
                if (!PhoneNumbers.textable(who.phone())) {
                    return checkIns.add(p.id(), day, CheckInLog.Step.NOT_ASKED, role + "|" + CheckInLog.LANDLINE)
                            .compose(v -> next(p, day, role, textedAt)).map(v -> done());
                }
                String mark = "checkin-ask|" + p.id() + "|" + day + "|" + role;
                return checkIns.once(mark).compose(first -> {
                    if (!first) return Future.succeededFuture(done());
                    // Failed before the question went out: released, so the job's next run asks (never a stalled ladder).
                    return contacts.ask(p, who).recover(e -> checkIns.release(mark).compose(v -> Future.failedFuture(e))).compose(sent -> {
                        log.info("daily check-in: {} asked to look participant={} day={} sent={}", role, p.id(), day, sent);
                        if (!sent) {
                            return checkIns.add(p.id(), day, CheckInLog.Step.NOT_ASKED, role).compose(v -> next(p, day, role, textedAt));
                        }
                        return checkIns.add(p.id(), day, CheckInLog.Step.ASKED, role)
                                .compose(v -> jobs.schedule(new Job(HEAR, p.id() + "|" + day + "|" + role,
                                        clock.instant().plus(ladders.apply(p).contactWait()), textedAt)));
                    }).map(v -> done());
                });
            });
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
            String payload = claimed.job().payload();
            boolean wentToLook = payload.endsWith("|" + GOING);
            String textedAt = wentToLook ? payload.substring(0, payload.length() - GOING.length() - 1) : payload;
            return open(key[0], day, textedAt).compose(p -> {
                if (p == null) return Future.succeededFuture(done());
                Participant.Person who = person(p, role);
                if (who == null) return next(p, day, role, textedAt).map(v -> done());
                return contacts.answer(who).compose(answer -> switch (answer) {
                    case SAFE -> checkIns.settle(p.id(), day, CheckInLog.Step.SAFE_BY_CONTACT, role).<Void>mapEmpty();
                    case NEEDS_HELP -> checkIns.add(p.id(), day, CheckInLog.Step.NEEDS_HELP, role)
                            .compose(v -> jobs.schedule(new Job(COORDINATOR, p.id() + "|" + day, clock.instant(), textedAt)));
                    case GOING -> wentToLook
                            // They went, and have not said how it is: the coordinator, not another neighbour.
                            ? checkIns.add(p.id(), day, CheckInLog.Step.NO_ANSWER, role)
                                    .compose(v -> jobs.schedule(new Job(COORDINATOR, p.id() + "|" + day, clock.instant(), textedAt)))
                            : checkIns.add(p.id(), day, CheckInLog.Step.GOING, role)
                                    .compose(v -> jobs.schedule(new Job(HEAR, p.id() + "|" + day + "|" + role,
                                            clock.instant().plus(ladders.apply(p).lookWait()), textedAt + "|" + GOING)));
                    case CANNOT -> checkIns.add(p.id(), day, CheckInLog.Step.CANNOT, role).compose(v -> next(p, day, role, textedAt));
                    case NONE -> checkIns.add(p.id(), day, CheckInLog.Step.NO_ANSWER, role).compose(v -> next(p, day, role, textedAt));
                }).map(v -> done());
            });
        }
    }

    /** The urgent task for the coordinator, with the day's history: once a day. */
    final class Coordinator implements JobHandler {
        @Override
        public String kind() {
            return COORDINATOR;
        }

        @Override
        public Future<Result> run(ClaimedJob claimed) {
            String[] key = claimed.job().key().split("\\|", 2);
            LocalDate day = LocalDate.parse(key[1]);
            return open(key[0], day, claimed.job().payload()).compose(p -> {
                if (p == null) return Future.succeededFuture(done());
                String mark = "checkin-coordinator|" + p.id() + "|" + day;
                return checkIns.once(mark).compose(first -> {
                    if (!first) return Future.succeededFuture(done());
                    return checkIns.of(p.id(), day)
                            .compose(entries -> coordinator.alert(p, CheckInHistory.of(p, day, entries)))
                            .compose(v -> checkIns.add(p.id(), day, CheckInLog.Step.COORDINATOR, ""))
                            .map(v -> {
                                log.info("daily check-in: coordinator alerted participant={} day={}", p.id(), day);
                                return done();
                            })
                            .recover(e -> checkIns.release(mark).compose(v -> Future.failedFuture(e)));
                });
            });
        }
    }
}
