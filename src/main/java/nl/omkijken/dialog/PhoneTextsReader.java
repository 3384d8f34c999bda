package nl.omkijken.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;
import nl.omkijken.engine.Localized;
import nl.omkijken.engine.PhoneTexts;

/**
 * Reads phone.yaml (optional): what the phone says around the dialogs' texts. Every text is required, in
 * Dutch and English; they are shared by every line, so they say neither "je" nor "u"; the text for a line
 * that does not answer calls names 112, 113 and 0800-0113 exactly, as the crisis texts must.
 */
final class PhoneTextsReader {
    static final String FILE = "phone.yaml";
    private static final List<String> KEYS = List.of("not_heard", "repeat_hint", "hang_up", "not_by_phone", "already_waiting",
            "leave_word", "trouble", "hold");
    private static final List<String> HOLD_KEYS = List.of("stay", "place", "expected_wait", "connecting", "call_back", "over", "not_heard", "worker");
    private static final List<String> WORKER_KEYS = List.of("offer", "connected", "gone", "declined", "failed");
    private static final Pattern EXACT_113 = Pattern.compile("(?<![0-9])113(?![0-9])");
    private static final Pattern EXACT_FREE = Pattern.compile("(?<![0-9])0800-0113(?![0-9])");
    private static final Pattern EXACT_112 = Pattern.compile("(?<![0-9])112(?![0-9])");

    private PhoneTextsReader() {}

    static PhoneTexts read(YamlTree.Parsed parsed, Place at) {
        for (YamlTree.DuplicateKey d : parsed.duplicates()) {
            at.error(ErrorCode.DUPLICATE_ID, "the key '" + d.key() + "' is written twice (lines " + d.firstLine() + " and "
                    + d.line() + "); keep one");
        }
        JsonNode root = parsed.root();
        if (root == null) return PhoneTexts.NONE;
        YamlMap top = YamlMap.open(root, at, FILE, KEYS);
        if (top == null) return PhoneTexts.NONE;
        Localized notHeard = text(top, "not_heard", "said before the question again when the caller said nothing", at);
        Localized repeat = text(top, "repeat_hint", "said after every question: 9 says it again", at);
        if (repeat != null) {
            for (String lang : List.of("nl", "en")) {
                if (!repeat.in(lang).contains("9")) {
                    at.error(ErrorCode.INVALID_VALUE, "repeat_hint: the " + lang + " text must name the key 9, which says the question again");
                }
            }
        }
        Localized hangUp = text(top, "hang_up", "said before the phone hangs up on a silent caller", at);
        Localized notByPhone = helplines(text(top, "not_by_phone", "said on a call to a line that does not answer calls", at),
                "not_by_phone", at);
        Localized waiting = helplines(text(top, "already_waiting", "said to a caller whose request for contact is still open", at),
                "already_waiting", at);
        Localized leaveWord = text(top, "leave_word", "said before the phone listens for a message for whoever calls back", at);
        Localized trouble = helplines(text(top, "trouble", "said when something on our side fails during a call", at), "trouble", at);
        YamlMap holdMap = top.map("hold", "hold: what a caller waiting on the line hears (stay, place, expected_wait, connecting,"
                + " call_back)", HOLD_KEYS);
        PhoneTexts.Hold hold = null;
        if (holdMap == null && !top.has("hold")) {
            at.error(ErrorCode.MISSING_KEY, "hold: is missing: what a caller waiting on the line hears (stay, place, expected_wait,"
                    + " connecting, call_back), in nl and en");
        }
        if (holdMap != null) {
            Localized place = text(holdMap, "place", "the caller's place in the queue, with {position}", at);
            placeholder(place, "hold.place", "{position}", at);
            Localized wait = text(holdMap, "expected_wait", "the expected wait, with {wait}", at);
            placeholder(wait, "hold.expected_wait", "{wait}", at);
            YamlMap workerMap = holdMap.map("worker", "hold.worker: what a worker hears on their own phone (offer, connected, gone,"
                    + " declined)", WORKER_KEYS);
            if (workerMap == null && !holdMap.has("worker")) {
                at.error(ErrorCode.MISSING_KEY, "hold.worker is missing: what a worker hears on their own phone (offer, connected,"
                        + " gone, declined)");
            }
            PhoneTexts.WorkerCall worker = null;
            if (workerMap != null) {
                Localized offer = text(workerMap, "offer", "a caller waits: 1 takes the call, 2 gives it back", at);
                if (offer != null && !(offer.in("nl").contains("1") && offer.in("en").contains("1"))) {
                    at.error(ErrorCode.INVALID_VALUE, "hold.worker.offer: must name the key 1, which takes the call");
                }
                worker = new PhoneTexts.WorkerCall(offer, text(workerMap, "connected", "said when the call is put through", at),
                        text(workerMap, "gone", "said when the caller is no longer there", at),
                        text(workerMap, "declined", "said when the caller goes back to the queue", at),
                        text(workerMap, "failed", "said when the call could not be put through just now", at));
            }
            hold = new PhoneTexts.Hold(text(holdMap, "stay", "said when the caller starts waiting on the line", at), place, wait,
                    text(holdMap, "connecting", "said when a worker is free and the call is put through", at),
                    helplines(text(holdMap, "call_back", "said when a worker took the call but it cannot be put through", at),
                            "hold.call_back", at),
                    helplines(text(holdMap, "over", "said when the wait ended without a talk on the line", at), "hold.over", at),
                    helplines(text(holdMap, "not_heard", "said when what a waiting caller said could not be taken in; the wait goes on", at),
                            "hold.not_heard", at), worker);
        }
        return new PhoneTexts(notHeard, repeat, hangUp, notByPhone, waiting, leaveWord, trouble, hold);
    }

    private static void placeholder(Localized text, String key, String placeholder, Place at) {
        if (text == null) return;
        for (String lang : List.of("nl", "en")) {
            if (!text.in(lang).contains(placeholder)) at.error(ErrorCode.INVALID_VALUE, key + ": the " + lang + " text must say " + placeholder);
        }
    }

    /** A text said where the bot cannot help further names every helpline exactly, in both languages. */
    private static Localized helplines(Localized text, String key, Place at) {
        if (text == null) return null;
        for (String lang : List.of("nl", "en")) {
            String t = text.in(lang);
            if (!EXACT_112.matcher(t).find() || !EXACT_113.matcher(t).find() || !EXACT_FREE.matcher(t).find()) {
                at.error(ErrorCode.HELPLINE_NUMBER, key + ": the " + lang + " text must name " + HelplineCheck.EMERGENCY
                        + ", " + HelplineCheck.HELPLINE + " and " + HelplineCheck.HELPLINE_FREE + " exactly");
            }
        }
        return text;
    }

    private static Localized text(YamlMap top, String key, String hint, Place at) {
        Localized t = top.text(key, true, hint);
        if (t == null) return null;
        String nl = t.in("nl");
        if (RegisterCheck.has(nl, RegisterCheck.JE) || RegisterCheck.has(nl, RegisterCheck.U)) {
            at.error(ErrorCode.INVALID_VALUE, key + ": every line says this, so its nl text says neither \"je\" nor \"u\": " + nl);
        }
        if (t.hasPhoneText()) {
            at.error(ErrorCode.INVALID_VALUE, key + ": these texts are only said on the phone; write nl and en, without nl_phone");
        }
        return t;
    }
}
