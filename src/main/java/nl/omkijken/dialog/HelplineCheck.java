package nl.omkijken.dialog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.omkijken.engine.Dialog;
import nl.omkijken.engine.Step;

/**
 * Safety: a person in crisis must get the helpline numbers exactly (113, 0800-0113 free, 112 in acute
 * danger) at once, and be put first in the staff queue.
 *
 * <p>The crisis dialog named in interrupts.yaml is checked over what it does in its first turn, before it
 * waits for an answer: in both languages its messages contain all three numbers, and one of its steps is a
 * handoff with priority urgent. Separately, every text anywhere is searched for the 113 number written in
 * another form (0900-0113, 0800 0113, 08000113, 0800-113), which would send a person in crisis to a wrong
 * or paid number.
 */
final class HelplineCheck {
    static final String HELPLINE = "113";
    static final String HELPLINE_FREE = "0800-0113";
    static final String EMERGENCY = "112";

    private static final Pattern EXACT_113 = Pattern.compile("(?<![0-9])113(?![0-9])");
    private static final Pattern EXACT_FREE = Pattern.compile("(?<![0-9])0800-0113(?![0-9])");
    private static final Pattern EXACT_112 = Pattern.compile("(?<![0-9])112(?![0-9])");
    /** The national Luisterlijn (De Luisterlijn), day and night, for a talk now: the referral when nobody of ours is free. */
    static final String LISTENING_LINE = "088-0767000";
    /**
     * The Luisterlijn's 0767 after a service prefix (088, its old paid 0900, 0800), or followed by its 000: only 088-0767000
     * is the national Luisterlijn. Another number with 0767 in it (an account number) is left alone.
     */
    private static final Pattern ANY_0767 = Pattern.compile("(?<![0-9])(?:0(?:88|900|800)[ .-]?0[ .-]?7[ .-]?6[ .-]?7(?:[ .-]?[0-9]){0,3}"
            + "|0[ .-]?7[ .-]?6[ .-]?7[ .-]?0[ .-]?0[ .-]?0)(?![0-9])");
    /** 0113 with or without separators between the digits, and 0800 followed by 113 without its 0. */
    private static final Pattern ANY_0113 = Pattern.compile("0[ .-]?1[ .-]?1[ .-]?3|0800[ .-]?113(?![0-9])");

    private HelplineCheck() {}

    static void run(Folder folder, Problems problems) {
        for (DialogFile f : folder.files()) {
            for (Map.Entry<String, Step> e : f.dialog().steps().entrySet()) {
                wrongForms(StepTexts.of(e.getValue()), problems.in(f.file()).dialog(f.id()).step(e.getKey()));
            }
        }
        if (folder.interrupts() == null) return;
        wrongForms(StepTexts.of(folder.interrupts()), problems.in(folder.interruptsFile()));
        possibleNo(folder.interrupts().possible(), problems.in(folder.interruptsFile()));
        String crisisId = folder.interrupts().crisisDialog();
        DialogFile crisis = crisisId == null ? null : folder.dialogs().get(crisisId);
        if (crisis != null) crisisDialog(crisis, problems.in(crisis.file()).dialog(crisis.id()));
        // A kind's own crisis dialog (a fall: 112 first) is held to the same: its numbers at once, first in the queue.
        folder.interrupts().crisisKinds().values().stream().distinct().forEach(id -> {
            DialogFile kind = folder.dialogs().get(id);
            if (kind != null && !id.equals(crisisId)) kindDialog(kind, problems.in(kind.file()).dialog(kind.id()));
        });
    }

    /** Whoever answers "no" to the direct question still hears where help is, day and night: 113, in every version. */
    private static void possibleNo(nl.omkijken.engine.Interrupts.DirectQuestion q, Place at) {
        if (q == null) return;
        if (q.no() != null) q.no().byLanguage().forEach((version, text) -> {
            if (!EXACT_113.matcher(text).find()) {
                at.error(ErrorCode.HELPLINE_NUMBER, "possible.no " + version + " lacks " + HELPLINE + ", written exactly so:"
                        + " whoever says no to the direct question hears where help is, day and night");
            }
        });
        // A kind's own no still says where help is: 112, and Veilig Thuis for violence at home.
        // The kind may be the model's wrong guess: its no names 113 too, for whom it was about suicide after all.
        q.kinds().forEach((kind, kq) -> {
            kq.no().byLanguage().forEach((version, text) -> {
                if (!EXACT_112.matcher(text).find() || !EXACT_113.matcher(text).find()) {
                    at.error(ErrorCode.HELPLINE_NUMBER, "possible.kinds." + kind + ".no " + version + " lacks " + EMERGENCY + " or "
                            + HELPLINE + ", written exactly so");
                }
                if (kind.equals("domestic_violence") && !text.contains("0800-2000")) {
                    at.error(ErrorCode.HELPLINE_NUMBER, "possible.kinds.domestic_violence.no " + version + " lacks Veilig Thuis 0800-2000");
                }
            });
            if (kq.silence() != null) kq.silence().byLanguage().forEach((version, text) -> {
                if (!EXACT_112.matcher(text).find()) {
                    at.error(ErrorCode.HELPLINE_NUMBER, "possible.kinds." + kind + ".silence " + version + " lacks " + EMERGENCY + ", written exactly so");
                }
            });
        });
        // Silence is taken as yes: these words stand in for the crisis dialog's first ones, numbers and all.
        if (q.silence() != null) q.silence().byLanguage().forEach((version, text) -> {
            for (var p : List.of(java.util.Map.entry(HELPLINE, EXACT_113), java.util.Map.entry(HELPLINE_FREE, EXACT_FREE),
                    java.util.Map.entry(EMERGENCY, EXACT_112))) {
                if (!p.getValue().matcher(text).find()) {
                    at.error(ErrorCode.HELPLINE_NUMBER, "possible.silence " + version + " lacks " + p.getKey() + ", written exactly so");
                }
            }
        });
    }

    /** A crisis kind's own dialog: 112 in both languages before it waits, and an urgent handoff with its timer. */
    private static void kindDialog(DialogFile d, Place at) {
        List<Step> firstTurn = firstTurn(d.dialog());
        for (String missing : lacking(firstTurn, List.of(EMERGENCY))) {
            at.error(ErrorCode.HELPLINE_NUMBER, "this crisis kind's " + missing + "; before it waits it must give "
                    + EMERGENCY + ", written exactly so");
        }
        Step.Handoff urgent = null;
        for (Step s : firstTurn) if (s instanceof Step.Handoff h && h.priority() == Step.Priority.URGENT) urgent = h;
        if (urgent == null) {
            at.error(ErrorCode.HELPLINE_NUMBER, "this crisis kind's dialog has no handoff with priority urgent in its first"
                    + " turn; add one so staff see the person first");
        } else if (urgent.next() == null && urgent.unanswered() == null) {
            at.error(ErrorCode.HELPLINE_NUMBER, "this crisis kind's urgent handoff '" + urgent.id() + "' has no unanswered;"
                    + " add unanswered: {after: PT5M, say: {...}} so that nobody taking it over alerts staff again");
        } else if (urgent.next() == null && urgent.unanswered().text() != null) {
            for (String lang : List.of("nl", "en")) {
                if (!EXACT_112.matcher(urgent.unanswered().text().in(lang)).find()) {
                    at.error(ErrorCode.HELPLINE_NUMBER, "this crisis kind's unanswered " + lang + " message lacks " + EMERGENCY
                            + ", written exactly so");
                }
            }
        }
    }

    /** Reports every mention of 0113 that is not exactly 0800-0113, and of the national Luisterlijn not as 088-0767000. */
    private static void wrongForms(List<StepTexts.Text> texts, Place at) {
        for (StepTexts.Text t : texts) {
            Matcher l = ANY_0767.matcher(t.text());
            while (l.find()) {
                if (l.group().equals(LISTENING_LINE)) continue;
                at.error(ErrorCode.HELPLINE_NUMBER, t.describe() + " mentions the national Luisterlijn as '" + l.group()
                        + "'; its number is " + LISTENING_LINE + " (day and night; 0900-0767 was its old, paid number); write it exactly so");
            }
            Matcher m = ANY_0113.matcher(t.text());
            while (m.find()) {
                if (isExactFreeNumber(t.text(), m.start(), m.end()) || insideOtherNumber(t.text(), m.start())) continue;
                at.error(ErrorCode.HELPLINE_NUMBER, t.describe() + " mentions the helpline as '" + around(t.text(), m)
                        + "'; the exact number is " + HELPLINE_FREE + " (free), or " + HELPLINE + "; write it exactly so");
            }
        }
    }

    /** True when the match is the 0113 of a correctly written 0800-0113. */
    private static boolean isExactFreeNumber(String text, int start, int end) {
        int from = start - "0800-".length();
        if (from < 0 || end - start != 4) return false;
        Matcher exact = EXACT_FREE.matcher(text);
        return exact.find(from) && exact.start() == from;
    }

    /**
     * True when the match starts inside a group of digits that does not start with 0, such as the 0113 in
     * "regel 10113": that is another number, not a way of writing the helpline. In 08000113 it is the helpline.
     */
    private static boolean insideOtherNumber(String text, int start) {
        int group = start;
        while (group > 0 && Character.isDigit(text.charAt(group - 1))) group--;
        return group < start && text.charAt(group) != '0';
    }

    /** The number as written around the match, for the message. */
    private static String around(String text, Matcher m) {
        int from = m.start();
        while (from > 0 && (Character.isDigit(text.charAt(from - 1)) || "+ .-".indexOf(text.charAt(from - 1)) >= 0)
                && m.start() - from < 8) from--;
        int to = m.end();
        while (to < text.length() && Character.isDigit(text.charAt(to)) && to - m.end() < 6) to++;
        return text.substring(from, to).strip();
    }

    private static void crisisDialog(DialogFile crisis, Place at) {
        List<Step> firstTurn = firstTurn(crisis.dialog());
        // Every version a person can hear in the first turn: written, in "u", on the phone; open and closed.
        for (String missing : lacking(firstTurn, List.of(HELPLINE, HELPLINE_FREE, EMERGENCY))) {
            at.error(ErrorCode.HELPLINE_NUMBER, "the crisis dialog's " + missing + "; before it waits for an answer it must give,"
                    + " written exactly so, 113 and 0800-0113 (free) and 112 in acute danger");
        }
        boolean urgent = false;
        boolean unknown = false; // a priority that could not be read is reported where it is written
        Step.Handoff waiting = null;
        for (Step s : firstTurn) {
            if (s instanceof Step.Handoff h && h.priority() == Step.Priority.URGENT) urgent = true;
            if (s instanceof Step.Handoff h && h.priority() == null) unknown = true;
            if (s instanceof Step.Handoff h && h.next() == null && h.priority() == Step.Priority.URGENT) waiting = h;
        }
        if (!urgent && !unknown) {
            at.error(ErrorCode.HELPLINE_NUMBER, "the crisis dialog has no handoff with priority urgent in its first"
                    + " turn; add a step handoff: {priority: urgent, reason: crisis} so staff see the person first");
        }
        if (waiting != null) unansweredCrisis(waiting, at);
    }

    /**
     * A crisis handoff nobody takes over must not go quiet: it needs the acknowledgement timer
     * ({@code unanswered}), whose message gives the helplines again, written exactly.
     */
    private static void unansweredCrisis(Step.Handoff h, Place at) {
        if (h.unanswered() == null) {
            at.error(ErrorCode.HELPLINE_NUMBER, "the crisis dialog's urgent handoff '" + h.id() + "' has no unanswered;"
                    + " add unanswered: {after: PT5M, say: {nl: \"...\", en: \"...\"}} so that a crisis nobody takes over"
                    + " alerts staff again and the person hears 113, 0800-0113 and 112 once more");
            return;
        }
        if (h.unanswered().text() == null) return; // reported where it is written
        for (String lang : List.of("nl", "en")) {
            List<String> missing = missingNumbers(h.unanswered().text().in(lang));
            if (!missing.isEmpty()) {
                at.error(ErrorCode.HELPLINE_NUMBER, "the crisis dialog's unanswered " + lang + " message lacks "
                        + String.join(", ", missing) + "; it must give, written exactly so, 113 and 0800-0113 (free)"
                        + " and 112 in acute danger");
            }
        }
    }

    /** How a person hears a text: as written, in "u" (the polite Dutch), on the phone, on the phone of a "u" line. */
    private enum Version {
        WRITTEN("messages"), POLITE("messages in \"u\""), PHONE("phone texts"), PHONE_POLITE("phone texts on a \"u\" line");

        final String what;

        Version(String what) {
            this.what = what;
        }

        String pick(nl.omkijken.engine.Localized t, String lang) {
            boolean polite = this == POLITE || this == PHONE_POLITE;
            String written = t.in(lang, polite);
            if (this == PHONE || this == PHONE_POLITE) {
                String phone = t.onPhone(lang);
                return phone != null ? phone : written;
            }
            return written;
        }
    }

    /**
     * What the first turn says, in each language and each {@link Version}, with the line open and closed (a
     * handoff's closed text instead of its own), that lacks one of {@code numbers}: one description per gap.
     */
    private static List<String> lacking(List<Step> firstTurn, List<String> numbers) {
        List<String> out = new ArrayList<>();
        for (String lang : List.of("nl", "en")) {
            // A version that says the same as one checked already (no polite or phone text of its own) is that one.
            Set<String> checked = new HashSet<>();
            for (Version v : Version.values()) {
                if (!lang.equals("nl") && (v == Version.POLITE || v == Version.PHONE_POLITE)) continue;
                for (boolean closed : new boolean[] {false, true}) {
                    StringBuilder said = new StringBuilder();
                    for (Step s : firstTurn) {
                        nl.omkijken.engine.Localized t = s instanceof Step.Say say ? say.text()
                                : s instanceof Step.Handoff h ? (closed && h.closed() != null ? h.closed() : h.text())
                                : s instanceof Step.Ask a ? a.prompt() : s instanceof Step.Collect c ? c.prompt() : null;
                        if (t != null) said.append(v.pick(t, lang)).append('\n');
                    }
                    if (!checked.add(said.toString())) continue;
                    List<String> missing = new ArrayList<>();
                    for (String n : numbers) {
                        Pattern p = n.equals(HELPLINE) ? EXACT_113 : n.equals(HELPLINE_FREE) ? EXACT_FREE : EXACT_112;
                        if (!p.matcher(said).find()) missing.add(n);
                    }
                    if (!missing.isEmpty()) {
                        String gap = lang + " " + v.what + (closed ? " when the line is closed" : "") + " lack " + String.join(", ", missing);
                        // The closed version often is the open one: one message for both.
                        String open = lang + " " + v.what + " lack " + String.join(", ", missing);
                        if (!closed || !out.contains(open)) out.add(gap);
                    }
                }
            }
        }
        return out;
    }

    /** Which of 113, 0800-0113 and 112, written exactly so, {@code text} lacks. */
    private static List<String> missingNumbers(CharSequence text) {
        List<String> missing = new ArrayList<>();
        if (!EXACT_113.matcher(text).find()) missing.add(HELPLINE);
        if (!EXACT_FREE.matcher(text).find()) missing.add(HELPLINE_FREE);
        if (!EXACT_112.matcher(text).find()) missing.add(EMERGENCY);
        return missing;
    }

    /**
     * The steps the engine runs when the dialog starts, up to and including the first that waits or ends;
     * every branch is followed, since any may be taken.
     */
    private static List<Step> firstTurn(Dialog d) {
        List<Step> steps = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        if (d.start() != null) todo.add(d.start());
        while (!todo.isEmpty()) {
            String id = todo.poll();
            Step s = d.step(id);
            if (s == null || !seen.add(id)) continue;
            steps.add(s);
            for (StepLinks.Link link : StepLinks.immediate(s)) todo.add(link.target());
        }
        return steps;
    }
}
