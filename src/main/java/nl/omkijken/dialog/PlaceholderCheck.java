package nl.omkijken.dialog;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.omkijken.engine.Contact;
import nl.omkijken.engine.Step;
import nl.omkijken.engine.Templates;

/**
 * Every placeholder in a text can be filled: {contact.X} with X a contact field, {facts.X} with a fact
 * the runner supplies, {slots.X} with a slot some collect or set step saves. Anything in braces that is
 * not a well-formed placeholder would reach the person as written, so it is reported too.
 */
final class PlaceholderCheck {
    /** Anything in braces on one line: what an author may have meant as a placeholder. */
    private static final Pattern BRACES = Pattern.compile("\\{[^{}\\n]*}");

    private PlaceholderCheck() {}

    static void run(Folder folder, Problems problems) {
        Set<String> slots = savedSlots(folder);
        for (DialogFile f : folder.files()) {
            for (Map.Entry<String, Step> e : f.dialog().steps().entrySet()) {
                check(StepTexts.of(e.getValue()), slots, problems.in(f.file()).dialog(f.id()).step(e.getKey()));
            }
        }
        if (folder.interrupts() != null) {
            check(StepTexts.of(folder.interrupts()), slots, problems.in(folder.interruptsFile()));
        }
    }

    /** Slots written by a collect or set step in any dialog. */
    static Set<String> savedSlots(Folder folder) {
        Set<String> slots = new HashSet<>();
        for (DialogFile f : folder.files()) {
            for (Step s : f.dialog().steps().values()) {
                if (s instanceof Step.Collect c && c.slot() != null) slots.add(c.slot());
                if (s instanceof Step.SetValues set) slots.addAll(set.values().keySet());
                if (s instanceof Step.Ask a && a.several() != null) slots.add(a.several());
                if (s instanceof Step.Ask a && a.keep() != null) slots.add(a.keep());
                // A booked talk's time: kept by the step that books it and the one that finds it.
                if (s instanceof Step.Book || s instanceof Step.Appointment) slots.add(nl.omkijken.engine.Engine.APPOINTMENT_SLOT);
                if (s instanceof Step.Book) {
                    slots.add(nl.omkijken.engine.Engine.INVITE_SLOT);
                    slots.add(nl.omkijken.engine.Engine.REMINDED_SLOT);
                }
                if (s instanceof Step.Appointment a && a.district() != null) slots.add(a.district());
            }
        }
        return slots;
    }

    private static void check(List<StepTexts.Text> texts, Set<String> slots, Place at) {
        Set<String> reported = new HashSet<>(); // the nl and en texts usually share their placeholders
        for (StepTexts.Text t : texts) {
            Matcher m = BRACES.matcher(t.text());
            while (m.find()) {
                String found = m.group();
                String problem = problem(found, slots);
                if (problem != null && reported.add(t.key() + "\u0000" + found)) {
                    at.error(ErrorCode.UNKNOWN_PLACEHOLDER, t.describe() + " has " + found + ": " + problem);
                }
            }
        }
    }

    /** Why a braced text cannot be filled, or null when it can. */
    private static String problem(String braced, Set<String> slots) {
        Matcher p = Templates.PLACEHOLDER.matcher(braced);
        if (!p.matches()) {
            return "not a placeholder; write {contact.NAME}, {slots.NAME} or {facts.NAME} in lower case, optionally"
                    + " with a fallback after | as in {contact.first_name|daar}";
        }
        String namespace = p.group(1);
        String name = p.group(2);
        switch (namespace) {
            case "contact":
                return Contact.FIELDS.contains(name) ? null
                        : "contact has no field '" + name + "'; use one of " + sorted(Contact.FIELDS);
            case "facts":
                return Templates.FACTS.contains(name) ? null
                        : "there is no fact '" + name + "'; use one of " + sorted(Templates.FACTS);
            case "slots":
                return slots.contains(name) ? null
                        : "no collect or set step in any dialog saves the slot '" + name + "'; fix the name or save"
                        + " it first" + TargetCheck.suggest(name, slots);
            default:
                return "'" + namespace + "' is not a namespace; use contact, slots or facts";
        }
    }

    private static String sorted(Set<String> names) {
        return String.join(", ", new TreeSet<>(names));
    }
}
