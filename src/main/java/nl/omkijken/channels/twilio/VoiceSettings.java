package nl.omkijken.channels.twilio;

import com.twilio.twiml.voice.Say;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * How the phone speaks and listens (Twilio Voice), mapped by the app from its configuration.
 *
 * @param lines     the lines whose numbers answer calls; a call to another line's number hears that it
 *                  takes messages only, with the helplines
 * @param dutch     the Dutch voice (Twilio's names, e.g. Google.nl-NL-Wavenet-A)
 * @param english   the English voice
 * @param rate      speaking rate in SSML prosody form ("90%": a little slower, for people who hear badly)
 * @param listenFor how long the phone waits for a key or speech after a question
 */
public record VoiceSettings(Set<String> lines, Say.Voice dutch, Say.Voice english, String rate, Duration listenFor) {
    public VoiceSettings {
        lines = Set.copyOf(lines);
        if (dutch == null || english == null) throw new IllegalArgumentException("the phone needs a Dutch and an English voice");
        if (rate == null || !rate.matches("[0-9]{2,3}%")) throw new IllegalArgumentException("the speaking rate is a percentage, e.g. 90%");
        if (listenFor == null || listenFor.isNegative() || listenFor.isZero()) {
            throw new IllegalArgumentException("the phone must listen a while after a question");
        }
    }

    /** From configured names; a voice Twilio does not know is refused with the names it does know of that language. */
    public static VoiceSettings of(List<String> lines, String dutch, String english, String rate, Duration listenFor) {
        return new VoiceSettings(Set.copyOf(lines), voice(dutch, "nl-NL"), voice(english, "en-"), rate, listenFor);
    }

    static Say.Voice voice(String name, String languagePrefix) {
        for (Say.Voice v : Say.Voice.values()) if (v.toString().equals(name)) return v;
        List<String> known = Arrays.stream(Say.Voice.values()).map(Say.Voice::toString)
                .filter(n -> n.contains("." + languagePrefix) && n.contains("Wavenet")).toList();
        throw new IllegalArgumentException("Twilio has no voice '" + name + "'; for example " + known);
    }

    /** Whether calls to this line's numbers are answered. */
    public boolean answers(String line) {
        return lines.contains(line);
    }
}
