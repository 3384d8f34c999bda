package nl.omkijken.channels.checkin;

import io.vertx.core.Future;
import java.time.Instant;
import nl.omkijken.circle.Heard;
import nl.omkijken.circle.Participant;
import nl.omkijken.people.People;
import nl.omkijken.runner.TurnRunner;

/**
 * Whether a participant wrote or called the Telefooncirkel since a moment: anything of theirs in the transcript of
 * their text conversation or their call conversation ({@link CheckInAddresses}). A chain member's confirmation.
 */
public final class DialogHeard implements Heard {
    private final TurnRunner runner;
    private final People people;
    private final CheckInAddresses addresses;

    public DialogHeard(TurnRunner runner, People people, CheckInAddresses addresses) {
        this.runner = runner;
        this.people = people;
        this.addresses = addresses;
    }

    @Override
    public Future<Boolean> since(Participant p, Instant since) {
        return DialogTextCheckIn.wroteSince(runner, people, addresses.text().apply(p.phone()), since)
                .compose(wrote -> wrote ? Future.succeededFuture(true)
                        : DialogTextCheckIn.wroteSince(runner, people, addresses.call().apply(p.phone()), since));
    }
}
