package nl.omkijken.channels.sandbox;

import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import io.vertx.core.Future;
import nl.omkijken.channels.Channel;
import nl.omkijken.channels.checkin.CheckInAddresses;
import nl.omkijken.channels.checkin.DialogContactAlert;
import nl.omkijken.channels.checkin.DialogTextCheckIn;
import nl.omkijken.channels.checkin.HandoffCoordinatorAlert;
import nl.omkijken.circle.CheckInChannels;
import nl.omkijken.circle.ContactAlert;
import nl.omkijken.circle.ContactSteps;
import nl.omkijken.circle.Participant;
import nl.omkijken.circle.TextCheckIn;
import nl.omkijken.runner.Sender;
import nl.omkijken.runner.TurnRunner;

/**
 * The sandbox as a channel: the local web chat and phone simulator with its JSON API. A message's
 * replies are the answer to its HTTP call; replies a timer writes later go through the outbox to
 * {@link SandboxSender}, and the page reads them from the transcript. When no provider places calls, its phone
 * simulator places the Telefooncirkel's ({@link SandboxPhone}).
 */
public final class SandboxChannel implements Channel {
    private final SandboxRoutes routes;
    private final SandboxSender sender = new SandboxSender();

    public SandboxChannel(TurnRunner runner, nl.omkijken.people.People people, Clock clock) {
        this(runner, people, clock, java.util.Set.of("telefooncirkel"));
    }

    /** @param callLines the lines whose calls the phone simulator answers, as the real phone does */
    public SandboxChannel(TurnRunner runner, nl.omkijken.people.People people, Clock clock, java.util.Set<String> callLines) {
        this.routes = new SandboxRoutes(runner, people, clock, callLines);
        this.phone = null;
        this.checkIns = null;
    }

    /**
     * The phone simulator places the Telefooncirkel's calls too, when no provider does: the daily call, its retries and
     * the ladder's calls to a landline contact ring in the browser; the text messages go to sandbox conversations
     * named after the number. Needs the phone's texts (dialogs/phone.yaml) and the Telefooncirkel among the lines that
     * answer calls.
     */
    public SandboxChannel(TurnRunner runner, nl.omkijken.people.People people, Clock clock, java.util.Set<String> callLines,
                          io.vertx.core.Vertx vertx, nl.omkijken.circle.Participants participants) {
        this(runner, people, clock, callLines, vertx, participants, SandboxPhone.RING);
    }

    /** @param ring how long a call rings unanswered before it counts as not answered */
    SandboxChannel(TurnRunner runner, nl.omkijken.people.People people, Clock clock, java.util.Set<String> callLines,
                   io.vertx.core.Vertx vertx, nl.omkijken.circle.Participants participants, java.time.Duration ring) {
        if (!runner.engine().dialogs().phone().present() || !callLines.contains(nl.omkijken.circle.Participants.LINE)) {
            throw new IllegalArgumentException("the phone simulator places the Telefooncirkel's calls only when that line answers"
                    + " calls and the dialogs have the phone's texts (phone.yaml)");
        }
        this.phone = new SandboxPhone(vertx, clock, ring);
        this.routes = new SandboxRoutes(runner, people, clock, callLines, phone, participants);
        CheckInAddresses at = new CheckInAddresses(SandboxSender.CHANNEL, SandboxPhone::textAddress, SandboxPhone::callAddress);
        SandboxPhone shown = phone;
        TextCheckIn text = new DialogTextCheckIn(runner, people, at);
        ContactAlert contacts = new DialogContactAlert(runner, people, at, phone);
        this.checkIns = new CheckInChannels(phone,
                // The simulator lists each text message the check-in sent, to open its conversation.
                new TextCheckIn() {
                    @Override
                    public Future<Boolean> send(Participant p) {
                        return text.send(p).onSuccess(sent -> {
                            if (sent) shown.texted(p, null, p.firstName(), p.phone());
                        });
                    }

                    @Override
                    public Future<Boolean> answeredSince(Participant p, java.time.Instant since) {
                        return text.answeredSince(p, since);
                    }
                },
                new ContactAlert() {
                    @Override
                    public Future<Asked> ask(Participant p, Participant.Person who) {
                        return contacts.ask(p, who).onSuccess(asked -> {
                            if (asked == Asked.SMS) {
                                shown.texted(p, who.equals(p.keyHolder()) && !who.equals(p.contact()) ? ContactSteps.KEY_HOLDER
                                        : ContactSteps.CONTACT, who.name() == null ? "" : who.name().strip(), who.phone());
                            }
                        });
                    }

                    @Override
                    public Future<Answer> answer(Participant p, Participant.Person who, java.time.Instant since) {
                        return contacts.answer(p, who, since);
                    }
                },
                new HandoffCoordinatorAlert(runner, people, at, clock),
                number -> List.of(at.call().apply(number), at.text().apply(number)),
                new nl.omkijken.channels.checkin.DialogHeard(runner, people, at));
    }

    private final SandboxPhone phone;
    private final CheckInChannels checkIns;

    @Override
    public java.util.Optional<CheckInChannels> checkInChannels() {
        return java.util.Optional.ofNullable(checkIns);
    }

    @Override
    public void callOutcomes(nl.omkijken.circle.CallOutcomes outcomes) {
        if (phone != null) phone.callOutcomes(outcomes);
    }

    /** The simulated put-through of a waiting caller to the worker who took them. */
    @Override
    public List<nl.omkijken.runner.TaskHandler> taskHandlers() {
        return List.of(routes.bridge());
    }

    @Override
    public String name() { return "sandbox"; }

    @Override
    public List<Sender> senders() { return List.of(sender); }

    @Override
    public boolean repliesInline() { return true; }

    @Override
    public void mount(Router router) {
        routes.mount(router);
    }

    @Override
    public List<String> readyLines(String publicBaseUrl, String localBaseUrl) {
        return List.of("Sandbox (web chat and phone simulator): " + localBaseUrl + "/sandbox/");
    }
}
