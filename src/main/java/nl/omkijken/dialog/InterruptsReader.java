package nl.omkijken.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.omkijken.engine.Interrupts;
import nl.omkijken.engine.Localized;

/**
 * Reads interrupts.yaml: what applies in every dialog. crisis, stop and not_understood are required: the
 * crisis path and opting out must always work. start, language and human are optional, but complete when
 * written.
 */
final class InterruptsReader {
    private static final List<String> TOP = List.of("crisis", "stop", "start", "language", "human", "not_understood", "media_only",
            "closing", "status", "other_language", "possible");
    private static final List<String> POSSIBLE = List.of("ask", "no", "silence", "after", "kinds");
    private static final List<String> POSSIBLE_KINDS = List.of("acute_danger", "domestic_violence", "harm_others");
    private static final List<String> KIND_QUESTION = List.of("ask", "no", "silence");
    private static final List<String> STATUS = List.of("keywords", "intents", "say", "noted");
    private static final List<String> CLOSING = List.of("keywords", "intents", "say");
    private static final List<String> CRISIS = List.of("dialog", "kinds");
    /** The crisis lexicon's categories (dialogs/nlu/crisis-lexicon.yaml): the kinds a dialog of its own may take. */
    static final List<String> CRISIS_KINDS = List.of("suicidal_thoughts", "self_harm", "means", "farewell", "acute_danger",
            "overdose_taken", "domestic_violence", "harm_others");
    private static final List<String> STOP = List.of("keywords", "phrases", "intents", "say", "confirm", "lines");
    private static final List<String> STOP_ON_LINE = List.of("say", "tell_staff");
    private static final List<String> LINES = List.of("luisterlijn", "helpdesk", "telefooncirkel");
    private static final List<String> START = List.of("keywords", "say");
    private static final List<String> LANGUAGE = List.of("keywords", "phrases", "say");
    private static final List<String> HUMAN = List.of("keywords", "intents", "dialog");
    private static final List<String> LANGUAGE_ORDER = List.of("nl", "en");

    private InterruptsReader() {}

    /** The interrupts; null when the file holds nothing usable (reported). */
    static Interrupts read(YamlTree.Parsed parsed, Place at) {
        JsonNode root = parsed.root();
        for (YamlTree.DuplicateKey d : parsed.duplicates()) {
            at.error(ErrorCode.DUPLICATE_ID, "the key '" + d.key() + "' is written twice"
                    + (d.path().isEmpty() ? "" : " in " + DialogFileReader.dotted(d.path()))
                    + " (lines " + d.firstLine() + " and " + d.line() + "); keep one");
        }
        if (root == null) {
            if (parsed.syntaxOk()) {
                at.error(ErrorCode.MISSING_KEY, "interrupts.yaml is empty; it needs crisis, stop and not_understood"
                        + " (see docs/DIALOGS.md)");
            }
            return null;
        }
        YamlMap top = YamlMap.open(root, at, "interrupts.yaml", TOP);
        if (top == null) return null;

        String crisisDialog = null;
        YamlMap crisis = section(top, "crisis", CRISIS, true, "crisis: {dialog: crisis}: the dialog every crisis signal goes to");
        Map<String, String> crisisKinds = new java.util.LinkedHashMap<>();
        if (crisis != null) {
            crisisDialog = crisis.required("dialog", "the id of the shared crisis dialog");
            YamlMap kinds = crisis.map("kinds", "crisis.kinds", CRISIS_KINDS);
            if (kinds != null) {
                for (String kind : kinds.keys()) {
                    String dialog = kinds.string(kind);
                    if (!CRISIS_KINDS.contains(kind)) continue; // reported by open() with the kinds there are
                    if (dialog == null || dialog.isBlank()) {
                        at.error(ErrorCode.INVALID_VALUE, "crisis.kinds." + kind + ": write the id of the dialog this kind goes to");
                    } else {
                        crisisKinds.put(kind, dialog);
                    }
                }
            }
        }

        List<String> stopKeywords = List.of();
        List<String> stopPhrases = List.of();
        List<String> stopIntents = List.of();
        Localized stopText = null;
        Localized stopConfirm = null;
        Map<String, Interrupts.StopOnLine> stopOnLines = new LinkedHashMap<>();
        YamlMap stop = section(top, "stop", STOP, true, "stop: {keywords: [stop, ...], say: {nl, en}}: opting out must always work");
        if (stop != null) {
            stopKeywords = stop.strings("keywords");
            stopIntents = stop.strings("intents");
            stopPhrases = stop.strings("phrases");
            stopText = stop.text("say", true, "the confirmation sent after opting out, {nl: \"...\", en: \"...\"}");
            stopConfirm = stop.text("confirm", false, null);
            YamlMap lines = stop.has("lines") ? stop.map("lines", "stop.lines: per line {say: {...}, tell_staff: true}", LINES) : null;
            if (lines != null) {
                for (String line : lines.keys()) {
                    if (!LINES.contains(line)) continue; // named by map() with the lines there are
                    YamlMap own = lines.map(line, "stop.lines." + line, STOP_ON_LINE);
                    if (own == null) continue;
                    Boolean tell = own.has("tell_staff") ? own.bool("tell_staff") : Boolean.FALSE;
                    stopOnLines.put(line, new Interrupts.StopOnLine(own.text("say", false, null), Boolean.TRUE.equals(tell)));
                }
            }
            if (stopKeywords.isEmpty() && stopIntents.isEmpty()) {
                stop.missing("keywords", "the words that opt a person out, e.g. keywords: [stop, afmelden]");
            }
        }

        List<String> startKeywords = List.of();
        Localized startText = null;
        YamlMap start = section(top, "start", START, false, null);
        if (start != null) {
            startKeywords = start.strings("keywords");
            if (startKeywords.isEmpty()) start.missing("keywords", "the words that re-subscribe, e.g. keywords: [start]");
            startText = start.text("say", true, "the confirmation sent on re-subscribing, {nl: \"...\", en: \"...\"}");
        }

        Map<String, List<String>> languageKeywords = Map.of();
        Map<String, List<String>> languagePhrases = Map.of();
        Localized languageText = null;
        YamlMap language = section(top, "language", LANGUAGE, false, null);
        if (language != null) {
            languageKeywords = languageKeywords(language);
            if (language.has("phrases")) languagePhrases = languagePhrases(language);
            languageText = language.text("say", true, "the confirmation of a switch, {nl: \"...\", en: \"...\"}");
        }

        List<String> humanKeywords = List.of();
        List<String> humanIntents = List.of();
        String humanDialog = null;
        YamlMap human = section(top, "human", HUMAN, false, null);
        if (human != null) {
            humanKeywords = human.strings("keywords");
            humanIntents = human.strings("intents");
            humanDialog = human.required("dialog", "the id of the dialog that hands over to staff");
            if (humanKeywords.isEmpty() && humanIntents.isEmpty()) {
                human.missing("keywords", "the phrases that ask for a person, e.g. keywords: [medewerker, human]");
            }
        }

        Localized notUnderstood = top.text("not_understood", true,
                "said when an answer matches nothing, {nl: \"...\", en: \"...\"}");
        Interrupts.Closing closing = null;
        YamlMap close = section(top, "closing", CLOSING, false, null);
        if (close != null) {
            List<String> keywords = close.strings("keywords");
            List<String> intents = close.strings("intents");
            if (keywords.isEmpty() && intents.isEmpty()) {
                close.missing("keywords", "the closing words, e.g. keywords: [bedankt, thanks]");
            }
            closing = new Interrupts.Closing(keywords, intents,
                    close.text("say", true, "the kind answer to closing words, {nl: \"...\", en: \"...\"}"));
        }
        Interrupts.Status status = null;
        YamlMap st = section(top, "status", STATUS, false, null);
        if (st != null) {
            List<String> keywords = st.strings("keywords");
            if (keywords.isEmpty()) st.missing("keywords", "the phrases of a question about a request, e.g. keywords: [\"wanneer hoor ik\"]");
            List<String> answers = new java.util.ArrayList<>(Interrupts.Status.STATES);
            answers.add(Interrupts.Status.BOOKED);
            answers.add(Interrupts.Status.PASSED_ON);
            YamlMap say = st.has("say") ? st.map("say", "the answers per state of the request", answers) : null;
            if (say == null) st.missing("say", "an answer per state: " + String.join(", ", Interrupts.Status.STATES));
            Map<String, Localized> texts = new LinkedHashMap<>();
            if (say != null) {
                for (String state : Interrupts.Status.STATES) {
                    Localized t = say.text(state, true, "the answer when the request is " + state + ", {nl: \"...\", en: \"...\"}");
                    if (t != null) texts.put(state, t);
                }
                Localized booked = say.text(Interrupts.Status.BOOKED, false, null);
                if (booked != null) texts.put(Interrupts.Status.BOOKED, booked);
                Localized passedOn = say.text(Interrupts.Status.PASSED_ON, false, null);
                if (passedOn != null) texts.put(Interrupts.Status.PASSED_ON, passedOn);
            }
            status = new Interrupts.Status(keywords, st.strings("intents"), texts, st.text("noted", false, null));
        }
        Interrupts.DirectQuestion possible = null;
        YamlMap pq = section(top, "possible", POSSIBLE, false, null);
        if (pq != null) {
            java.time.Duration after = pq.has("after") ? pq.duration("after", "how long an answer is waited for, e.g. PT10M") : null;
            if (after != null && (after.compareTo(java.time.Duration.ofMinutes(1)) < 0 || after.compareTo(java.time.Duration.ofHours(1)) > 0)) {
                pq.at().error(ErrorCode.INVALID_VALUE, "possible.after: " + after + " is no time to wait for an answer about suicide;"
                        + " between PT1M and PT1H (default PT10M)");
                after = null;
            }
            possible = new Interrupts.DirectQuestion(
                    pq.text("ask", true, "the direct question, {nl: \"...\", nl_u: \"...\", en: \"...\"}"),
                    pq.text("no", true, "said to \"no\", naming 113, {nl: \"...\", en: \"...\"}"),
                    pq.text("silence", true, "said when no answer came in time, with 113, 0800-0113 and 112, {nl: \"...\", en: \"...\"}"),
                    after, kindQuestions(pq));
        }
        if (possible != null) {
            for (String kind : possible.kinds().keySet()) {
                if (!crisisKinds.containsKey(kind)) {
                    top.at().error(ErrorCode.MISSING_KEY, "possible.kinds." + kind + " has no crisis.kinds." + kind + ": a yes to its question"
                            + " must go to that kind's own help; add the dialog under crisis.kinds");
                }
            }
        }
        return new Interrupts(crisisDialog, stopKeywords, stopIntents, stopText, startKeywords, startText,
                languageKeywords, languageText, humanKeywords, humanIntents, humanDialog, notUnderstood,
                top.text("media_only", false, null), closing, status, languagePhrases,
                top.text("other_language", false, null), stopPhrases, crisisKinds, possible, stopConfirm, stopOnLines);
    }

    /** possible.kinds: per kind of danger not about suicide, its own question and its own no. */
    private static Map<String, Interrupts.KindQuestion> kindQuestions(YamlMap possible) {
        Map<String, Interrupts.KindQuestion> out = new LinkedHashMap<>();
        YamlMap kinds = possible.has("kinds") ? possible.map("kinds", "possible.kinds: {acute_danger: {ask: ..., no: ...}}", POSSIBLE_KINDS) : null;
        if (kinds == null) return out;
        for (String kind : kinds.keys()) {
            if (!POSSIBLE_KINDS.contains(kind)) continue; // named by map() with the kinds there are
            YamlMap q = kinds.map(kind, "possible.kinds." + kind, KIND_QUESTION);
            if (q == null) continue;
            Localized ask = q.text("ask", true, "this kind's direct question, {nl: \"...\", en: \"...\"}");
            Localized no = q.text("no", true, "said to a clear no, with 112 and 113, {nl: \"...\", en: \"...\"}");
            Localized silence = q.text("silence", true, "said when no answer came in time, with 112, {nl: \"...\", en: \"...\"}");
            if (ask != null && no != null && silence != null) out.put(kind, new Interrupts.KindQuestion(ask, no, silence));
        }
        return out;
    }

    private static YamlMap section(YamlMap top, String key, List<String> allowed, boolean required, String hint) {
        if (!top.has(key)) {
            if (required) top.missing(key, hint);
            return null;
        }
        return top.map(key, "the " + key + " interrupt", allowed);
    }

    /** keywords: {nl: [...], en: [...]}: every language needs words that switch to it. */
    /** phrases: {nl: [...], en: [...]}: optional, but only the languages the service speaks. */
    private static Map<String, List<String>> languagePhrases(YamlMap language) {
        JsonNode node = language.get("phrases");
        Place at = language.at();
        if (!node.isObject()) {
            at.error(ErrorCode.INVALID_VALUE, "phrases of the language interrupt must be a map per language:"
                    + " {nl: [\"in het nederlands\"], en: [\"in english please\"]}, not " + YamlMap.shape(node));
            return Map.of();
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        YamlMap byLanguage = YamlMap.withoutKeyCheck(node, at, "phrases of the language interrupt");
        for (String lang : byLanguage.keys()) {
            if (!Localized.LANGUAGES.contains(lang)) {
                at.error(ErrorCode.MISSING_TRANSLATION, "the language interrupt has phrases for '" + lang
                        + "', which the service does not speak; use only nl and en");
                continue;
            }
            out.put(lang, byLanguage.strings(lang));
        }
        return out;
    }

    private static Map<String, List<String>> languageKeywords(YamlMap language) {
        JsonNode node = language.get("keywords");
        Place at = language.at();
        if (node == null) {
            language.missing("keywords", "per language the words that switch to it: keywords: {nl: [nederlands],"
                    + " en: [english]}");
            return Map.of();
        }
        if (!node.isObject()) {
            at.error(ErrorCode.INVALID_VALUE, "keywords of the language interrupt must be a map per language:"
                    + " {nl: [nederlands], en: [english]}, not " + YamlMap.shape(node));
            return Map.of();
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String lang = it.next();
            if (!Localized.LANGUAGES.contains(lang)) {
                at.error(ErrorCode.MISSING_TRANSLATION, "the language interrupt has keywords for '" + lang
                        + "', which the service does not speak; use only nl and en");
            }
        }
        // Other keys were reported above as languages the service does not speak.
        YamlMap byLanguage = YamlMap.withoutKeyCheck(node, at, "keywords of the language interrupt");
        for (String lang : LANGUAGE_ORDER) {
            List<String> words = byLanguage.strings(lang);
            if (words.isEmpty()) {
                at.error(ErrorCode.MISSING_TRANSLATION, "the language interrupt has no keywords that switch to " + lang
                        + "; add " + lang + ": [...] under keywords");
            } else {
                out.put(lang, words);
            }
        }
        return out;
    }
}
