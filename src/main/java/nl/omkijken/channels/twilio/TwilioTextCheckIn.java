package nl.omkijken.channels.twilio;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Map;
import nl.omkijken.circle.Participant;
import nl.omkijken.circle.Participants;
import nl.omkijken.circle.TextCheckIn;
import nl.omkijken.people.People;
import nl.omkijken.runner.TranscriptEntry;
import nl.omkijken.runner.TurnRunner;

/**
 * The check-in by SMS for a participant the day's calls did not reach: the Telefooncirkel's missed-call dialog
 * ({@link #DIALOG}) begins on the participant's own SMS conversation (their number and the line's), so its
 * question goes out through the outbox as a text message and their answer comes back into the same
 * conversation, answered by the check-in's steps. Whether they wrote back is read from that conversation.
 */
final class TwilioTextCheckIn implements TextCheckIn {
    static final String DIALOG = "telefooncirkel_gemist";
    private final TurnRunner runner;
    private final People people;
    private final String ours;

    TwilioTextCheckIn(TurnRunner runner, People people, String ours) {
        this.runner = runner;
        this.people = people;
        this.ours = ours;
    }

    /** False when nothing went out: they once sent STOP, or their text conversation is with a person or waits for one. */
    @Override
    public Future<Boolean> send(Participant p) {
        return people.resolve(new TwilioAddress(p.phone(), ours).address())
                .compose(known -> runner.begin(known.conversationId(), TwilioAddress.SMS, known.addressKey(), Participants.LINE,
                        p.language(), Map.of("first_name", p.firstName()), DIALOG))
                .map(r -> r != null && !r.replies().isEmpty());
    }

    @Override
    public Future<Boolean> answeredSince(Participant p, Instant since) {
        return wroteSince(runner, people, new TwilioAddress(p.phone(), ours), since);
    }

    /** Whether the person at {@code address} wrote to us on that conversation at or after {@code since}. */
    static Future<Boolean> wroteSince(TurnRunner runner, People people, TwilioAddress address, Instant since) {
        return people.find(address.address()).compose(known -> known == null ? Future.succeededFuture(false)
                : runner.store().transcript(known.conversationId()).map(lines -> spokeSince(lines, since)));
    }

    /** Whether a transcript has anything from the person (written, or said in a call) at or after {@code since}. */
    static boolean spokeSince(java.util.List<TranscriptEntry> lines, Instant since) {
        return lines.stream().anyMatch(e -> TranscriptEntry.IN.equals(e.direction()) && !e.at().isBefore(since));
    }
}
