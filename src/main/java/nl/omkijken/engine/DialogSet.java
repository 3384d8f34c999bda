package nl.omkijken.engine;

import java.util.Map;
import java.util.Set;

/** Every dialog the service runs, the entry dialog of each line, the interrupts, the referrals and the phone's texts. */
public record DialogSet(Map<String, Dialog> dialogs, Interrupts interrupts, Set<String> intents, Referrals referrals,
                        PhoneTexts phone) {
    public DialogSet {
        dialogs = Map.copyOf(dialogs);
        intents = Set.copyOf(intents);
        referrals = referrals == null ? Referrals.NONE : referrals;
        phone = phone == null ? PhoneTexts.NONE : phone;
    }

    public DialogSet(Map<String, Dialog> dialogs, Interrupts interrupts, Set<String> intents, Referrals referrals) {
        this(dialogs, interrupts, intents, referrals, PhoneTexts.NONE);
    }

    public DialogSet(Map<String, Dialog> dialogs, Interrupts interrupts, Set<String> intents) {
        this(dialogs, interrupts, intents, Referrals.NONE);
    }

    /** The dialog with this id, or null; also null for a null id (a conversation that has not started). */
    public Dialog dialog(String id) { return id == null ? null : dialogs.get(id); }

    /** The dialog that opens conversations of a line, or null. */
    public Dialog entryOf(String line) {
        for (Dialog d : dialogs.values()) if (line.equals(d.line())) return d;
        return null;
    }

    /** The dialog that answers the line's phone calls (callers wait on the line), or null: calls open the entry dialog. */
    public Dialog callEntryOf(String line) {
        if (line == null) return null;
        for (Dialog d : dialogs.values()) if (line.equals(d.calls())) return d;
        return null;
    }

    /** Whether a caller to this line who waits for a worker waits on the line (else the call ends, and a worker calls back). */
    public boolean holdsCalls(String line) {
        return callEntryOf(line) != null;
    }

    /** How a line addresses people in Dutch (the register its dialogs state), or null when none says. */
    public Dialog.Register registerOf(String line) {
        if (line == null) return null;
        for (Dialog d : dialogs.values()) if (line.equals(d.line()) && d.register() != null) return d.register();
        return null;
    }

    public java.util.List<String> lines() {
        return dialogs.values().stream().map(Dialog::line).filter(l -> l != null).sorted().toList();
    }
}
