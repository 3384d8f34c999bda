package nl.omkijken.circle;

import java.util.List;

/**
 * Where a participant's day stands, from its steps: settled (reached, safe, away) wins over any step of the
 * ladder; otherwise the furthest step the ladder got to. What the console shows as one word per participant.
 */
public enum CheckInState {
    /** Nothing happened yet today. */
    PLANNED,
    /** Called; not reached so far. */
    CALLING,
    /** The text message went (or could not). */
    TEXTED,
    /** A contact person or key holder is asked, or going to look. */
    CONTACT,
    /** The coordinator has the task. */
    COORDINATOR,
    /** Away today: not called, no alarm. */
    AWAY,
    /** They answered the call or the text, confirmed their link in a chain, or a contact person said all is well. */
    REACHED,
    /** A worker marked them safe. */
    SAFE;

    public static CheckInState of(List<CheckInLog.Entry> entries) {
        CheckInState furthest = PLANNED;
        for (CheckInLog.Entry e : entries) {
            // A call-back request and its outcome are the worker's, beside the ladder: they do not settle a day nor open it.
            if (e.step() == CheckInLog.Step.CALLBACK_ASKED || e.step() == CheckInLog.Step.CALLBACK_HANDLED) continue;
            CheckInState s = switch (e.step()) {
                case MARKED_SAFE -> SAFE;
                case ANSWERED, TEXT_ANSWERED, SAFE_BY_CONTACT, CONFIRMED -> REACHED;
                case AWAY -> AWAY;
                case COORDINATOR, NEEDS_HELP -> COORDINATOR;
                case ASKED, NOT_ASKED, GOING, CANNOT, NO_ANSWER -> CONTACT;
                case TEXTED, NOT_TEXTED -> TEXTED;
                case CALLED, NOT_REACHED, WINDOW_CLOSED, LINK_MISSED, CALLBACK_ASKED, CALLBACK_HANDLED -> CALLING;
            };
            // Settled states are final for the day; a picked-up call that was hung up reopens it (NOT_REACHED after it).
            if (s == SAFE) return SAFE;
            if (furthest == REACHED && e.step() == CheckInLog.Step.NOT_REACHED && e.detail().endsWith("|hung_up")) {
                furthest = CALLING;
                continue;
            }
            if (s.ordinal() > furthest.ordinal()) furthest = s;
        }
        return furthest;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
