package nl.omkijken.channels.checkin;

import io.vertx.core.Future;
import java.util.Map;
import nl.omkijken.circle.ContactAlert;
import nl.omkijken.circle.ContactSteps;
import nl.omkijken.circle.Participant;
import nl.omkijken.circle.Participants;
import nl.omkijken.circle.PhoneNumbers;
import nl.omkijken.people.Address;
import nl.omkijken.people.People;
import nl.omkijken.runner.TurnRunner;

/**
 * A participant's contact person or key holder asked to go and look, by a text message or, on a landline, by a
 * phone call ({@link ContactCaller}; the phone begins the same dialog in the call): the Telefooncirkel's contact
 * dialog ({@link #DIALOG}) begins on their own conversation with us, in the participant's language, naming the
 * participant by first name. Their answer is the value {@link #ANSWER} that dialog keeps on them (a person's
 * memory, so a message they write after the dialog ended does not lose it), cleared when they are asked, and
 * read back when the ladder asks. One who is the contact of two participants answers the latest question.
 */
public final class DialogContactAlert implements ContactAlert {
    public static final String DIALOG = "telefooncirkel_contact";
    static final String ANSWER = "cirkel_antwoord";
    /** Kept on them with the question: whom it is about (a participant's id). */
    static final String ABOUT = "cirkel_vraag_over";
    private final TurnRunner runner;
    private final People people;
    private final CheckInAddresses addresses;
    private final ContactCaller calls;

    public DialogContactAlert(TurnRunner runner, People people, CheckInAddresses addresses, ContactCaller calls) {
        this.runner = runner;
        this.people = people;
        this.addresses = addresses;
        this.calls = calls;
    }

    /** A mobile gets a text message; a landline, which takes none, is called ("toets 1 als u gaat kijken"). */
    @Override
    public Future<Asked> ask(Participant p, Participant.Person who) {
        if (!PhoneNumbers.textable(who.phone())) {
            String role = who.equals(p.keyHolder()) && !who.equals(p.contact()) ? ContactSteps.KEY_HOLDER : ContactSteps.CONTACT;
            // What they answer in the call is kept on their phone conversation's person; the last question's answer goes.
            return people.resolve(addresses.call().apply(who.phone()))
                    .compose(known -> runner.memory().remember(known.addressKey(), Map.of(ANSWER, "", ABOUT, p.id())))
                    .compose(v -> calls.placeContact(p, role, who.phone())).map(sid -> Asked.CALL);
        }
        return people.resolve(addresses.text().apply(who.phone()))
                // The last question's answer is not this one's; and this one is about this participant.
                .compose(known -> runner.memory().remember(known.addressKey(), Map.of(ANSWER, "", ABOUT, p.id())).map(v -> known))
                .compose(known -> runner.begin(known.conversationId(), addresses.textChannel(), known.addressKey(), Participants.LINE,
                        p.language(), fields(p, who), DIALOG))
                .map(r -> r != null && !r.replies().isEmpty() ? Asked.SMS : Asked.NOT);
    }

    /** What the contact dialog knows of them and of whom it asks. */
    public static Map<String, String> fields(Participant p, Participant.Person who) {
        return Map.of("first_name", firstName(who), "participant", p.firstName());
    }

    private static String firstName(Participant.Person who) {
        return who.name() == null || who.name().isBlank() ? "" : who.name().strip().split("\\s+")[0];
    }

    @Override
    public Future<Answer> answer(Participant p, Participant.Person who, java.time.Instant since) {
        // By text or in a call: kept on them, written (or said) since they were asked, about this participant.
        return answerAt(p, addresses.text().apply(who.phone()), since)
                .compose(a -> a != Answer.NONE ? Future.succeededFuture(a) : answerAt(p, addresses.call().apply(who.phone()), since));
    }

    private Future<Answer> answerAt(Participant p, Address address, java.time.Instant since) {
        return people.find(address).compose(known -> known == null ? Future.succeededFuture(Answer.NONE)
                : runner.store().transcript(known.conversationId()).compose(lines -> !DialogTextCheckIn.spokeSince(lines, since)
                        ? Future.succeededFuture(Answer.NONE) : runner.memory().recall(known.addressKey()).map(kept -> read(p, kept))));
    }

    private static Answer read(Participant p, Map<String, String> kept) {
        String said = kept.get(ANSWER);
        if (said == null || !p.id().equals(kept.get(ABOUT))) return Answer.NONE;
        return switch (said) {
            case "gaat_kijken" -> Answer.GOING;
            case "veilig" -> Answer.SAFE;
            case "kan_niet" -> Answer.CANNOT;
            case "hulp_nodig" -> Answer.NEEDS_HELP;
            default -> Answer.NONE;
        };
    }
}
