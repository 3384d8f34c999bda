package nl.omkijken.circle;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import nl.omkijken.people.Address;
import nl.omkijken.runner.CallbackNotes;

/**
 * A Telefooncirkel participant's call-back requests in their day ({@link CheckInLog.Step#CALLBACK_ASKED}) and what a
 * worker reported of each ({@link CheckInLog.Step#CALLBACK_HANDLED}, with the minutes it took), both in the day the
 * request was made: the coordinators' report per participant. The conversation is known by its address key; the
 * participant is the one whose number's conversations (by text or by phone) have that key. Other lines are not noted.
 */
public final class ParticipantCallbacks implements CallbackNotes {
    /**
     * The participant's own requests for a person (the check-in's reasons): a STOP, a crisis or the ladder's own tasks
     * (the coordinator's) are no call-back asked for, and are in the day otherwise or not at all.
     */
    private static final java.util.Set<String> REQUESTS = java.util.Set.of("callback_request", "talk_to_human", "urgent_help", "not_understood");

    private final Participants participants;
    private final CheckInLog log;
    private final Function<String, List<Address>> spokenAt;
    private final Function<Address, String> keyOf;
    /** Dialogs that speak with someone else about a participant (the contact person's): their requests are not this address's. */
    private final java.util.Set<String> othersDialogs;

    /**
     * @param spokenAt a number's conversations on the phone channel (its texts, its calls)
     * @param keyOf    an address's key (the keyed hash conversations refer to it by)
     */
    public ParticipantCallbacks(Participants participants, CheckInLog log, Function<String, List<Address>> spokenAt,
                                Function<Address, String> keyOf, java.util.Set<String> othersDialogs) {
        this.participants = participants;
        this.log = log;
        this.spokenAt = spokenAt;
        this.keyOf = keyOf;
        this.othersDialogs = java.util.Set.copyOf(othersDialogs);
    }

    @Override
    public Future<Void> asked(String line, String addressKey, Instant requestedAt, String reason, String dialog) {
        if (!Participants.LINE.equals(line) || reason == null || !REQUESTS.contains(reason)
                || (dialog != null && othersDialogs.contains(dialog))) return Future.succeededFuture();
        return participantAt(addressKey).compose(p -> p == null ? Future.succeededFuture()
                : log.add(day(requestedAt), p.id(), new CheckInLog.Entry(requestedAt, CheckInLog.Step.CALLBACK_ASKED, reason)));
    }

    @Override
    public Future<Void> handled(String line, String addressKey, Instant requestedAt, String reason, Result result, Instant at) {
        if (!Participants.LINE.equals(line) || reason == null || !REQUESTS.contains(reason)) return Future.succeededFuture();
        String minutes = result == Result.NOT_REACHED ? "" : "|" + Duration.between(requestedAt, at).toMinutes();
        return participantAt(addressKey).compose(p -> p == null ? Future.succeededFuture()
                : log.add(day(requestedAt), p.id(), new CheckInLog.Entry(at, CheckInLog.Step.CALLBACK_HANDLED,
                        result.name().toLowerCase(java.util.Locale.ROOT) + minutes)));
    }

    /**
     * The participant whose conversations are at this address key, or null. Reads every participant: call-back
     * requests are a few a day, and the keys are computed here, not stored beside a number.
     */
    private Future<Participant> participantAt(String addressKey) {
        return participants.all().map(all -> {
            for (Participant p : all) {
                for (Address a : spokenAt.apply(p.phone())) {
                    if (addressKey.equals(keyOf.apply(a))) return p;
                }
            }
            return null;
        });
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, CallPlan.ZONE);
    }
}
