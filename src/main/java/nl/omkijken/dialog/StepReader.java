package nl.omkijken.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.omkijken.engine.Engine;
import nl.omkijken.engine.Localized;
import nl.omkijken.engine.Outcome;
import nl.omkijken.engine.Step;

/**
 * Reads one step from its YAML map into a {@link Step} record. The keys tell the kind; each kind has its
 * own allowed keys. Problems are reported at the step's place; the record is still returned with what
 * could be read (null fields where a value is broken), so later checks can run on the rest.
 */
final class StepReader {
    /** Keys that make a step of that kind, and can appear in no other kind. */
    private static final List<String> KIND_KEYS =
            List.of("collect", "branch", "set", "goto_dialog", "handoff", "schedule", "end", "resume", "knowledge", "book",
                    "appointment", "cancel_appointment");

    private static final List<String> SAY = List.of("say", "next");
    private static final List<String> ASK = List.of("ask", "routes", "no_match", "no_input", "several", "keep");
    private static final List<String> RESUME = List.of("resume", "else");
    private static final List<String> KNOWLEDGE = List.of("knowledge", "max", "more", "found", "none", "shown", "district");
    private static final List<String> BOOK = List.of("book", "ask", "other", "taken", "booked", "none", "reminder", "no_input");
    private static final List<String> APPOINTMENT = List.of("appointment", "held", "none");
    private static final List<String> CANCEL_APPOINTMENT = List.of("cancel_appointment");
    private static final List<String> COLLECT = List.of("collect", "ask", "type", "choices", "entity", "min_length",
            "invalid", "retries", "on_fail", "no_input", "next", "remember", "max_words", "ahead");
    private static final List<String> BRANCH = List.of("branch", "else");
    private static final List<String> SET = List.of("set", "next", "remember");
    private static final List<String> GOTO_DIALOG = List.of("goto_dialog", "step");
    private static final List<String> HANDOFF = List.of("handoff", "say", "while_waiting", "unanswered", "next", "closed",
            "while_closed", "closed_next", "callback_missed", "callback_failed", "window", "on_hold", "waiting_routes");
    private static final List<String> UNANSWERED = List.of("after", "say", "routes");
    /** A second alert sooner than a minute is noise; later than a day is no alert. */
    private static final Duration MIN_UNANSWERED = Duration.ofMinutes(1);
    private static final Duration MAX_UNANSWERED = Duration.ofHours(24);
    private static final List<String> SCHEDULE = List.of("schedule", "say", "next");
    private static final List<String> END = List.of("end", "say");

    /** On the phone, 9 says the question again (the voice channel's own key); no route may use it. */
    public static final String PHONE_REPEAT_DIGIT = "9";
    private static final List<String> ROUTE = List.of("button", "digit", "keywords", "intents", "goto");
    private static final List<String> NO_MATCH = List.of("say", "retries", "goto");
    private static final List<String> NO_INPUT = List.of("after", "say", "goto", "phone_at_once");
    private static final List<String> CHOICE = List.of("value", "label", "keywords");
    private static final List<String> CASE = List.of("if", "goto");
    private static final List<String> CONDITION = List.of("slot", "equals", "in", "present", "absent");
    private static final List<String> HANDOFF_SPEC = List.of("queue", "priority", "reason");
    private static final List<String> SCHEDULE_SPEC = List.of("timer", "after", "goto");

    /** The engine's default when a collect or no_match does not say how often to re-ask. */
    static final int DEFAULT_RETRIES = 2;

    private StepReader() {}

    /** Reads the step; null when its kind cannot be told (reported as AMBIGUOUS_STEP). */
    static Step read(String id, JsonNode node, Place at) {
        String kind = kind(node, at);
        if (kind == null) return null;
        switch (kind) {
            case "say": return say(id, YamlMap.open(node, at, "the say step", SAY));
            case "ask": return ask(id, YamlMap.open(node, at, "the ask step", ASK));
            case "collect": return collect(id, YamlMap.open(node, at, "the collect step", COLLECT));
            case "branch": return branch(id, YamlMap.open(node, at, "the branch step", BRANCH));
            case "set": return set(id, YamlMap.open(node, at, "the set step", SET));
            case "goto_dialog": return gotoDialog(id, YamlMap.open(node, at, "the goto_dialog step", GOTO_DIALOG));
            case "handoff": return handoff(id, YamlMap.open(node, at, "the handoff step", HANDOFF));
            case "schedule": return schedule(id, YamlMap.open(node, at, "the schedule step", SCHEDULE));
            case "resume": return resume(id, YamlMap.open(node, at, "the resume step", RESUME));
            case "knowledge": return knowledge(id, YamlMap.open(node, at, "the knowledge step", KNOWLEDGE));
            case "book": return book(id, YamlMap.open(node, at, "the book step", BOOK));
            case "appointment": return appointment(id, YamlMap.open(node, at, "the appointment step", APPOINTMENT));
            case "cancel_appointment": {
                YamlMap m = YamlMap.open(node, at, "the cancel_appointment step", CANCEL_APPOINTMENT);
                return m == null ? null : new Step.CancelAppointment(id, m.required("cancel_appointment", "the step after the talk is cancelled"));
            }
            default: return end(id, YamlMap.open(node, at, "the end step", END));
        }
    }

    /** The step's kind from its keys, or null after reporting why it cannot be told. */
    static String kind(JsonNode node, Place at) {
        if (node == null || !node.isObject()) {
            at.error(ErrorCode.AMBIGUOUS_STEP, "the step is " + YamlMap.shape(node) + ", not a map of keys; a step"
                    + " needs one kind key: say, ask, collect, branch, set, goto_dialog, handoff, schedule or end");
            return null;
        }
        List<String> kinds = new ArrayList<>();
        for (String k : KIND_KEYS) if (node.has(k)) kinds.add(k);
        if (kinds.size() > 1) {
            at.error(ErrorCode.AMBIGUOUS_STEP, "the step has the kind keys " + String.join(" and ", kinds)
                    + "; a step has one kind, so split it into two steps joined by next");
            return null;
        }
        if (kinds.size() == 1) return kinds.get(0);
        if (node.has("ask") && node.has("say")) {
            at.error(ErrorCode.AMBIGUOUS_STEP, "the step has both say and ask; put the text into the ask,"
                    + " or make a say step whose next is the ask step");
            return null;
        }
        if (node.has("ask")) return "ask";
        if (node.has("say")) return "say";
        at.error(ErrorCode.AMBIGUOUS_STEP, "cannot tell what kind of step this is; it needs one of the keys say,"
                + " ask, collect, branch, set, goto_dialog, handoff, schedule or end (see docs/DIALOGS.md)");
        return null;
    }

    private static Step say(String id, YamlMap m) {
        return new Step.Say(id, m.text("say", true, "the message, {nl: \"...\", en: \"...\"}"),
                m.required("next", "the id of the step that follows"));
    }

    private static Step ask(String id, YamlMap m) {
        Localized prompt = m.text("ask", true, "the question, {nl: \"...\", en: \"...\"}");
        List<Step.Route> routes = routes(m);
        Step.NoMatch noMatch = noMatch(m.map("no_match", "no_match", NO_MATCH));
        Step.NoInput noInput = noInput(m.map("no_input", "no_input", NO_INPUT));
        String several = m.id("several", false, null);
        // The slot that keeps the person's own words when they chose a route with a sentence (their question).
        String keep = m.id("keep", false, null);
        return new Step.Ask(id, prompt, routes, noMatch, noInput, several, keep);
    }

    /** resume: SLOT, else: STEP: the next step an ask kept in the slot, or else. */
    private static Step resume(String id, YamlMap m) {
        if (m == null) return null;
        String slot = m.id("resume", true, "the slot an ask's several: keeps the other steps in");
        String otherwise = m.required("else", "the step to go to when nothing more was asked");
        return new Step.Resume(id, slot, otherwise);
    }

    /**
     * knowledge: TOPIC, max: 1 or 2, more: {nl, en}, found: STEP, none: STEP, shown: STEP (optional): the knowledge base's
     * best articles for the person's words (the topic weighs), each as its summary, "more" and the link; then found, none
     * without one, or shown when all that fits was given already.
     */
    private static Step knowledge(String id, YamlMap m) {
        if (m == null) return null;
        String topic = m.id("knowledge", true, "the topic of the articles that answer here, e.g. subsidie");
        String max = m.has("max") ? m.string("max") : "1";
        int n = "1".equals(max) ? 1 : "2".equals(max) ? 2 : 0;
        if (n == 0) m.at().error(ErrorCode.INVALID_VALUE, "max: 1 or 2 articles (a text message holds no more), not '" + max + "'");
        Localized more = m.text("more", true, "what comes before the link to the full text, {nl: \"Lees verder:\", en: \"Read more:\"}");
        String found = m.required("found", "the step after the articles (for example: did this help?)");
        String none = m.required("none", "the step when no article fits");
        String shown = m.has("shown") ? m.required("shown", "the step when all that fits was given already") : found;
        // The slot with the person's stadsdeel, when the dialog knows it: articles for another stadsdeel are left out.
        String district = m.has("district") ? m.id("district", true, "the slot with the stadsdeel, e.g. stadsdeel") : null;
        return new Step.FromKnowledge(id, topic, Math.max(n, 1), more, found, none, shown, district);
    }

    /**
     * book: SLOT (the stadsdeel's slot), ask: {nl, en}, other: {nl, en}, taken: {nl, en}, booked: STEP, none: STEP,
     * reminder: STEP (optional), no_input (optional): offers the stadsdeel's free times and books the one chosen.
     */
    private static Step book(String id, YamlMap m) {
        if (m == null) return null;
        String district = m.id("book", true, "the slot that names the stadsdeel, e.g. stadsdeel");
        Localized prompt = m.text("ask", true, "the question before the times, {nl: \"Wanneer past het u?\", en: \"When suits you?\"}");
        Localized other = m.text("other", true, "the last choice, when no time suits, {nl: \"Geen van deze\", en: \"None of these\"}");
        Localized taken = m.text("taken", true, "what is said when the time chosen was just taken by someone else");
        String booked = m.required("booked", "the step after a time is booked (its time is in {slots.afspraak})");
        String none = m.required("none", "the step when no time is free or none suits (for example: the account holder calls)");
        String reminder = m.has("reminder") ? m.required("reminder", "the step that reminds the person the day before") : null;
        Step.NoInput noInput = noInput(m.map("no_input", "no_input", NO_INPUT));
        return new Step.Book(id, district, prompt, other, taken, booked, none, reminder, noInput);
    }

    /** appointment: SLOT (filled with the talk's stadsdeel), held: STEP, none: STEP. */
    private static Step appointment(String id, YamlMap m) {
        if (m == null) return null;
        String district = m.id("appointment", true, "the slot to fill with the booked talk's stadsdeel, e.g. stadsdeel");
        return new Step.Appointment(id, district, m.required("held", "the step when a talk is booked (its time in {slots.afspraak})"),
                m.required("none", "the step when no talk is booked"));
    }

    private static List<Step.Route> routes(YamlMap m) {
        return routes(m, "routes");
    }

    /** The routes listed under {@code key}: at least one, each with something to match and a goto, digits unique. */
    private static List<Step.Route> routes(YamlMap m, String key) {
        if (!m.has(key)) {
            m.at().error(ErrorCode.ASK_WITHOUT_ROUTES, "the ask step has no routes, so no answer can go anywhere;"
                    + " add routes: with at least one - {digit/button/keywords/intents, goto}");
            return List.of();
        }
        List<JsonNode> list = m.list(key);
        if (list == null) return List.of();
        if (list.isEmpty()) {
            m.at().error(ErrorCode.ASK_WITHOUT_ROUTES, "the " + key + " list is empty; add at least one route");
            return List.of();
        }
        List<Step.Route> routes = new ArrayList<>();
        Map<String, Integer> digits = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            // "route 2", "waiting route 2": which list the author has to look in.
            String what = (key.equals("routes") ? "route " : key.replace('_', ' ').replaceAll("s$", "") + " ") + (i + 1);
            YamlMap r = YamlMap.open(list.get(i), m.at(), what, ROUTE);
            if (r == null) continue;
            Localized button = r.text("button", false, null);
            String digit = r.string("digit");
            // No leading zero: the engine compares the digit with the typed text, and "01" is never typed for 1.
            if (digit != null && !digit.strip().matches("[0-9]|[1-9][0-9]")) {
                m.at().error(ErrorCode.INVALID_VALUE, what + " has digit '" + digit + "'; a digit is 0 to 99 without a"
                        + " leading zero, e.g. digit: \"1\"");
                digit = null;
            }
            if (digit != null && digit.strip().equals(PHONE_REPEAT_DIGIT)) {
                m.at().error(ErrorCode.INVALID_VALUE, what + " has digit " + PHONE_REPEAT_DIGIT + ", which is the phone's key to"
                        + " hear the question again; give the route another digit");
                digit = null;
            }
            if (digit != null) {
                digit = digit.strip();
                Integer earlier = digits.putIfAbsent(digit, i + 1);
                if (earlier != null) {
                    m.at().error(ErrorCode.DUPLICATE_ID, what + " uses digit " + digit + ", which route " + earlier
                            + " already uses; give each route its own digit");
                }
            }
            List<String> keywords = r.strings("keywords");
            List<String> intents = r.strings("intents");
            String target = r.required("goto", "the id of the step this answer leads to");
            if (!r.has("button") && !r.has("digit") && keywords.isEmpty() && intents.isEmpty()) {
                m.at().error(ErrorCode.ASK_WITHOUT_ROUTES, what + " has nothing to match an answer on; give it at least"
                        + " one of button, digit, keywords or intents");
            }
            routes.add(new Step.Route(button, digit, keywords, intents, target));
        }
        return List.copyOf(routes);
    }

    private static Step.NoMatch noMatch(YamlMap m) {
        if (m == null) return null;
        return new Step.NoMatch(m.text("say", false, null), m.count("retries", DEFAULT_RETRIES), m.string("goto"));
    }

    private static Step.NoInput noInput(YamlMap m) {
        if (m == null) return null;
        Duration after = m.duration("after", "how long to wait, as an ISO-8601 duration such as PT30M");
        Boolean atOnce = m.has("phone_at_once") ? m.bool("phone_at_once") : Boolean.FALSE;
        return new Step.NoInput(after, m.text("say", false, null),
                m.required("goto", "the id of the step to go to when no answer comes"), Boolean.TRUE.equals(atOnce));
    }

    private static Step collect(String id, YamlMap m) {
        String slot = m.id("collect", true, "the name of the slot to fill, e.g. collect: email");
        Localized prompt = m.text("ask", true, "the question, {nl: \"...\", en: \"...\"}");
        Step.SlotType type = slotType(m);
        List<Step.Choice> choices = choices(m, type);
        String entity = m.id("entity", false, null);
        int minLength = m.count("min_length", 0);
        Localized invalid = m.text("invalid", false, null);
        int retries = m.count("retries", DEFAULT_RETRIES);
        String onFail = m.string("on_fail");
        Step.NoInput noInput = noInput(m.map("no_input", "no_input", NO_INPUT));
        String next = m.required("next", "the id of the step after the value is saved");
        // Kept on the person beyond this conversation under this name (PersonMemory): a planned absence.
        String remember = m.id("remember", false, null);
        if (remember != null && !remember.matches("[a-z_]{1,40}")) {
            m.at().error(ErrorCode.INVALID_VALUE, "remember: '" + remember + "' must be small letters and _ only, e.g. absent_until");
            remember = null;
        }
        // A text answer of at most this many words (a first name): a longer message is no answer to it.
        int maxWords = m.count("max_words", 0);
        return new Step.Collect(id, slot, prompt, type, minLength, choices, entity, invalid, retries, onFail, next, noInput, remember,
                maxWords, ahead(m, type));
    }

    /** {@code ahead: [PATTERN, ...]}: Java regular expressions with a group named value, for a text slot. */
    private static List<Step.Found> ahead(YamlMap m, Step.SlotType type) {
        if (!m.has("ahead")) return List.of();
        if (type != Step.SlotType.TEXT) {
            m.at().error(ErrorCode.INVALID_VALUE, "ahead is for a text answer; an e-mail address, a phone number, a postcode or a"
                    + " choice is found in a longer message without it");
            return List.of();
        }
        List<Step.Found> out = new ArrayList<>();
        List<String> patterns = m.strings("ahead");
        for (int i = 0; i < patterns.size(); i++) {
            String p = patterns.get(i);
            try {
                Step.Found f = Step.Found.of(p);
                if (!p.contains("(?<value>")) {
                    m.at().error(ErrorCode.INVALID_VALUE, "ahead " + (i + 1) + ": the pattern needs a group (?<value>...) for the answer");
                    continue;
                }
                out.add(f);
            } catch (java.util.regex.PatternSyntaxException e) {
                m.at().error(ErrorCode.INVALID_VALUE, "ahead " + (i + 1) + ": not a valid pattern: " + e.getDescription()
                        + " at position " + e.getIndex());
            }
        }
        return out;
    }

    private static Step.SlotType slotType(YamlMap m) {
        String t = m.string("type");
        if (t == null) return Step.SlotType.TEXT;
        for (Step.SlotType st : Step.SlotType.values()) {
            if (st.name().toLowerCase(Locale.ROOT).equals(t.strip())) return st;
        }
        m.at().error(ErrorCode.INVALID_VALUE, "type '" + t + "' is not a slot type; use one of text, email, phone,"
                + " postcode, number, choice, yes_no");
        return Step.SlotType.TEXT;
    }

    private static List<Step.Choice> choices(YamlMap m, Step.SlotType type) {
        List<JsonNode> list = m.list("choices");
        if (type != Step.SlotType.CHOICE) {
            if (m.has("choices")) {
                m.at().error(ErrorCode.INVALID_VALUE, "choices are only used with type: choice; set type: choice"
                        + " or remove the choices");
            }
            return List.of();
        }
        if (list == null || list.isEmpty()) {
            if (!m.has("choices") || list != null) {
                m.at().error(ErrorCode.INVALID_VALUE, "type: choice needs choices: a list of - {value, label: {nl, en}}");
            }
            return List.of();
        }
        List<Step.Choice> choices = new ArrayList<>();
        Map<String, Integer> values = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String what = "choice " + (i + 1);
            YamlMap c = YamlMap.open(list.get(i), m.at(), what, CHOICE);
            if (c == null) continue;
            String value = c.required("value", "the value saved when this choice is picked");
            Localized label = c.text("label", true, "what the person sees, {nl: \"...\", en: \"...\"}");
            List<String> keywords = c.strings("keywords");
            if (value != null) {
                Integer earlier = values.putIfAbsent(value, i + 1);
                if (earlier != null) {
                    m.at().error(ErrorCode.DUPLICATE_ID, what + " has value '" + value + "', like choice " + earlier
                            + "; give each choice its own value");
                }
            }
            choices.add(new Step.Choice(value, label, keywords));
        }
        return List.copyOf(choices);
    }

    private static Step branch(String id, YamlMap m) {
        List<Step.Case> cases = new ArrayList<>();
        List<JsonNode> list = m.list("branch");
        if (list == null && !m.has("branch")) m.missing("branch", "a list of - {if: {slot, equals/in/present/absent}, goto}");
        if (list != null && list.isEmpty()) m.missing("branch", "the list of cases is empty; add at least one - {if, goto}");
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                String what = "case " + (i + 1);
                YamlMap c = YamlMap.open(list.get(i), m.at(), what, CASE);
                if (c == null) continue;
                Step.Condition when = condition(c, what);
                String target = c.required("goto", "the id of the step to go to when the condition holds");
                cases.add(new Step.Case(when, target));
            }
        }
        String otherwise = m.required("else", "the id of the step to go to when no case holds");
        return new Step.Branch(id, List.copyOf(cases), otherwise);
    }

    private static Step.Condition condition(YamlMap c, String what) {
        if (!c.has("if")) {
            c.missing("if", "the condition, e.g. if: {slot: email, present: true}");
            return null;
        }
        YamlMap m = c.map("if", "the condition of " + what, CONDITION);
        if (m == null) return null;
        String slot = m.id("slot", true, "the slot the condition looks at");
        List<String> ops = new ArrayList<>();
        for (String op : List.of("equals", "in", "present", "absent")) if (m.written(op)) ops.add(op);
        if (ops.isEmpty()) {
            m.at().error(ErrorCode.MISSING_KEY, "the condition of " + what + " has no test; add one of equals: VALUE,"
                    + " in: [A, B], present: true or absent: true");
            return null;
        }
        if (ops.size() > 1) {
            m.at().error(ErrorCode.INVALID_VALUE, "the condition of " + what + " has " + String.join(" and ", ops)
                    + "; one condition tests one thing, so use two cases");
            return null;
        }
        switch (ops.get(0)) {
            case "equals": {
                String v = m.required("equals", "the value to compare with");
                return v == null ? null : new Step.Condition(slot, Step.Condition.Op.EQUALS, List.of(v));
            }
            case "in": {
                List<String> values = m.strings("in");
                if (values.isEmpty()) {
                    m.at().error(ErrorCode.INVALID_VALUE, "in: of the condition of " + what
                            + " needs a list of values, e.g. in: [Escamp, Laak]");
                    return null;
                }
                return new Step.Condition(slot, Step.Condition.Op.IN, values);
            }
            default: {
                String op = ops.get(0);
                String v = m.string(op);
                if (!"true".equals(v)) {
                    String other = op.equals("present") ? "absent" : "present";
                    m.at().error(ErrorCode.INVALID_VALUE, op + ": " + (v == null ? "" : v) + " in the condition of "
                            + what + " must be " + op + ": true (for the opposite write " + other + ": true)");
                    return null;
                }
                return new Step.Condition(slot, op.equals("present") ? Step.Condition.Op.PRESENT
                        : Step.Condition.Op.ABSENT, List.of());
            }
        }
    }

    private static Step set(String id, YamlMap m) {
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode spec = m.get("set");
        if (spec == null) {
            m.missing("set", "a map of slot: value, e.g. set: {topic: subsidie}");
        } else if (!spec.isObject()) {
            m.at().error(ErrorCode.INVALID_VALUE, "set must be a map of slot: value, e.g. set: {topic: subsidie}, not "
                    + YamlMap.shape(spec));
        } else if (spec.isEmpty()) {
            m.missing("set", "the map is empty; add at least one slot: value");
        } else {
            spec.fields().forEachRemaining(e -> {
                YamlMap.checkId(e.getKey(), "the slot name in set", m.at());
                JsonNode v = e.getValue();
                if (v.isNull() || !v.isValueNode()) {
                    m.at().error(ErrorCode.INVALID_VALUE, "set " + e.getKey() + " is " + YamlMap.shape(v)
                            + "; give it a value (text, may hold placeholders)");
                } else {
                    values.put(e.getKey(), v.asText());
                }
            });
        }
        List<String> remember = m.strings("remember");
        for (String name : remember) {
            if (!values.containsKey(name)) {
                m.at().error(ErrorCode.INVALID_VALUE, "remember: '" + name + "' is not one of this step's values (" + String.join(", ", values.keySet())
                        + "); name the values to keep on the person");
            }
        }
        return new Step.SetValues(id, values, m.required("next", "the id of the step that follows"), remember);
    }

    private static Step gotoDialog(String id, YamlMap m) {
        return new Step.GotoDialog(id, m.required("goto_dialog", "the id of the dialog to continue in"), m.string("step"));
    }

    private static Step handoff(String id, YamlMap m) {
        String queue = null;
        Step.Priority priority = Step.Priority.NORMAL;
        String reason = null;
        if (!m.has("handoff")) {
            m.missing("handoff", "write handoff: {queue: QUEUE, priority: normal, reason: REASON}");
        } else {
            YamlMap h = m.map("handoff", "handoff", HANDOFF_SPEC);
            if (h != null) {
                queue = h.id("queue", false, null);
                priority = priority(h);
                reason = h.required("reason", "why staff is asked, e.g. reason: intake_complete (shown in the console)");
            }
        }
        String next = m.string("next");
        Step.Unanswered unanswered = unanswered(m.map("unanswered", "unanswered", UNANSWERED));
        if (unanswered != null && !unanswered.routes().isEmpty() && priority == Step.Priority.URGENT) {
            m.at().error(ErrorCode.INVALID_VALUE, "an urgent handoff (a crisis) keeps the person waiting for staff: its"
                    + " unanswered may not offer routes out of the queue; remove routes, or make the handoff normal");
        }
        if (unanswered != null && next != null) {
            m.at().error(ErrorCode.INVALID_VALUE, "unanswered belongs to a handoff that waits for staff; this one has"
                    + " next (a task, the bot carries on), so nobody waits: remove unanswered or next");
        }
        Localized missed = m.text("callback_missed", false, null);
        Localized failed = m.text("callback_failed", false, null);
        if ((missed != null || failed != null) && next == null) {
            m.at().error(ErrorCode.INVALID_VALUE, "callback_missed and callback_failed belong to a call-back task (a"
                    + " handoff with next); this handoff makes the person wait instead");
        }
        Step.CallbackWindow window = window(m);
        if (window != null && next == null) {
            m.at().error(ErrorCode.INVALID_VALUE, "window belongs to a call-back task (a handoff with next)");
        }
        Localized onHold = m.text("on_hold", false, null);
        if (onHold != null && next != null) {
            m.at().error(ErrorCode.INVALID_VALUE, "on_hold is said to a caller who waits on the line for staff; this handoff"
                    + " has next (a task, the bot carries on), so nobody waits: remove on_hold or next");
        }
        List<Step.Route> waitingRoutes = waitingRoutes(m, priority, next, unanswered);
        return new Step.Handoff(id, queue, priority, reason, m.text("say", false, null),
                m.text("while_waiting", false, null), next, unanswered, m.text("closed", false, null),
                m.text("while_closed", false, null), m.string("closed_next"), missed, failed, window, onHold, waitingRoutes);
    }

    /**
     * {@code waiting_routes}: what a waiting person may choose at any moment of the wait (0 for "it is urgent"). Like the
     * unanswered offer's routes they are taken only by an explicit choice, never by a guess of the classifier; they
     * belong to a normal handoff that makes the person wait, and share no digit with the offer (which comes later in the
     * same wait).
     */
    private static List<Step.Route> waitingRoutes(YamlMap m, Step.Priority priority, String next, Step.Unanswered unanswered) {
        if (!m.has("waiting_routes")) return List.of();
        List<Step.Route> routes = routes(m, "waiting_routes");
        if (next != null) {
            m.at().error(ErrorCode.INVALID_VALUE, "waiting_routes belong to a handoff that makes the person wait; this one has"
                    + " next (a task, the bot carries on), so nobody waits: remove waiting_routes or next");
        }
        if (priority == Step.Priority.URGENT) {
            m.at().error(ErrorCode.INVALID_VALUE, "an urgent handoff (a crisis) keeps the person waiting for staff: it may"
                    + " not offer waiting_routes out of the queue; remove them, or make the handoff normal");
        }
        explicitOnly(m, routes, "waiting route");
        java.util.Set<String> offered = new java.util.HashSet<>();
        java.util.Set<String> offeredWords = new java.util.HashSet<>();
        if (unanswered != null) {
            for (Step.Route r : unanswered.routes()) {
                if (r.digit() != null) offered.add(r.digit());
                for (String k : r.keywords()) offeredWords.add(nl.omkijken.engine.Normalizer.foldKeyword(k));
            }
        }
        for (int i = 0; i < routes.size(); i++) {
            Step.Route r = routes.get(i);
            if (r.digit() != null && offered.contains(r.digit())) {
                m.at().error(ErrorCode.DUPLICATE_ID, "waiting route " + (i + 1) + " uses digit " + r.digit() + ", which a route"
                        + " of unanswered uses too; give it a digit of its own");
            }
            // Once offered, the same word would lead two ways: the first of the lists would win without the author knowing.
            for (String k : r.keywords()) {
                if (offeredWords.contains(nl.omkijken.engine.Normalizer.foldKeyword(k))) {
                    m.at().error(ErrorCode.DUPLICATE_ID, "waiting route " + (i + 1) + " has keyword '" + k + "', which a route"
                            + " of unanswered has too; give each way its own words");
                }
            }
        }
        return routes;
    }

    /** {@code window: {slot: dagdeel, ochtend: "09:00-12:00", ...}}: when a call-back suits the person. */
    private static Step.CallbackWindow window(YamlMap m) {
        if (!m.has("window")) return null;
        JsonNode n = m.get("window");
        if (n == null || !n.isObject() || !n.has("slot") || n.size() < 2) {
            m.at().error(ErrorCode.INVALID_VALUE, "write window: {slot: SLOT, VALUE: \"09:00-12:00\", ...}: the slot with"
                    + " the part of the day the person chose, and the hours of each value");
            return null;
        }
        String slot = n.get("slot").asText("");
        java.util.Map<String, java.time.LocalTime[]> spans = new java.util.LinkedHashMap<>();
        for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            java.util.Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("slot")) continue;
            java.util.regex.Matcher t = java.util.regex.Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)-([01]\\d|2[0-3]):([0-5]\\d)")
                    .matcher(e.getValue().asText("").strip());
            java.time.LocalTime from = t.matches() ? java.time.LocalTime.of(Integer.parseInt(t.group(1)), Integer.parseInt(t.group(2))) : null;
            java.time.LocalTime to = t.matches() ? java.time.LocalTime.of(Integer.parseInt(t.group(3)), Integer.parseInt(t.group(4))) : null;
            if (from == null || !to.isAfter(from)) {
                m.at().error(ErrorCode.INVALID_VALUE, "window " + e.getKey() + ": write the hours as \"09:00-12:00\" (ending the"
                        + " same day, after they start), not '" + e.getValue().asText("") + "'");
                continue;
            }
            spans.put(e.getKey().toLowerCase(java.util.Locale.ROOT), new java.time.LocalTime[] {from, to});
        }
        return new Step.CallbackWindow(slot, spans);
    }

    private static Step.Unanswered unanswered(YamlMap m) {
        if (m == null) return null;
        Duration after = m.duration("after", "how long staff have to take the conversation over, e.g. after: PT5M");
        if (after != null && (after.compareTo(MIN_UNANSWERED) < 0 || after.compareTo(MAX_UNANSWERED) > 0)) {
            m.at().error(ErrorCode.INVALID_VALUE, "unanswered after " + after + " is out of range; use PT1M to PT24H");
        }
        // The way forward offered after the wait: the text names the choices, the routes take them.
        List<Step.Route> routes = m.has("routes") ? routes(m) : List.of();
        explicitOnly(m, routes, "unanswered route");
        return new Step.Unanswered(after, m.text("say", true, "what the person is told, {nl: \"...\", en: \"...\"}"), routes);
    }

    /** A waiting person leaves the queue only by their own explicit choice: no route of a wait may list intents. */
    private static void explicitOnly(YamlMap m, List<Step.Route> routes, String what) {
        for (int i = 0; i < routes.size(); i++) {
            if (!routes.get(i).intents().isEmpty()) {
                m.at().error(ErrorCode.INVALID_VALUE, what + " " + (i + 1) + " lists intents: a waiting person leaves"
                        + " the queue only by an explicit choice (its digit, its button, or a keyword as the whole message),"
                        + " never by a guess of the classifier; remove intents");
            }
        }
    }

    private static Step.Priority priority(YamlMap h) {
        String p = h.string("priority");
        if (p == null) return Step.Priority.NORMAL;
        if (p.strip().equals("normal")) return Step.Priority.NORMAL;
        if (p.strip().equals("urgent")) return Step.Priority.URGENT;
        h.at().error(ErrorCode.INVALID_VALUE, "priority '" + p + "' in handoff is not a priority; use normal or urgent");
        return null; // unknown, so the crisis check does not also report a missing urgent handoff
    }

    private static Step schedule(String id, YamlMap m) {
        String timer = null;
        Duration after = null;
        String target = null;
        if (!m.has("schedule")) {
            m.missing("schedule", "write schedule: {timer: NAME, after: PT24H, goto: STEP}");
        } else {
            YamlMap s = m.map("schedule", "schedule", SCHEDULE_SPEC);
            if (s != null) {
                timer = s.id("timer", true, "the timer's name; a later timer of the same name replaces it");
                if (Engine.NO_INPUT_TIMER.equals(timer)) {
                    s.at().error(ErrorCode.INVALID_VALUE, "the timer name '" + timer + "' is the engine's own timer for"
                            + " unanswered questions; choose another name");
                }
                after = s.duration("after", "when the timer fires, as an ISO-8601 duration such as PT24H");
                target = s.required("goto", "the id of the step to continue at when the timer fires");
            }
        }
        return new Step.Schedule(id, timer, after, target, m.text("say", false, null),
                m.required("next", "the id of the step that follows now"));
    }

    private static Step end(String id, YamlMap m) {
        String o = m.required("end", "the outcome, e.g. end: completed");
        Outcome outcome = null;
        if (o != null) {
            outcome = Outcome.fromId(o.strip());
            if (outcome == null) {
                List<String> ids = new ArrayList<>();
                for (Outcome x : Outcome.values()) ids.add(x.id());
                m.at().error(ErrorCode.UNKNOWN_OUTCOME, "'" + o + "' is not an outcome; use one of " + String.join(", ", ids));
            }
        }
        return new Step.End(id, outcome, m.text("say", false, null));
    }
}
