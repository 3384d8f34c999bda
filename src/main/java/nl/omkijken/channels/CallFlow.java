package nl.omkijken.channels;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.omkijken.engine.Event;
import nl.omkijken.engine.Localized;
import nl.omkijken.engine.Ownership;
import nl.omkijken.engine.PhoneTexts;
import nl.omkijken.people.People;
import nl.omkijken.runner.Inbound;
import nl.omkijken.runner.TurnResult;
import nl.omkijken.runner.TurnRunner;

/**
 * A phone call's turns, whatever carries the call: Twilio Voice renders what this says as TwiML, the
 * sandbox's phone simulator shows it in the browser. The call is a conversation like a message thread,
 * said instead of written: it begins with the line's entry dialog; every question listens for a key or
 * words; 9 says the question again; nothing heard says so and asks again, and a second silence is the
 * step's own silence ({@code no_input}) at once. A turn's texts are what the caller hears (a text's phone
 * version where the dialog wrote one) and go to the transcript, never to the outbox. When the dialog
 * waits for nobody, the call ends after its texts.
 */
public final class CallFlow {
    /** The repeat key; no dialog route may use it (StepReader). */
    public static final String REPEAT = "9";

    /** One text in one language (its voice). */
    public record Spoken(String language, String text) {}

    /**
     * What the caller hears next.
     *
     * @param texts     said in order
     * @param language  the conversation's language: what listening expects
     * @param listening what to listen for after the texts; null: the call ends
     */
    public record Said(List<Spoken> texts, String language, Listening listening) {
        public Said {
            texts = List.copyOf(texts);
        }

        public boolean ends() {
            return listening == null;
        }
    }

    /**
     * @param digits   the keys the question offers
     * @param labels   the answers' labels (hints for speech recognition)
     * @param silences how many times in a row nothing was heard: what the next {@link #heard} is told
     */
    public record Listening(List<String> digits, List<String> labels, int silences) {
        public Listening {
            digits = List.copyOf(digits);
            labels = List.copyOf(labels);
        }
    }

    private final TurnRunner runner;
    private final PhoneTexts texts;

    public CallFlow(TurnRunner runner) {
        this.runner = runner;
        this.texts = runner.engine().dialogs().phone();
        if (!texts.present()) {
            throw new IllegalArgumentException("the phone needs its texts: add phone.yaml to the dialogs folder (see docs/DIALOGS.md)");
        }
    }

    /**
     * The call is answered: the line's entry dialog begins (the Telefooncirkel: the check-in). A caller whose
     * request for contact is still open hears where it stands, and may leave a word for whoever calls back.
     */
    public Future<Said> answer(People.Known caller, String channel, String line, String language, Map<String, String> fields) {
        return answer(caller, channel, line, language, fields, null);
    }

    /** As {@link #answer}, beginning {@code dialog} rather than the line's entry (null: the line's). */
    public Future<Said> answer(People.Known caller, String channel, String line, String language, Map<String, String> fields,
                               String dialog) {
        return runner.begin(caller.conversationId(), channel, caller.addressKey(), line, language, fields, dialog, true)
                .map(r -> {
                    if (r != null && waiting(r)) {
                        List<Spoken> say = spoken(r);
                        if (say.isEmpty()) say.add(new Spoken(r.session().language(), texts.alreadyWaiting().in(r.session().language())));
                        say.add(new Spoken(r.session().language(), texts.leaveWord().in(r.session().language())));
                        return new Said(say, r.session().language(), new Listening(List.of(), List.of(), 0));
                    }
                    return said(r, 0, null);
                });
    }

    /**
     * What was heard after a question: keys or words ({@code answer}), or nothing (null).
     *
     * @param silences what the last {@link Listening} said
     * @param callId   the provider's id of the call, kept with the message, or null
     */
    public Future<Said> heard(People.Known caller, String channel, String line, String answer, int silences, String callId,
                              Instant at) {
        String conversation = caller.conversationId();
        return runner.store().load(conversation).compose(before -> {
            boolean wasWaiting = before != null && (before.session().ownership() == Ownership.WAITING
                    || before.session().ownership() == Ownership.AGENT);
            if (answer != null && !answer.isBlank() && !(REPEAT.equals(answer) && !wasWaiting)) {
                Inbound in = new Inbound(conversation, channel, caller.addressKey(), line, null, answer.strip(), callId, at);
                return runner.handleInline(in).map(r -> wasWaiting ? left(r) : said(r, 0, null));
            }
            if (wasWaiting) {
                // Nothing to pass on: the truth about the request once more, and goodbye.
                String language = before.session().language();
                return Future.succeededFuture(new Said(List.of(new Spoken(language, texts.alreadyWaiting().in(language))),
                        language, null));
            }
            if (REPEAT.equals(answer)) return runner.repeat(conversation).map(r -> said(r, 0, null));
            if (silences == 0) return runner.repeat(conversation).map(r -> said(r, 1, texts.notHeard()));
            // A second silence: the step's own. A step that has none moves nowhere: the call ends, it does not loop.
            return runner.silence(conversation).map(r -> r != null && r.replies().isEmpty() && runner.engine().awaitsAnswer(r.session())
                    ? new Said(List.of(new Spoken(r.session().language(), texts.hangUp().in(r.session().language()))),
                            r.session().language(), null)
                    : said(r, 0, null));
        });
    }

    /**
     * A word left while waiting for a human: kept in the transcript for them. A crisis in it was heard (its
     * safety texts are said); anything else gets the state of the request, and the call ends.
     */
    private Said left(TurnResult r) {
        if (r == null) return said(null, 0, null);
        String language = r.session().language();
        List<Spoken> say = r.crisis() ? spoken(r) : new ArrayList<>();
        if (!r.crisis()) say.add(new Spoken(language, texts.alreadyWaiting().in(language)));
        return new Said(say, language, null);
    }

    /** The call is over: a question still waiting ends the conversation as left (nothing goes out after it). */
    public Future<TurnResult> ended(People.Known caller) {
        return runner.callEnded(caller.conversationId());
    }

    /** A call to a line that does not answer calls: messages only, with the helplines, in Dutch and English. */
    public Said notByPhone() {
        return bilingual(texts.notByPhone());
    }

    /** Something on our side failed during the call: said, with the helplines, in Dutch and English. */
    public Said trouble() {
        return bilingual(texts.trouble());
    }

    private Said said(TurnResult r, int silences, Localized before) {
        if (r == null) return new Said(List.of(new Spoken("nl", texts.hangUp().in("nl"))), "nl", null);
        String language = r.session().language();
        if (runner.engine().awaitsAnswer(r.session())) {
            List<Spoken> say = new ArrayList<>();
            if (before != null) say.add(new Spoken(language, before.in(language)));
            say.addAll(spoken(r));
            say.add(new Spoken(language, texts.repeatHint().in(language)));
            List<String> digits = List.of();
            List<String> labels = List.of();
            for (Event.Reply reply : r.replies()) {
                if (reply.buttons().isEmpty()) continue;
                digits = reply.buttons().stream().map(Event.Button::digit).filter(d -> d != null).toList();
                labels = reply.buttons().stream().map(Event.Button::label).toList();
            }
            return new Said(say, language, new Listening(digits, labels, silences));
        }
        List<Spoken> say = spoken(r);
        if (say.isEmpty()) {
            // Nothing more the dialog does in this call: a request still open, or a silence that ends it.
            say.add(new Spoken(language, (waiting(r) ? texts.alreadyWaiting() : texts.hangUp()).in(language)));
        }
        return new Said(say, language, null);
    }

    /** The turn's texts as the phone says them. */
    private static List<Spoken> spoken(TurnResult r) {
        List<Spoken> say = new ArrayList<>();
        for (Event.Reply reply : r.replies()) say.add(new Spoken(r.session().language(), reply.forPhone()));
        return say;
    }

    private static boolean waiting(TurnResult r) {
        return r.session().ownership() == Ownership.WAITING || r.session().ownership() == Ownership.AGENT;
    }

    private static Said bilingual(Localized text) {
        return new Said(List.of(new Spoken("nl", text.in("nl")), new Spoken("en", text.in("en"))), "nl", null);
    }
}
