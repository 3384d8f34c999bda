package nl.omkijken.channels.checkin;

import io.vertx.core.Future;
import java.time.Clock;
import nl.omkijken.circle.CoordinatorAlert;
import nl.omkijken.circle.Participant;
import nl.omkijken.circle.Participants;
import nl.omkijken.handoff.Handoff;
import nl.omkijken.handoff.HandoffAction;
import nl.omkijken.handoff.HandoffRefused;
import nl.omkijken.people.People;
import nl.omkijken.runner.StaffAction;
import nl.omkijken.runner.TurnRunner;

/**
 * The ladder's last step: an urgent call-back task in the Telefooncirkel's queue on the participant's own text
 * conversation (the coordinator calls them, or sends someone), with the day's history as a note beside it. A
 * conversation already waiting for a person keeps its place and gets the note.
 */
public final class HandoffCoordinatorAlert implements CoordinatorAlert {
    /** Who wrote the note, as the transcript shows it. */
    static final StaffAction.Staff LADDER = new StaffAction.Staff("telefooncirkel", "Telefooncirkel (automatisch)", true);
    private final TurnRunner runner;
    private final People people;
    private final CheckInAddresses addresses;
    private final Clock clock;

    public HandoffCoordinatorAlert(TurnRunner runner, People people, CheckInAddresses addresses, Clock clock) {
        this.runner = runner;
        this.people = people;
        this.addresses = addresses;
        this.clock = clock;
    }

    @Override
    public Future<Void> alert(Participant p, String history) {
        return people.resolve(addresses.text().apply(p.phone())).compose(known -> runner.staff(known.conversationId(),
                        new HandoffAction.Request(Participants.LINE, Handoff.Kind.CALLBACK, true, "not_reached", clock.instant()))
                .<Void>mapEmpty()
                // Open already (a person has it, or it waits): it is seen already; the history goes beside it.
                .recover(e -> e instanceof HandoffRefused ? Future.succeededFuture() : Future.failedFuture(e))
                .compose(v -> runner.act(known.conversationId(), new StaffAction.Note(LADDER, history)).<Void>mapEmpty()));
    }
}
