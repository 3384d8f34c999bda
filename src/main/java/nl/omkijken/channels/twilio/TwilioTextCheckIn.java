package nl.omkijken.channels.twilio;

import io.vertx.core.Future;
import java.util.Map;
import nl.omkijken.circle.Participant;
import nl.omkijken.circle.Participants;
import nl.omkijken.circle.TextCheckIn;
import nl.omkijken.handoff.Handoff;
import nl.omkijken.handoff.HandoffAction;
import nl.omkijken.people.Address;
import nl.omkijken.people.People;
import nl.omkijken.runner.TurnRunner;

/**
 * The check-in by SMS for a participant the day's calls did not reach: the Telefooncirkel's check-in begins
 * on the participant's own SMS conversation (their number and the line's), so its question goes out through
 * the outbox as a text message, their answer comes back into the same conversation, and its silence ladder
 * (asked again after a quarter of an hour, then the coordinator, urgently) runs as for any text check-in.
 */
final class TwilioTextCheckIn implements TextCheckIn {
    private final TurnRunner runner;
    private final People people;
    private final String ours;
    private final java.time.Clock clock;

    TwilioTextCheckIn(TurnRunner runner, People people, String ours, java.time.Clock clock) {
        this.runner = runner;
        this.people = people;
        this.ours = ours;
        this.clock = clock;
    }

    /**
     * When the check-in cannot start by text (the participant sent STOP once, or their text conversation is
     * already with a person or waiting for one), nothing would go out and nobody would hear: the coordinator
     * gets an urgent call-back task on it at once instead.
     */
    @Override
    public Future<Void> send(Participant p) {
        Address sms = new TwilioAddress(p.phone(), ours).address();
        return people.resolve(sms).compose(known -> runner.begin(known.conversationId(), TwilioAddress.SMS, known.addressKey(),
                        Participants.LINE, p.language(), Map.of("first_name", p.firstName()), null)
                .compose(r -> r != null && !r.replies().isEmpty() ? Future.<Void>succeededFuture()
                        : runner.staff(known.conversationId(), new HandoffAction.Request(Participants.LINE, Handoff.Kind.CALLBACK,
                                true, "no_response", clock.instant())).<Void>mapEmpty()
                                // Already open (a person has it, or it waits): the coordinator sees it already.
                                .recover(e -> e instanceof nl.omkijken.handoff.HandoffRefused ? Future.succeededFuture()
                                        : Future.failedFuture(e))));
    }
}
