package nl.omkijken.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.omkijken.engine.Event;
import nl.omkijken.engine.Step;
import nl.omkijken.handoff.Handoff;
import org.junit.jupiter.api.Test;

/** Which turns on a closed line call the on-call phone: once per urgent request, again when unanswered. */
class OnCallAlertTaskTest {
    private static final Instant T = Instant.parse("2026-12-25T02:00:00Z");

    private static Handoff waiting(boolean urgent) {
        return new Handoff("c", "luisterlijn", Handoff.Kind.LIVE, urgent ? T : null, urgent ? "crisis" : "talk_to_human",
                Handoff.State.WAITING, T.minusSeconds(600), null, T);
    }

    @Test
    void onceWhenItBecomesUrgentAndAgainWhenUnanswered() {
        Task first = OnCallAlert.taskFor(waiting(false), waiting(true), List.of(), "c", "luisterlijn", "c-x");
        assertNotNull(first, "a crisis in a waiting conversation");
        assertEquals("alert-on-call:c:" + T.toEpochMilli(), first.id());
        assertNotNull(OnCallAlert.taskFor(null, waiting(true), List.of(), "c", "luisterlijn", "c-x"), "a first message in crisis");
        assertNull(OnCallAlert.taskFor(waiting(true), waiting(true), List.of(), "c", "luisterlijn", "c-x"),
                "the same urgent request again: no second text");
        Task again = OnCallAlert.taskFor(waiting(true), waiting(true),
                List.of(new Event.HandoffUnanswered("luisterlijn", Step.Priority.URGENT, "crisis", Duration.ofMinutes(5))),
                "c", "luisterlijn", "c-x");
        assertEquals("alert-on-call:c:" + T.toEpochMilli() + ":unanswered", again.id());
        Handoff claimed = new Handoff("c", "luisterlijn", Handoff.Kind.LIVE, T, "crisis", Handoff.State.CLAIMED, T, "w", T);
        assertNull(OnCallAlert.taskFor(waiting(false), claimed, List.of(), "c", "luisterlijn", "c-x"), "a worker has it");
        assertNull(OnCallAlert.taskFor(null, waiting(false), List.of(), "c", "luisterlijn", "c-x"), "not urgent");
    }
}
