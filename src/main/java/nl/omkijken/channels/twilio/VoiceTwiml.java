package nl.omkijken.channels.twilio;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Enqueue;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Leave;
import com.twilio.twiml.voice.Pause;
import com.twilio.twiml.voice.Say;
import com.twilio.twiml.voice.SsmlProsody;
import java.util.List;
import java.util.stream.Collectors;
import nl.omkijken.channels.CallFlow.Spoken;

/**
 * What the caller hears next, as TwiML: one pure function of what to say and whether to listen, built with
 * the Twilio SDK's TwiML classes (they escape the text). Every text is its own {@code <Say>}, in the
 * conversation's language and voice, at the configured (slow) rate, with phone numbers spelled out
 * ({@link SpokenNumbers}). Listening wraps the texts in a {@code <Gather>} for a key or speech, so a caller
 * who knows the answer can press it without waiting; silence comes back to the same action
 * ({@code actionOnEmptyResult}), never falls through to a hang-up.
 */
final class VoiceTwiml {
    /**
     * @param texts  said in order
     * @param listen what to listen for after them; null: hang up
     */
    record Answer(List<Spoken> texts, Listen listen, Queue queue) {
        Answer {
            texts = List.copyOf(texts);
            if (listen != null && queue != null) throw new IllegalArgumentException("a caller either answers or waits");
        }

        Answer(List<Spoken> texts, Listen listen) {
            this(texts, listen, null);
        }

        /** Texts in one language. */
        static Answer in(String language, List<String> texts, Listen listen) {
            return new Answer(texts.stream().map(t -> new Spoken(language, t)).toList(), listen);
        }
    }

    /**
     * The caller waits on the line for a worker, in Twilio's queue of the line ({@code <Enqueue>}). Our own queue (a crisis
     * first) decides who is put through; Twilio's only holds the call.
     *
     * @param name    Twilio's queue: the line
     * @param waitUrl what Twilio asks after each pause: the wait's next turn
     * @param action  what Twilio asks when the caller left the queue (the offer of a way forward, a hang-up)
     */
    record Queue(String name, String waitUrl, String action) {}

    /** How long a caller on hold hears nothing between two announcements of their place. */
    static final int HOLD_PAUSE_SECONDS = 20;

    /**
     * @param language what speech recognition listens for: nl or en
     * @param action   where Twilio posts what was heard (the full public URL)
     * @param digits   the keys the question offers; one key each: answered at the first press
     * @param hints    words the speech recognition should expect (the answers' labels)
     */
    record Listen(String language, String action, List<String> digits, List<String> hints) {
        Listen {
            digits = List.copyOf(digits);
            hints = List.copyOf(hints);
        }
    }

    private VoiceTwiml() {}

    static String render(Answer answer, VoiceSettings settings) {
        List<Say> says = answer.texts().stream().filter(t -> t.text() != null && !t.text().isBlank())
                .map(t -> say(t, settings)).toList();
        VoiceResponse.Builder response = new VoiceResponse.Builder();
        Listen listen = answer.listen();
        if (answer.queue() != null) {
            says.forEach(response::say);
            Queue q = answer.queue();
            return response.enqueue(new Enqueue.Builder(q.name()).waitUrl(q.waitUrl()).waitUrlMethod(HttpMethod.POST)
                    .action(q.action()).method(HttpMethod.POST).build()).build().toXml();
        }
        if (listen == null) {
            says.forEach(response::say);
            return response.hangup(new Hangup.Builder().build()).build().toXml();
        }
        Gather.Builder gather = new Gather.Builder()
                .inputs(List.of(Gather.Input.DTMF, Gather.Input.SPEECH))
                .action(listen.action()).method(HttpMethod.POST)
                .timeout((int) Math.max(1, settings.listenFor().toSeconds()))
                .language(english(listen.language()) ? Gather.Language.EN_GB : Gather.Language.NL_NL)
                .speechTimeout("auto")
                .actionOnEmptyResult(true);
        // One key per answer: the answer counts at the first press. Answers of two keys (10 and up), and anything typed
        // where no key is offered (a phone number), end with #.
        if (!listen.digits().isEmpty() && listen.digits().stream().allMatch(d -> d.length() == 1)) gather.numDigits(1);
        else gather.finishOnKey("#");
        if (!listen.hints().isEmpty()) {
            gather.hints(listen.hints().stream().map(h -> h.replace(",", " ")).collect(Collectors.joining(", ")));
        }
        says.forEach(gather::say);
        return response.gather(gather.build()).build().toXml();
    }

    /**
     * The wait's next turn for a caller on hold (Twilio's waitUrl): the texts, then a pause, after which Twilio asks again;
     * or leaving the queue, after which Twilio asks the queue's action.
     */
    static String waiting(List<Spoken> texts, boolean leave, VoiceSettings settings) {
        return waiting(texts, leave, settings, null);
    }

    /**
     * As above; with {@code heard} (the full public URL), the texts and the pause after them listen, as a {@code <Gather>}
     * inside the wait (Twilio allows it in a waitUrl): a key or words go to {@code heard} at once, so that a caller who says
     * they are in danger is heard between two announcements, not only when the offer comes. Nothing heard: the Gather
     * ends after the pause and Twilio asks the waitUrl again, as after the plain pause.
     */
    static String waiting(List<Spoken> texts, boolean leave, VoiceSettings settings, String heard) {
        VoiceResponse.Builder response = new VoiceResponse.Builder();
        List<Say> says = texts.stream().filter(t -> t.text() != null && !t.text().isBlank()).map(t -> say(t, settings)).toList();
        if (leave) {
            says.forEach(response::say);
            return response.leave(new Leave.Builder().build()).build().toXml();
        }
        if (heard == null) {
            says.forEach(response::say);
            return response.pause(new Pause.Builder().length(HOLD_PAUSE_SECONDS).build()).build().toXml();
        }
        String language = texts.isEmpty() ? "nl" : texts.get(0).language();
        Gather.Builder gather = new Gather.Builder().inputs(List.of(Gather.Input.DTMF, Gather.Input.SPEECH))
                .action(heard).method(HttpMethod.POST).timeout(HOLD_PAUSE_SECONDS)
                .language(english(language) ? Gather.Language.EN_GB : Gather.Language.NL_NL)
                .speechTimeout("auto").numDigits(1).actionOnEmptyResult(false);
        says.forEach(gather::say);
        return response.gather(gather.build()).build().toXml();
    }

    static Say say(Spoken t, VoiceSettings settings) {
        boolean english = english(t.language());
        return new Say.Builder().voice(english ? settings.english() : settings.dutch())
                .language(english ? Say.Language.EN_GB : Say.Language.NL_NL)
                .prosody(new SsmlProsody.Builder(SpokenNumbers.say(t.text())).rate(settings.rate()).build()).build();
    }

    private static boolean english(String language) {
        return "en".equals(language);
    }
}
