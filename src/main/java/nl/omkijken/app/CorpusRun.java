package nl.omkijken.app;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.omkijken.engine.Dialog;
import nl.omkijken.engine.DialogSet;
import nl.omkijken.engine.Event;
import nl.omkijken.engine.Localized;
import nl.omkijken.engine.Step;
import nl.omkijken.handoff.Handoff;
import nl.omkijken.runner.Conversation;
import nl.omkijken.runner.Inbound;
import nl.omkijken.runner.TurnResult;
import nl.omkijken.runner.TurnRunner;

/**
 * Plays a {@link ConversationCorpus} through a running {@link TurnRunner} (real understanding, dialogs
 * and store), one conversation after the other, and checks what each turn must and must not do. The
 * report holds every transcript, for a human to read through, and every rule that was broken.
 */
public final class CorpusRun {
    private final TurnRunner runner;
    private final DialogSet dialogs;
    private final Clock clock;

    public CorpusRun(TurnRunner runner, DialogSet dialogs, Clock clock) {
        this.runner = runner;
        this.dialogs = dialogs;
        this.clock = clock;
    }

    /** One conversation as it went. */
    public record Played(ConversationCorpus.Conversation conversation, List<String> transcript, List<String> violations) {
        public boolean pending() {
            return conversation.pending() != null;
        }
    }

    public record Report(List<Played> played) {
        /** Violations in conversations not marked pending, and pending ones that pass: these fail the run. */
        public List<String> failures() {
            List<String> out = new ArrayList<>();
            for (Played p : played) {
                if (!p.pending()) p.violations().forEach(v -> out.add(p.conversation().file() + ": " + v));
                // A gap that closed: the mark goes, so the conversation guards what now works.
                else if (p.violations().isEmpty()) out.add(p.conversation().file() + ": passes now; remove its pending: line");
            }
            return out;
        }

        public String render() {
            StringBuilder b = new StringBuilder();
            int turns = 0;
            int pendingViolations = 0;
            for (Played p : played) {
                ConversationCorpus.Conversation c = p.conversation();
                b.append("=== ").append(c.file()).append(" (").append(c.line()).append(", ").append(c.language()).append(")\n");
                if (c.description() != null) b.append("    ").append(c.description()).append('\n');
                if (c.source() != null) b.append("    source: ").append(c.source()).append('\n');
                if (c.pending() != null) b.append("    PENDING: ").append(c.pending()).append('\n');
                p.transcript().forEach(l -> b.append(l).append('\n'));
                for (String v : p.violations()) b.append(p.pending() ? "  (pending) " : "  VIOLATION ").append(v).append('\n');
                b.append('\n');
                turns += c.turns().size();
                if (p.pending()) pendingViolations += p.violations().size();
            }
            b.append(played.size()).append(" conversations, ").append(turns).append(" turns: ").append(failures().size())
                    .append(failures().size() == 1 ? " violation" : " violations");
            if (pendingViolations > 0) b.append(" (and ").append(pendingViolations).append(" in conversations marked pending)");
            b.append('\n');
            failures().forEach(f -> b.append("  ").append(f).append('\n'));
            return b.toString();
        }
    }

    /** Plays every conversation; the future fails only when the service itself does. */
    public Future<Report> run(ConversationCorpus corpus) {
        List<Played> out = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (ConversationCorpus.Conversation c : corpus.conversations()) {
            chain = chain.compose(v -> play(c).map(p -> {
                out.add(p);
                return null;
            }));
        }
        return chain.map(v -> new Report(List.copyOf(out)));
    }

    private Future<Played> play(ConversationCorpus.Conversation c) {
        // A conversation of its own each time: the name of the file and the moment, never a real address.
        String person = "corpus-" + c.file().replace(".yaml", "") + "-" + clock.millis();
        String id = "sandbox:" + person;
        List<String> transcript = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (int i = 0; i < c.turns().size(); i++) {
            ConversationCorpus.Turn t = c.turns().get(i);
            int n = i + 1;
            chain = chain.compose(v -> {
                Future<TurnResult> turn;
                if (t.begin() != null) {
                    transcript.add("  [the service begins " + t.begin() + "]");
                    turn = runner.begin(id, "sandbox", person, c.line(), c.language(), c.contact(), t.begin());
                } else {
                    transcript.add("  > " + t.user());
                    turn = runner.handle(new Inbound(id, "sandbox", person, c.line(), c.language(), t.user(), null, clock.instant()));
                }
                return turn.compose(r -> runner.store().load(id).map(after -> {
                    List<String> replies = r == null ? List.of() : r.replies().stream().map(Event.Reply::text).toList();
                    replies.forEach(x -> transcript.add("  < " + x));
                    check("turn " + n, t.expect(), replies, after, c.line(), violations);
                    return null;
                }));
            });
        }
        return chain.compose(v -> runner.store().load(id).map(after -> {
            check("at the end", c.last(), List.of(), after, c.line(), violations);
            return new Played(c, List.copyOf(transcript), List.copyOf(violations));
        }));
    }

    private void check(String where, ConversationCorpus.Expect e, List<String> replies, Conversation after, String line,
                       List<String> violations) {
        String all = String.join("\n", replies).toLowerCase(Locale.ROOT);
        for (String s : e.says()) if (!all.contains(s.toLowerCase(Locale.ROOT))) violations.add(where + ": does not say \"" + s + "\"");
        for (String s : e.notSays()) if (all.contains(s.toLowerCase(Locale.ROOT))) violations.add(where + ": says \"" + s + "\"");
        if (e.replies() != null && e.replies() == replies.isEmpty()) {
            violations.add(where + (e.replies() ? ": no answer" : ": answered, though nobody should have: " + replies));
        }
        if (after == null) {
            violations.add(where + ": the conversation is not there");
            return;
        }
        if (e.language() != null && !e.language().equals(after.session().language())) {
            violations.add(where + ": speaks " + after.session().language() + ", not " + e.language());
        }
        if (e.restart() != null) {
            boolean restarted = welcome(line).stream().anyMatch(w -> replies.stream().anyMatch(r -> r.contains(w)));
            if (restarted != e.restart()) violations.add(where + (restarted ? ": starts over with the welcome" : ": does not start over"));
        }
        if (e.handoff() != null) {
            Handoff h = after.handoff();
            boolean open = h != null && h.state().open();
            if (open != e.handoff()) violations.add(where + (open ? ": a request for a person is open" : ": no request for a person is open"));
        }
        if (e.outcome() != null) {
            String outcome = after.session().outcome() == null ? "none" : after.session().outcome();
            if (!e.outcome().equals(outcome)) violations.add(where + ": the outcome is " + outcome + ", not " + e.outcome());
        }
    }

    /**
     * What the line says first when a conversation starts, in each language: the longest piece of it
     * without placeholders (the welcome, or a check-in's question).
     */
    List<String> welcome(String line) {
        Dialog entry = dialogs.entryOf(line);
        if (entry == null) return List.of();
        Step first = entry.step(entry.start());
        Localized text = first instanceof Step.Say s ? s.text() : first instanceof Step.Ask a ? a.prompt() : null;
        if (text == null) return List.of();
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : text.byLanguage().entrySet()) {
            String longest = "";
            for (String piece : e.getValue().split("\\{[^{}]*}")) if (piece.trim().length() > longest.length()) longest = piece.trim();
            if (longest.length() >= 12) out.add(longest);
        }
        return out;
    }
}
