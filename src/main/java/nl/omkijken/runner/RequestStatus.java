package nl.omkijken.runner;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import nl.omkijken.engine.Interrupts;
import nl.omkijken.engine.SpokenTime;
import nl.omkijken.handoff.Handoff;

/**
 * Where the person's request for a human stands, as facts for the dialogs' status answer ("wanneer hoor
 * ik iets?"): {@code request} (one of the states of {@link nl.omkijken.engine.Interrupts.Status}),
 * {@code request_since} (when it was made, as said to a person) and, for a call-back planned later,
 * {@code request_due}. Only what the handoff record says: no promise beyond it. Pure.
 */
final class RequestStatus {
    /** A finished request is still spoken of this long after; then it is a new conversation's business. */
    static final Duration REMEMBERED = Duration.ofDays(14);

    private RequestStatus() {}

    /** @param lineHours the line's hours facts now (a closed line: "waiting_closed") */
    static Map<String, String> facts(Handoff h, Instant now, Map<String, String> lineHours, String language) {
        if (h == null) return Map.of();
        ZonedDateTime here = now.atZone(DutchTime.ZONE);
        String state;
        Map<String, String> out = new HashMap<>();
        switch (h.state()) {
            case WAITING -> {
                if (h.dueAt() != null && h.dueAt().isAfter(now)) {
                    state = "waiting_later";
                    out.put("request_due", SpokenTime.describe(h.dueAt().atZone(DutchTime.ZONE), here, language));
                } else if ("false".equals(lineHours.get("line_open"))) {
                    state = "waiting_closed";
                } else {
                    // A worker passed it on to colleagues elsewhere: said so, not that nobody reacted yet.
                    state = h.passedOnAt() != null ? Interrupts.Status.PASSED_ON : "waiting";
                }
            }
            case CLAIMED -> state = "with_worker";
            case RESOLVED, EXPIRED -> {
                if (Duration.between(h.changedAt(), now).compareTo(REMEMBERED) > 0) return Map.of();
                state = h.state() == Handoff.State.RESOLVED ? "done" : "left";
            }
            default -> throw new IllegalStateException("unknown handoff state " + h.state());
        }
        out.put("request", state);
        out.put("request_since", SpokenTime.describe(h.requestedAt().atZone(DutchTime.ZONE), here, language));
        return out;
    }
}
