package nl.omkijken.channels.twilio;

import io.vertx.core.Future;
import java.util.Map;
import nl.omkijken.circle.ContactAlert;
import nl.omkijken.circle.Participant;
import nl.omkijken.circle.Participants;
import nl.omkijken.people.People;
import nl.omkijken.runner.TurnRunner;

/**
 * A participant's contact person or key holder asked by SMS to go and look: the Telefooncirkel's contact dialog
 * ({@link #DIALOG}) begins on their own SMS conversation with us, in the participant's language, naming the
 * participant by first name. Their answer is the value {@link #ANSWER} that dialog keeps on them (a person's
 * memory, so a message they write after the dialog ended does not lose it), cleared when they are asked, and
 * read back when the ladder asks. One who is the contact of two participants answers the latest question.
 */
final class TwilioContactAlert implements ContactAlert {
    static final String DIALOG = "telefooncirkel_contact";
    static final String ANSWER = "cirkel_antwoord";
    /** Kept on them with the question: whom it is about (a participant's id). */
    static final String ABOUT = "cirkel_vraag_over";
    private final TurnRunner runner;
    private final People people;
    private final String ours;

    TwilioContactAlert(TurnRunner runner, People people, String ours) {
        this.runner = runner;
        this.people = people;
        this.ours = ours;
    }

    @Override
    public Future<Boolean> ask(Participant p, Participant.Person who) {
        String first = who.name() == null || who.name().isBlank() ? "" : who.name().strip().split("\\s+")[0];
        return people.resolve(new TwilioAddress(who.phone(), ours).address())
                // The last question's answer is not this one's; and this one is about this participant.
                .compose(known -> runner.memory().remember(known.addressKey(), Map.of(ANSWER, "", ABOUT, p.id())).map(v -> known))
                .compose(known -> runner.begin(known.conversationId(), TwilioAddress.SMS, known.addressKey(), Participants.LINE,
                        p.language(), Map.of("first_name", first, "participant", p.firstName()), DIALOG))
                .map(r -> r != null && !r.replies().isEmpty());
    }

    @Override
    public Future<Answer> answer(Participant p, Participant.Person who, java.time.Instant since) {
        TwilioAddress address = new TwilioAddress(who.phone(), ours);
        // Kept on them, and written by them since they were asked: never an answer to another day's question.
        return TwilioTextCheckIn.wroteSince(runner, people, address, since).compose(wrote -> !wrote ? Future.succeededFuture(Map.<String, String>of())
                        : people.find(address.address()).compose(known -> known == null ? Future.succeededFuture(Map.<String, String>of())
                                : runner.memory().recall(known.addressKey())))
                .map(kept -> {
                    String said = kept.get(ANSWER);
                    if (said == null || !p.id().equals(kept.get(ABOUT))) return Answer.NONE;
                    return switch (said) {
                        case "gaat_kijken" -> Answer.GOING;
                        case "veilig" -> Answer.SAFE;
                        case "kan_niet" -> Answer.CANNOT;
                        case "hulp_nodig" -> Answer.NEEDS_HELP;
                        default -> Answer.NONE;
                    };
                });
    }
}
