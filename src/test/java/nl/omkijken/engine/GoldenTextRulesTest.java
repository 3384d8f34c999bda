package nl.omkijken.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rules for every text in dialogs/ that the golden conversations alone would not catch: messages stay
 * short enough for one or two SMS, use only characters of the GSM 03.38 SMS alphabet (one "ë" or curly
 * quote turns an SMS into UCS-2 and cuts a segment from 160 to 70 characters), and the Dutch and
 * English versions differ (a text left untranslated is a copy).
 */
class GoldenTextRulesTest {
    /** About two SMS segments; placeholders are counted as written. */
    static final int MAX_LENGTH = 300;
    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€";

    @Test
    void everyTextIsShortAndSmsSafe() {
        List<String> problems = new ArrayList<>();
        texts().forEach((where, text) -> {
            for (String lang : List.of("nl", "en")) {
                String t = text.byLanguage().get(lang);
                if (t == null) continue;
                if (t.length() > MAX_LENGTH) problems.add(where + " [" + lang + "] has " + t.length() + " characters: " + t);
                for (char c : t.toCharArray()) {
                    if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENSION.indexOf(c) < 0) {
                        problems.add(where + " [" + lang + "] has '" + c + "' (U+" + Integer.toHexString(c) + "), outside the SMS alphabet: " + t);
                    }
                }
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void everyTextIsTranslated() {
        List<String> copies = new ArrayList<>();
        texts().forEach((where, text) -> {
            String nl = text.byLanguage().get("nl");
            String en = text.byLanguage().get("en");
            boolean onlyNames = nl != null && nl.equals(en) && nl.matches("[A-Z][A-Za-z-]+( [A-Z][a-z]+)?");
            if (nl == null || en == null) copies.add(where + " misses a language");
            else if (nl.equals(en) && !onlyNames) copies.add(where + " is the same in Dutch and English: " + nl);
        });
        assertEquals(List.of(), copies);
        assertTrue(texts().size() > 100, "expected the real dialogs, found " + texts().size() + " texts");
    }

    /** Every text with where it stands, e.g. "luisterlijn_intake/keuze no_match". */
    static Map<String, Localized> texts() {
        DialogSet set = GoldenConversationTest.dialogs();
        Map<String, Localized> out = new LinkedHashMap<>();
        for (Dialog d : set.dialogs().values()) {
            for (Step s : d.steps().values()) {
                String at = d.id() + "/" + s.id();
                if (s instanceof Step.Say x) put(out, at, x.text());
                if (s instanceof Step.Ask x) {
                    put(out, at, x.prompt());
                    for (int i = 0; i < x.routes().size(); i++) put(out, at + " route " + (i + 1) + " button", x.routes().get(i).button());
                    if (x.noMatch() != null) put(out, at + " no_match", x.noMatch().text());
                    if (x.noInput() != null) put(out, at + " no_input", x.noInput().text());
                }
                if (s instanceof Step.Collect x) {
                    put(out, at, x.prompt());
                    put(out, at + " invalid", x.invalid());
                    for (Step.Choice c : x.choices()) put(out, at + " choice " + c.value(), c.label());
                    if (x.noInput() != null) put(out, at + " no_input", x.noInput().text());
                }
                if (s instanceof Step.Handoff x) {
                    put(out, at, x.text());
                    put(out, at + " while_waiting", x.whileWaiting());
                    if (x.unanswered() != null) put(out, at + " unanswered", x.unanswered().text());
                }
                if (s instanceof Step.Schedule x) put(out, at, x.text());
                if (s instanceof Step.End x) put(out, at, x.text());
            }
        }
        Interrupts in = set.interrupts();
        put(out, "interrupts stop", in.stopText());
        put(out, "interrupts start", in.startText());
        put(out, "interrupts language", in.languageText());
        put(out, "interrupts not_understood", in.notUnderstood());
        put(out, "interrupts media_only", in.mediaOnly());
        if (in.closing() != null) put(out, "interrupts closing", in.closing().text());
        if (in.status() != null) {
            in.status().texts().forEach((state, t) -> put(out, "interrupts status " + state, t));
            put(out, "interrupts status noted", in.status().noted());
        }
        for (Referrals.Referral r : set.referrals().out()) r.texts().forEach((where, t) -> put(out, "referrals " + r.id() + " " + where, t));
        Referrals.ReferredIn by = set.referrals().referredIn();
        if (by != null) {
            put(out, "referrals referred_in", by.text());
            by.sources().forEach(source -> put(out, "referrals referred_in source " + source.id(), source.name()));
        }
        return out;
    }

    private static void put(Map<String, Localized> out, String where, Localized text) {
        if (text != null) out.put(where, text);
    }
}
