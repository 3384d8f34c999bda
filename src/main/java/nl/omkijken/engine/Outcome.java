package nl.omkijken.engine;

import java.util.Locale;

/** The closed set of ways a conversation can end; reports count these. */
public enum Outcome {
    COMPLETED, HANDED_OFF, CALLBACK_REQUESTED, CHECKIN_OK, CHECKIN_ABSENT, NO_RESPONSE,
    OPTED_OUT, CRISIS, INFORMATION_GIVEN, ABANDONED;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static Outcome fromId(String id) {
        for (Outcome o : values()) if (o.id().equals(id)) return o;
        return null;
    }
}
