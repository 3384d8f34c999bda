package nl.omkijken.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import nl.omkijken.handoff.Handoff.Kind;
import nl.omkijken.handoff.Handoff.State;
import nl.omkijken.handoff.HandoffTransitions.Transition;
import org.junit.jupiter.api.Test;

/** The transition table, row by row, with the queue change each transition makes. */
class HandoffTransitionsTest {
    private static final String CONV = "c1";
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private static Transition apply(Handoff h, HandoffAction a) {
        return HandoffTransitions.apply(CONV, h, a);
    }

    private static HandoffAction.Request ask(String queue, boolean urgent, long second) {
        return new HandoffAction.Request(queue, Kind.LIVE, urgent, urgent ? "crisis" : "talk_to_human", T0.plusSeconds(second));
    }

    private static Handoff waiting() {
        return apply(null, ask("luisterlijn", false, 0)).handoff();
    }

    @Test
    void aFirstRequestJoinsItsQueueAtItsRequestTime() {
        Transition t = apply(null, ask("luisterlijn", false, 0));
        assertEquals(State.WAITING, t.handoff().state());
        assertEquals(new QueueChange(null, "luisterlijn", T0.toEpochMilli()), t.queue());
    }

    @Test
    void theFirstTakeIsRememberedThroughAGiveBackAndASecondTake() {
        Handoff taken = apply(waiting(), new HandoffAction.Claim("w1", T0.plusSeconds(60))).handoff();
        assertEquals(T0.plusSeconds(60), taken.takenAt());
        Handoff back = apply(taken, new HandoffAction.Release(T0.plusSeconds(90))).handoff();
        assertEquals(T0.plusSeconds(60), back.takenAt());
        Handoff again = apply(back, new HandoffAction.Claim("w2", T0.plusSeconds(300))).handoff();
        assertEquals(T0.plusSeconds(60), again.takenAt());
        assertNull(waiting().takenAt());
    }

    @Test
    void anUrgentFirstRequestGoesBeforeEveryNormalOne() {
        Transition t = apply(null, ask("luisterlijn", true, 30));
        assertEquals(T0.plusSeconds(30).toEpochMilli() - Handoff.URGENT_OFFSET_MILLIS, t.queue().score());
    }

    @Test
    void askingAgainKeepsThePlaceAndACrisisMovesItAmongTheUrgent() {
        Handoff h = waiting();
        Transition again = apply(h, ask("luisterlijn", false, 40));
        assertEquals(h, again.handoff(), "nothing changes");
        assertEquals(QueueChange.NONE, again.queue());
        Transition crisis = apply(h, ask("luisterlijn", true, 50));
        assertEquals(T0.plusSeconds(50), crisis.handoff().urgentSince());
        assertEquals("crisis", crisis.handoff().reason());
        assertEquals(new QueueChange(null, "luisterlijn", T0.plusSeconds(50).toEpochMilli() - Handoff.URGENT_OFFSET_MILLIS),
                crisis.queue());
    }

    @Test
    void aCallBackNotReachedWaitsAtItsPlaceUntilItsNewTimeAndCountsTheAttempt() {
        Handoff task = apply(null, new HandoffAction.Request("telefooncirkel", Kind.CALLBACK, false, "callback_request", T0)).handoff();
        Handoff claimed = apply(task, new HandoffAction.Claim("w1", T0.plusSeconds(60))).handoff();
        Instant later = T0.plusSeconds(7200);
        Transition retry = apply(claimed, new HandoffAction.Retry(later, T0.plusSeconds(120)));
        assertEquals(State.WAITING, retry.handoff().state());
        assertNull(retry.handoff().owner());
        assertEquals(later, retry.handoff().dueAt());
        assertEquals(1, retry.handoff().attempts());
        assertEquals(new QueueChange(null, "telefooncirkel", T0.toEpochMilli() + Handoff.CALLBACK_OFFSET_MILLIS), retry.queue(),
                "back at its old place among the call-backs");
        assertEquals(false, retry.handoff().dueBy(T0.plusSeconds(3600)));
        assertEquals(true, retry.handoff().dueBy(later));
        // Taken and not reached again: two attempts; the time carries through a transfer.
        Handoff again = apply(apply(retry.handoff(), new HandoffAction.Claim("w2", later)).handoff(),
                new HandoffAction.Retry(later.plusSeconds(3600), later.plusSeconds(60))).handoff();
        assertEquals(2, again.attempts());
        assertEquals(later.plusSeconds(3600), apply(again, new HandoffAction.Transfer("luisterlijn", later.plusSeconds(90))).handoff().dueAt());
        // The person now waits in the conversation, or is in crisis: no later time holds them back.
        assertNull(apply(again, new HandoffAction.Request("telefooncirkel", Kind.LIVE, false, "talk", later.plusSeconds(99))).handoff().dueAt());
    }

    @Test
    void onlyACallBackAWorkerHasIsTriedAgainAndOnlyLater() {
        Handoff live = apply(waiting(), new HandoffAction.Claim("w1", T0.plusSeconds(5))).handoff();
        assertEquals("not_a_callback", assertThrows(HandoffRefused.class,
                () -> apply(live, new HandoffAction.Retry(T0.plusSeconds(3600), T0.plusSeconds(9)))).code());
        Handoff task = apply(null, new HandoffAction.Request("telefooncirkel", Kind.CALLBACK, false, "callback_request", T0)).handoff();
        assertThrows(HandoffRefused.class, () -> apply(task, new HandoffAction.Retry(T0.plusSeconds(3600), T0.plusSeconds(9))),
                "nobody has it");
        Handoff claimed = apply(task, new HandoffAction.Claim("w1", T0.plusSeconds(5))).handoff();
        assertEquals("retry_time", assertThrows(HandoffRefused.class,
                () -> apply(claimed, new HandoffAction.Retry(T0.plusSeconds(5), T0.plusSeconds(9)))).code());
        // An urgent call-back (a crisis arrived, or the check-in alarm) is never put off.
        Handoff alarm = apply(null, new HandoffAction.Request("telefooncirkel", Kind.CALLBACK, true, "no_response", T0)).handoff();
        Handoff taken = apply(alarm, new HandoffAction.Claim("w1", T0.plusSeconds(5))).handoff();
        assertEquals("urgent", assertThrows(HandoffRefused.class,
                () -> apply(taken, new HandoffAction.Retry(T0.plusSeconds(3600), T0.plusSeconds(9)))).code());
    }

    @Test
    void aLiveRequestTurnsACallBackTaskIntoAWait() {
        Handoff task = apply(null, new HandoffAction.Request("telefooncirkel", Kind.CALLBACK, false, "callback_request", T0)).handoff();
        Handoff live = apply(task, new HandoffAction.Request("telefooncirkel", Kind.LIVE, false, "talk", T0.plusSeconds(9))).handoff();
        assertEquals(Kind.LIVE, live.kind());
        assertEquals(T0, live.requestedAt(), "at its old place");
    }

    @Test
    void claimLeavesTheQueueReleaseComesBackAtTheOldPlace() {
        Transition claim = apply(waiting(), new HandoffAction.Claim("w1", T0.plusSeconds(60)));
        assertEquals(State.CLAIMED, claim.handoff().state());
        assertEquals("w1", claim.handoff().owner());
        assertEquals(new QueueChange("luisterlijn", null, 0), claim.queue());
        Transition release = apply(claim.handoff(), new HandoffAction.Release(T0.plusSeconds(90)));
        assertEquals(State.WAITING, release.handoff().state());
        assertNull(release.handoff().owner());
        assertEquals(new QueueChange(null, "luisterlijn", T0.toEpochMilli()), release.queue());
    }

    @Test
    void aRequestWhileAWorkerHasItStaysWithTheWorker() {
        Handoff claimed = apply(waiting(), new HandoffAction.Claim("w1", T0.plusSeconds(60))).handoff();
        Transition crisis = apply(claimed, ask("luisterlijn", true, 70));
        assertEquals(State.CLAIMED, crisis.handoff().state());
        assertEquals("w1", crisis.handoff().owner());
        assertEquals(QueueChange.NONE, crisis.queue(), "not back into the queue");
    }

    @Test
    void transferMovesItWithItsTime() {
        Transition t = apply(waiting(), new HandoffAction.Transfer("helpdesk", T0.plusSeconds(5)));
        assertEquals(new QueueChange("luisterlijn", "helpdesk", T0.toEpochMilli()), t.queue());
        Handoff claimed = apply(waiting(), new HandoffAction.Claim("w1", T0.plusSeconds(5))).handoff();
        assertEquals(new QueueChange(null, "helpdesk", T0.toEpochMilli()),
                apply(claimed, new HandoffAction.Transfer("helpdesk", T0.plusSeconds(6))).queue());
    }

    @Test
    void resolveAndExpireLeaveTheQueueAndANewRequestStartsAtTheBack() {
        Transition resolved = apply(waiting(), new HandoffAction.Resolve(T0.plusSeconds(5)));
        assertEquals(State.RESOLVED, resolved.handoff().state());
        assertEquals(new QueueChange("luisterlijn", null, 0), resolved.queue());
        Transition expired = apply(waiting(), new HandoffAction.Expire(T0.plusSeconds(5)));
        assertEquals(State.EXPIRED, expired.handoff().state());
        Transition later = apply(resolved.handoff(), ask("luisterlijn", false, 3600));
        assertEquals(new QueueChange(null, "luisterlijn", T0.plusSeconds(3600).toEpochMilli()), later.queue(),
                "months later: at the back, not at the old place");
    }

    @Test
    void actionsThatDoNotApplyAreRefused() {
        Handoff claimed = apply(waiting(), new HandoffAction.Claim("w1", T0)).handoff();
        assertThrows(HandoffRefused.class, () -> apply(claimed, new HandoffAction.Claim("w2", T0)));
        assertThrows(HandoffRefused.class, () -> apply(waiting(), new HandoffAction.Release(T0)));
        assertThrows(HandoffRefused.class, () -> apply(null, new HandoffAction.Claim("w1", T0)));
        Handoff closed = apply(waiting(), new HandoffAction.Resolve(T0)).handoff();
        assertThrows(HandoffRefused.class, () -> apply(closed, new HandoffAction.Resolve(T0)));
        assertThrows(HandoffRefused.class, () -> apply(waiting(), new HandoffAction.Claim(" ", T0)));
        Transition nothing = apply(closed, new HandoffAction.Expire(T0));
        assertSame(closed, nothing.handoff());
        assertEquals(QueueChange.NONE, nothing.queue());
    }
}
