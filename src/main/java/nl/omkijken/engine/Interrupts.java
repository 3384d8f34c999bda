package nl.omkijken.engine;

import java.util.List;
import java.util.Map;

/**
 * What applies in every dialog and every state, before the current step sees the message.
 * Order of precedence: crisis, stop, start, language switch, talk to a person.
 *
 * @param crisisDialog   the shared crisis dialog; a crisis signal goes there unless its kind has its own
 * @param crisisKinds    per kind of crisis (the lexicon's category), the dialog it goes to instead: acute
 *                       danger (a fall, not breathing) gets 112 first, not the suicide-prevention text
 * @param stopKeywords   a whole message equal to one of these opts the person out
 * @param stopIntents    intents that mean the same
 * @param stopText       the one confirmation sent after opting out
 * @param startKeywords  a whole message equal to one of these re-subscribes
 * @param startText      the confirmation sent on re-subscribing
 * @param languageKeywords per language, whole messages that switch to it
 * @param languageText   confirmation of a switch (in the new language)
 * @param humanKeywords  phrases asking for a person
 * @param humanIntents   intents asking for a person
 * @param humanDialog    the shared dialog that hands over to staff
 * @param notUnderstood  said when an answer matches nothing and the step has no no_match text
 * @param mediaOnly      said when a message holds only a photo, voice note or file (the bot reads text only);
 *                       null: {@code notUnderstood}
 * @param closing        a thank-you or goodbye after the conversation ended: answered kindly, nothing that
 *                       was recorded changes (the outcome, a pending call-back); null: it starts afresh
 * @param status         a question about a request made before ("wanneer hoor ik iets?"): where it stands,
 *                       from the runner's facts; null: such a question starts afresh like any other
 * @param languagePhrases per language, phrases anywhere in a message that ask for it ("can we continue in
 *                       English?"); empty: only the whole-message keywords
 * @param stopPhrases    phrases anywhere in a message that ask in so many words to get no more messages
 *                       ("stuur me geen berichten meer"); the classifier's stop counts only for short messages
 * @param otherLanguage  said, in Dutch and then in English, to a message in a language we do not speak
 *                       (which languages we do, how to reach a person); null: such a message is handled as any
 * @param possible       the direct question for a message at risk level possible; null: such a message is
 *                       taken as high (a crisis), never left unasked
 * @param stopConfirm    asked when only the classifier takes a message for stopping (the stop intent): nothing
 *                       changes until the person sends a stop word or phrase itself; null: such a message opts out
 * @param stopOnLines    per line, what opting out means there: its own confirmation (the Telefooncirkel: what
 *                       happens to the daily call) and whether staff are told (a call-back task, reason opted_out)
 */
public record Interrupts(String crisisDialog,
                         List<String> stopKeywords, List<String> stopIntents, Localized stopText,
                         List<String> startKeywords, Localized startText,
                         Map<String, List<String>> languageKeywords, Localized languageText,
                         List<String> humanKeywords, List<String> humanIntents, String humanDialog,
                         Localized notUnderstood, Localized mediaOnly, Closing closing, Status status,
                         Map<String, List<String>> languagePhrases, Localized otherLanguage, List<String> stopPhrases,
                         Map<String, String> crisisKinds, DirectQuestion possible, Localized stopConfirm,
                         Map<String, StopOnLine> stopOnLines) {

    /** Opting out on one line: said instead of the shared confirmation; {@code tellStaff}: the line's staff get a task. */
    public record StopOnLine(Localized text, boolean tellStaff) {}

    /** The confirmation of an opt-out on this line. */
    public Localized stopTextOn(String line) {
        StopOnLine own = line == null ? null : stopOnLines.get(line);
        return own != null && own.text() != null ? own.text() : stopText;
    }

    /** Whether an opt-out on this line is told to its staff. */
    public boolean stopTellsStaff(String line) {
        StopOnLine own = line == null ? null : stopOnLines.get(line);
        return own != null && own.tellStaff();
    }

    /**
     * Asked when a message may mean suicidal thoughts without saying so: directly and kindly, as crisis lines
     * train their volunteers to ask (asking does not raise the risk). Yes, an unclear answer or no answer
     * within {@code after} is a crisis; no returns the person to where they were with {@code no}.
     *
     * @param ask     the question
     * @param no      said to "no", naming 113; then the question that waited is asked again
     * @param silence said when no answer came in time, in place of the crisis dialog's first words (which thank
     *                the person for telling): it gives the helplines itself
     * @param after   how long an answer is waited for
     * @param kinds   per kind of danger that is not about suicide (acute_danger, domestic_violence, harm_others), its
     *                own question and its own no: a possible fall is asked about danger and 112, not about suicide;
     *                yes, an unclear answer or silence goes to that kind's own help
     */
    public record DirectQuestion(Localized ask, Localized no, Localized silence, java.time.Duration after, Map<String, KindQuestion> kinds) {
        public static final java.time.Duration DEFAULT_AFTER = java.time.Duration.ofMinutes(10);

        public DirectQuestion {
            if (after == null) after = DEFAULT_AFTER;
            kinds = kinds == null ? Map.of() : Map.copyOf(kinds);
        }

        public DirectQuestion(Localized ask, Localized no, Localized silence, java.time.Duration after) {
            this(ask, no, silence, after, Map.of());
        }

        /** The question for this kind of risk (null: about suicide). */
        public Localized askFor(String kind) {
            KindQuestion own = kind == null ? null : kinds.get(kind);
            return own != null ? own.ask() : ask;
        }

        /** What a clear no to this kind's question gets. */
        public Localized noFor(String kind) {
            KindQuestion own = kind == null ? null : kinds.get(kind);
            return own != null ? own.no() : no;
        }

        /** Whether this kind has a question of its own (else the suicide question is asked). */
        public boolean asksAbout(String kind) { return kind != null && kinds.containsKey(kind); }
    }

    /** A kind of danger's own direct question, its answer to a clear no, and its words to silence (with 112). */
    public record KindQuestion(Localized ask, Localized no, Localized silence) {}

    public Interrupts(String crisisDialog,
                      List<String> stopKeywords, List<String> stopIntents, Localized stopText,
                      List<String> startKeywords, Localized startText,
                      Map<String, List<String>> languageKeywords, Localized languageText,
                      List<String> humanKeywords, List<String> humanIntents, String humanDialog,
                      Localized notUnderstood, Localized mediaOnly, Closing closing, Status status,
                      Map<String, List<String>> languagePhrases, Localized otherLanguage, List<String> stopPhrases,
                      Map<String, String> crisisKinds) {
        this(crisisDialog, stopKeywords, stopIntents, stopText, startKeywords, startText, languageKeywords, languageText,
                humanKeywords, humanIntents, humanDialog, notUnderstood, mediaOnly, closing, status, languagePhrases, otherLanguage,
                stopPhrases, crisisKinds, null, null, Map.of());
    }

    public Interrupts(String crisisDialog,
                      List<String> stopKeywords, List<String> stopIntents, Localized stopText,
                      List<String> startKeywords, Localized startText,
                      Map<String, List<String>> languageKeywords, Localized languageText,
                      List<String> humanKeywords, List<String> humanIntents, String humanDialog,
                      Localized notUnderstood, Localized mediaOnly, Closing closing, Status status,
                      Map<String, List<String>> languagePhrases, Localized otherLanguage, List<String> stopPhrases) {
        this(crisisDialog, stopKeywords, stopIntents, stopText, startKeywords, startText, languageKeywords, languageText,
                humanKeywords, humanIntents, humanDialog, notUnderstood, mediaOnly, closing, status, languagePhrases, otherLanguage,
                stopPhrases, Map.of());
    }

    /**
     * The dialog a crisis of this kind goes to (the lexicon's category: acute_danger, domestic_violence, ...):
     * its own when interrupts.yaml names one (a fall: 112 first), else the shared crisis dialog.
     */
    public String crisisDialogFor(String kind) {
        String own = kind == null ? null : crisisKinds.get(kind);
        return own != null ? own : crisisDialog;
    }

    public Interrupts(String crisisDialog,
                      List<String> stopKeywords, List<String> stopIntents, Localized stopText,
                      List<String> startKeywords, Localized startText,
                      Map<String, List<String>> languageKeywords, Localized languageText,
                      List<String> humanKeywords, List<String> humanIntents, String humanDialog,
                      Localized notUnderstood, Localized mediaOnly, Closing closing, Status status,
                      Map<String, List<String>> languagePhrases, Localized otherLanguage) {
        this(crisisDialog, stopKeywords, stopIntents, stopText, startKeywords, startText, languageKeywords, languageText,
                humanKeywords, humanIntents, humanDialog, notUnderstood, mediaOnly, closing, status, languagePhrases, otherLanguage, List.of());
    }

    public Interrupts {
        stopPhrases = stopPhrases == null ? List.of() : List.copyOf(stopPhrases);
        crisisKinds = crisisKinds == null ? Map.of() : Map.copyOf(crisisKinds);
        stopOnLines = stopOnLines == null ? Map.of() : Map.copyOf(stopOnLines);
        // In the file's order (Dutch, then English): a message with phrases of both switches the same way each time.
        languagePhrases = languagePhrases == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(languagePhrases));
    }

    public Interrupts(String crisisDialog,
                      List<String> stopKeywords, List<String> stopIntents, Localized stopText,
                      List<String> startKeywords, Localized startText,
                      Map<String, List<String>> languageKeywords, Localized languageText,
                      List<String> humanKeywords, List<String> humanIntents, String humanDialog,
                      Localized notUnderstood, Localized mediaOnly, Closing closing) {
        this(crisisDialog, stopKeywords, stopIntents, stopText, startKeywords, startText, languageKeywords, languageText,
                humanKeywords, humanIntents, humanDialog, notUnderstood, mediaOnly, closing, null, Map.of(), null);
    }

    /**
     * A question about a request made before: a message holding one of {@code keywords} (phrases, anywhere
     * in it) gets the text of the request's state, the runner's {@code facts.request}. With no request
     * known (no such fact) the message is handled as any other.
     *
     * @param texts by state: {@link #STATES}
     * @param noted said to a message that tells when (a day, a part of the day, a time) while the request
     *              waits for a worker ("vanmiddag graag"): it is kept with the request for the worker, and
     *              nothing starts afresh; null: such a message starts afresh like any other
     */
    /**
     * @param intents what the classifier may also read as a question about the request ("hebben jullie al iets gedaan
     *                met mijn vraag?"): heard only while the conversation has one
     */
    public record Status(List<String> keywords, List<String> intents, Map<String, Localized> texts, Localized noted) {
        /**
         * waiting: in the queue, someone takes it when free; waiting_closed: in the queue of a closed line;
         * waiting_later: a call-back planned for a later time; with_worker: a worker has it; done: a worker
         * finished it; left: it left the queue without a worker (the person moved on or stopped).
         */
        public static final List<String> STATES = List.of("waiting", "waiting_closed", "waiting_later", "with_worker", "done", "left");
        /**
         * Optional: a talk booked in the conversation and still to come ({@code {facts.appointment}}: when); said before
         * the request's state, which a booking answers.
         */
        public static final String BOOKED = "booked";
        /**
         * Optional: a worker passed the request on to another queue (the stadsdeel's account holder, another line), where it
         * waits again; without its own text it is answered as {@code waiting}.
         */
        public static final String PASSED_ON = "passed_on";

        public Status {
            keywords = List.copyOf(keywords);
            intents = intents == null ? List.of() : List.copyOf(intents);
            texts = Map.copyOf(texts);
        }

        public Status(List<String> keywords, Map<String, Localized> texts) {
            this(keywords, List.of(), texts, null);
        }

        /** States in which a request still waits for a worker: a message about it is kept with it. */
        public static final java.util.Set<String> PENDING = java.util.Set.of("waiting", "waiting_closed", "waiting_later", PASSED_ON);

        /** A request that still waits for a worker, or that a worker has: not finished. */
        public static boolean open(String state) {
            return state != null && (PENDING.contains(state) || "with_worker".equals(state));
        }
    }

    /**
     * Closing words: a whole message among {@code keywords}, or a short one (at most {@link #MAX_WORDS}
     * words) the classifier reads as one of {@code intents}.
     */
    public record Closing(List<String> keywords, List<String> intents, Localized text) {
        public static final int MAX_WORDS = 6;

        public Closing {
            keywords = List.copyOf(keywords);
            intents = List.copyOf(intents);
        }
    }

    public Interrupts(String crisisDialog,
                      List<String> stopKeywords, List<String> stopIntents, Localized stopText,
                      List<String> startKeywords, Localized startText,
                      Map<String, List<String>> languageKeywords, Localized languageText,
                      List<String> humanKeywords, List<String> humanIntents, String humanDialog,
                      Localized notUnderstood, Localized mediaOnly) {
        this(crisisDialog, stopKeywords, stopIntents, stopText, startKeywords, startText, languageKeywords,
                languageText, humanKeywords, humanIntents, humanDialog, notUnderstood, mediaOnly, null);
    }

    public Interrupts(String crisisDialog,
                      List<String> stopKeywords, List<String> stopIntents, Localized stopText,
                      List<String> startKeywords, Localized startText,
                      Map<String, List<String>> languageKeywords, Localized languageText,
                      List<String> humanKeywords, List<String> humanIntents, String humanDialog,
                      Localized notUnderstood) {
        this(crisisDialog, stopKeywords, stopIntents, stopText, startKeywords, startText, languageKeywords,
                languageText, humanKeywords, humanIntents, humanDialog, notUnderstood, null);
    }
}
