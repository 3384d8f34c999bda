package nl.omkijken.channels.checkin;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Map;
import nl.omkijken.circle.Participant;
import nl.omkijken.circle.Participants;
import nl.omkijken.circle.TextCheckIn;
import nl.omkijken.people.Address;
import nl.omkijken.people.People;
import nl.omkijken.runner.TranscriptEntry;
import nl.omkijken.runner.TurnRunner;

/**
 * The check-in by text for a participant the day's calls did not reach: the Telefooncirkel's missed-call dialog
 * ({@link #DIALOG}) begins on the participant's own text conversation ({@link CheckInAddresses#text}), so its
 * question goes out through the outbox and their answer comes back into the same conversation, answered by the
 * check-in's steps. Whether they wrote back is read from that conversation.
 */
public final class DialogTextCheckIn implements TextCheckIn {
    public static final String DIALOG = "telefooncirkel_gemist";
    private final TurnRunner runner;
    private final People people;
    private final CheckInAddresses addresses;

    public DialogTextCheckIn(TurnRunner runner, People people, CheckInAddresses addresses) {
        this.runner = runner;
        this.people = people;
        this.addresses = addresses;
    }

    /** False when nothing went out: they once sent STOP, or their text conversation is with a person or waits for one. */
    @Override
    public Future<Boolean> send(Participant p) {
        return people.resolve(addresses.text().apply(p.phone()))
                .compose(known -> runner.begin(known.conversationId(), addresses.textChannel(), known.addressKey(), Participants.LINE,
                        p.language(), Map.of("first_name", p.firstName()), DIALOG))
                .map(r -> r != null && !r.replies().isEmpty());
    }

    @Override
    public Future<Boolean> answeredSince(Participant p, Instant since) {
        return wroteSince(runner, people, addresses.text().apply(p.phone()), since);
    }

    /** Whether the person at {@code address} wrote to us on that conversation at or after {@code since}. */
    static Future<Boolean> wroteSince(TurnRunner runner, People people, Address address, Instant since) {
        return people.find(address).compose(known -> known == null ? Future.succeededFuture(false)
                : runner.store().transcript(known.conversationId()).map(lines -> spokeSince(lines, since)));
    }

    /** Whether a transcript has anything from the person (written, or said in a call) at or after {@code since}. */
    static boolean spokeSince(java.util.List<TranscriptEntry> lines, Instant since) {
        return lines.stream().anyMatch(e -> TranscriptEntry.IN.equals(e.direction()) && !e.at().isBefore(since));
    }
}
