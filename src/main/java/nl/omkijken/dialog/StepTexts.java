package nl.omkijken.dialog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.omkijken.engine.Interrupts;
import nl.omkijken.engine.Localized;
import nl.omkijken.engine.Step;

/** Every text a step or the interrupts can send, one entry per language, for the checks on texts. */
final class StepTexts {
    /** The key of a waiting handoff's unanswered message: said minutes later, not in the turn of its step. */
    static final String UNANSWERED = "unanswered say";

    /**
     * One text: {@code key} says where it is written, {@code language} is nl or en (null for a set value,
     * which is a template for every language).
     */
    record Text(String key, String language, String text) {
        String describe() { return language == null ? key : "the " + language + " text of " + key; }
    }

    private StepTexts() {}

    static List<Text> of(Step step) {
        List<Text> out = new ArrayList<>();
        if (step instanceof Step.Say s) {
            add(out, "say", s.text());
        } else if (step instanceof Step.Ask a) {
            add(out, "ask", a.prompt());
            for (int i = 0; i < a.routes().size(); i++) add(out, "the button of route " + (i + 1), a.routes().get(i).button());
            if (a.noMatch() != null) add(out, "no_match say", a.noMatch().text());
            if (a.noInput() != null) add(out, "no_input say", a.noInput().text());
        } else if (step instanceof Step.Collect c) {
            add(out, "ask", c.prompt());
            add(out, "invalid", c.invalid());
            for (int i = 0; i < c.choices().size(); i++) add(out, "the label of choice " + (i + 1), c.choices().get(i).label());
            if (c.noInput() != null) add(out, "no_input say", c.noInput().text());
        } else if (step instanceof Step.SetValues s) {
            for (Map.Entry<String, String> e : s.values().entrySet()) out.add(new Text("set " + e.getKey(), null, e.getValue()));
        } else if (step instanceof Step.Handoff h) {
            add(out, "say", h.text());
            add(out, "while_waiting", h.whileWaiting());
            add(out, "closed", h.closed());
            add(out, "while_closed", h.whileClosed());
            add(out, "on_hold", h.onHold());
            add(out, "callback_missed", h.callbackMissed());
            add(out, "callback_failed", h.callbackFailed());
            if (h.unanswered() != null) {
                add(out, UNANSWERED, h.unanswered().text());
                List<Step.Route> routes = h.unanswered().routes();
                for (int i = 0; i < routes.size(); i++) add(out, "the button of unanswered route " + (i + 1), routes.get(i).button());
            }
            for (int i = 0; i < h.waitingRoutes().size(); i++) {
                add(out, "the button of waiting route " + (i + 1), h.waitingRoutes().get(i).button());
            }
        } else if (step instanceof Step.Schedule s) {
            add(out, "say", s.text());
        } else if (step instanceof Step.End e) {
            add(out, "say", e.text());
        } else if (step instanceof Step.FromKnowledge k) {
            add(out, "more", k.more());
        } else if (step instanceof Step.Book b) {
            add(out, "ask", b.prompt());
            add(out, "other", b.other());
            add(out, "taken", b.taken());
            if (b.noInput() != null) add(out, "no_input say", b.noInput().text());
        }
        return out;
    }

    static List<Text> of(Interrupts in) {
        List<Text> out = new ArrayList<>();
        add(out, "stop say", in.stopText());
        add(out, "stop confirm", in.stopConfirm());
        in.stopOnLines().forEach((line, own) -> add(out, "stop lines " + line + " say", own.text()));
        add(out, "start say", in.startText());
        add(out, "language say", in.languageText());
        add(out, "not_understood", in.notUnderstood());
        add(out, "media_only", in.mediaOnly());
        if (in.closing() != null) add(out, "closing say", in.closing().text());
        if (in.status() != null) {
            in.status().texts().forEach((state, t) -> add(out, "status say " + state, t));
            add(out, "status noted", in.status().noted());
        }
        add(out, "other_language", in.otherLanguage());
        if (in.possible() != null) {
            add(out, "possible ask", in.possible().ask());
            add(out, "possible no", in.possible().no());
            add(out, "possible silence", in.possible().silence());
            in.possible().kinds().forEach((kind, q) -> {
                add(out, "possible kinds " + kind + " ask", q.ask());
                add(out, "possible kinds " + kind + " no", q.no());
                add(out, "possible kinds " + kind + " silence", q.silence());
            });
        }
        return out;
    }

    private static void add(List<Text> out, String key, Localized text) {
        if (text == null) return;
        for (String lang : List.of("nl", "en", Localized.POLITE_DUTCH)) {
            String t = text.byLanguage().get(lang);
            if (t != null) out.add(new Text(key, lang, t));
        }
        // What the phone says instead is checked as a text of its language: register, placeholders, helplines.
        Localized.PHONE.forEach((phoneKey, lang) -> {
            String t = text.byLanguage().get(phoneKey);
            if (t != null) out.add(new Text(key + " (" + phoneKey + ")", lang, t));
        });
    }
}
