package nl.omkijken.dialog;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import nl.omkijken.engine.Dialog;
import nl.omkijken.engine.Localized;
import nl.omkijken.engine.Step;

/**
 * Every Dutch text addresses the person as its line does: "u" on the Telefooncirkel and the helpdesk,
 * "je" on the Luisterlijn (a dialog's {@code register:}; a dialog without one takes its line's). A text a
 * "je" line and a "u" line share (the crisis dialog, interrupts.yaml) is written without either, or in
 * "je" with a polite variant {@code nl_u} that uses "u"; a line that says "u" never hears "je".
 */
final class RegisterCheck {
    static final Set<String> JE = Set.of("je", "jij", "jou", "jouw", "jezelf", "jijzelf");
    static final Set<String> U = Set.of("u", "uw", "uzelf");

    private RegisterCheck() {}

    static void run(Folder folder, Problems problems) {
        Map<String, Dialog.Register> byLine = new HashMap<>();
        for (DialogFile f : folder.files()) {
            Dialog d = f.dialog();
            if (d.line() == null || d.register() == null) continue;
            Dialog.Register earlier = byLine.putIfAbsent(d.line(), d.register());
            if (earlier != null && earlier != d.register()) {
                problems.in(f.file()).dialog(d.id()).error(ErrorCode.INVALID_VALUE, "register: " + name(d.register())
                        + ", but another dialog of the line " + d.line() + " says " + name(earlier) + "; a line speaks one way");
            }
        }
        // A shared text must suit the registers the lines actually speak: "je" matters only with a "u" line.
        Set<Dialog.Register> spoken = java.util.EnumSet.noneOf(Dialog.Register.class);
        for (DialogFile f : folder.files()) if (f.dialog().register() != null) spoken.add(f.dialog().register());
        for (DialogFile f : folder.files()) {
            Dialog d = f.dialog();
            Dialog.Register register = d.register() != null ? d.register() : d.line() == null ? null : byLine.get(d.line());
            for (Map.Entry<String, Step> e : d.steps().entrySet()) {
                check(StepTexts.of(e.getValue()), register, spoken, problems.in(f.file()).dialog(d.id()).step(e.getKey()));
            }
        }
        if (folder.interrupts() != null) check(StepTexts.of(folder.interrupts()), null, spoken, problems.in(folder.interruptsFile()));
    }

    /**
     * @param register the dialog's, or null for a text shared by every line
     * @param spoken   the registers the folder's lines speak
     */
    private static void check(List<StepTexts.Text> texts, Dialog.Register register, Set<Dialog.Register> spoken, Place at) {
        Map<String, StepTexts.Text> polite = new HashMap<>();
        for (StepTexts.Text t : texts) if (Localized.POLITE_DUTCH.equals(t.language())) polite.put(t.key(), t);
        for (StepTexts.Text t : texts) {
            if (t.language() == null) continue;
            boolean je = has(t.text(), JE);
            boolean u = has(t.text(), U);
            if (Localized.POLITE_DUTCH.equals(t.language())) {
                if (je) at.error(ErrorCode.INVALID_VALUE, "the nl_u text of " + t.key() + " says \"je\"; the polite variant says \"u\"");
                if (register != null) {
                    at.error(ErrorCode.INVALID_VALUE, "the nl_u text of " + t.key() + " is for texts every line shares; this dialog"
                            + " says " + name(register) + " itself: write its nl text that way");
                }
                continue;
            }
            if (!"nl".equals(t.language())) continue;
            if (register == Dialog.Register.U && je) {
                at.error(ErrorCode.INVALID_VALUE, t.describe() + " says \"je\", but this line says \"u\": " + t.text());
            } else if (register == Dialog.Register.JE && u) {
                at.error(ErrorCode.INVALID_VALUE, t.describe() + " says \"u\", but this line says \"je\": " + t.text());
            } else if (register == null && u && spoken.contains(Dialog.Register.JE)) {
                at.error(ErrorCode.INVALID_VALUE, t.describe() + " is shared by every line and says \"u\"; write it without \"je\" and"
                        + " \"u\", or in \"je\" with a polite variant nl_u");
            } else if (register == null && je && !polite.containsKey(t.key()) && spoken.contains(Dialog.Register.U)) {
                at.error(ErrorCode.INVALID_VALUE, t.describe() + " is shared by every line and says \"je\", which the lines that say"
                        + " \"u\" would hear; add nl_u: \"...\" with \"u\", or write it without either");
            }
        }
    }

    /** Whether a text holds one of the words (placeholders left out). */
    static boolean has(String text, Set<String> words) {
        String plain = text.replaceAll("\\{[^{}]*}", " ").toLowerCase(Locale.ROOT);
        for (String w : plain.split("[^\\p{L}]+")) if (words.contains(w)) return true;
        return false;
    }

    private static String name(Dialog.Register r) {
        return r == Dialog.Register.U ? "u" : "je";
    }
}
