package nl.omkijken.runner;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import nl.omkijken.engine.Outcome;
import nl.omkijken.engine.Ownership;
import nl.omkijken.handoff.Handoff;
import nl.omkijken.handoff.HandoffAction;
import nl.omkijken.handoff.HandoffRefused;
import org.junit.jupiter.api.Test;

/** Who may do what with a conversation, and what each action does: every rule and every refusal. */
class StaffRulesTest {
    private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");
    private static final StaffAction.Staff ANNA = new StaffAction.Staff("a", "Anna", false);
    private static final StaffAction.Staff BERT = new StaffAction.Staff("b", "Bert", false);
    private static final StaffAction.Staff COR = new StaffAction.Staff("c", "Cor", true);

    private static Handoff waiting() {
        return new Handoff("conv", "luisterlijn", Handoff.Kind.LIVE, null, "talk_to_human", Handoff.State.WAITING, T, null, T);
    }

    private static Handoff claimedBy(String who) {
        return new Handoff("conv", "luisterlijn", Handoff.Kind.LIVE, null, "talk_to_human", Handoff.State.CLAIMED, T, who, T);
    }

    private static Handoff closed() {
        return new Handoff("conv", "luisterlijn", Handoff.Kind.LIVE, null, "talk_to_human", Handoff.State.RESOLVED, T, "a", T);
    }

    private static void ok(Handoff h, StaffAction a) {
        assertDoesNotThrow(() -> StaffRules.check(h, a), a.toString());
    }

    private static void refused(Handoff h, StaffAction a) {
        assertThrows(HandoffRefused.class, () -> StaffRules.check(h, a), a.toString());
    }

    @Test
    void nothingOpenNothingToDo() {
        for (Handoff h : new Handoff[] {null, closed()}) {
            refused(h, new StaffAction.TakeOver(ANNA));
            refused(h, new StaffAction.Reply(ANNA, "hoi"));
            refused(h, new StaffAction.Close(COR, Outcome.COMPLETED));
        }
    }

    @Test
    void aWaitingConversation() {
        ok(waiting(), new StaffAction.TakeOver(ANNA));
        refused(waiting(), new StaffAction.Reply(ANNA, "hoi"));
        refused(waiting(), new StaffAction.GiveBack(ANNA));
        refused(waiting(), new StaffAction.GiveBack(COR));
        refused(waiting(), new StaffAction.HandBack(ANNA, null));
        refused(waiting(), new StaffAction.Close(ANNA, Outcome.COMPLETED));
        ok(waiting(), new StaffAction.Close(COR, Outcome.COMPLETED));
        refused(waiting(), new StaffAction.Transfer(ANNA, "helpdesk"));
        ok(waiting(), new StaffAction.Transfer(COR, "helpdesk"));
        refused(waiting(), new StaffAction.Transfer(COR, " "));
        ok(waiting(), new StaffAction.Assign(COR, BERT));
        refused(waiting(), new StaffAction.Assign(ANNA, BERT));
    }

    @Test
    void aConversationAWorkerHas() {
        Handoff annas = claimedBy("a");
        refused(annas, new StaffAction.TakeOver(ANNA));
        refused(annas, new StaffAction.TakeOver(BERT));
        ok(annas, new StaffAction.Reply(ANNA, "hoi"));
        refused(annas, new StaffAction.Reply(BERT, "hoi"));
        refused(annas, new StaffAction.Reply(COR, "hoi"));
        for (StaffAction.Staff who : List.of(ANNA, COR)) {
            ok(annas, new StaffAction.GiveBack(who));
            ok(annas, new StaffAction.HandBack(who, null));
            ok(annas, new StaffAction.Transfer(who, "helpdesk"));
            ok(annas, new StaffAction.Close(who, Outcome.INFORMATION_GIVEN));
            ok(annas, new StaffAction.Assign(who, BERT));
        }
        refused(annas, new StaffAction.GiveBack(BERT));
        refused(annas, new StaffAction.HandBack(BERT, null));
        refused(annas, new StaffAction.Close(BERT, Outcome.COMPLETED));
        refused(annas, new StaffAction.Assign(ANNA, ANNA));
    }

    @Test
    void whatEachActionDoes() {
        assertEquals(List.of(new HandoffAction.Claim("a", T)), StaffRules.transitions(new StaffAction.TakeOver(ANNA), T, waiting()));
        assertEquals(List.of(new HandoffAction.Release(T), new HandoffAction.Claim("b", T)),
                StaffRules.transitions(new StaffAction.Assign(ANNA, BERT), T, claimedBy("a")));
        assertEquals(List.of(new HandoffAction.Resolve(T)), StaffRules.transitions(new StaffAction.HandBack(ANNA, null), T, claimedBy("a")));
        assertEquals("closed:information_given", StaffRules.eventCode(new StaffAction.Close(ANNA, Outcome.INFORMATION_GIVEN)));
        assertEquals("transferred:helpdesk", StaffRules.eventCode(new StaffAction.Transfer(ANNA, "helpdesk")));
        assertEquals("assigned:Bert", StaffRules.eventCode(new StaffAction.Assign(ANNA, BERT)));
        assertEquals("handed_back", StaffRules.eventCode(new StaffAction.HandBack(ANNA, null)));
        assertEquals("taken_over", StaffRules.eventCode(new StaffAction.TakeOver(ANNA)));

        assertEquals(Ownership.AGENT, StaffRules.ownershipAfter(Ownership.WAITING, claimedBy("a")));
        assertEquals(Ownership.WAITING, StaffRules.ownershipAfter(Ownership.AGENT, waiting()));
        Handoff task = new Handoff("conv", "luisterlijn", Handoff.Kind.CALLBACK, null, "callback", Handoff.State.WAITING, T, null, T);
        assertEquals(Ownership.BOT, StaffRules.ownershipAfter(Ownership.AGENT, task), "a call-back task back in its queue: the bot goes on");
        assertEquals(Ownership.CLOSED, StaffRules.ownershipAfter(Ownership.AGENT, closed()));
        assertEquals(Ownership.BOT, StaffRules.ownershipAfter(Ownership.BOT, closed()), "a closed task leaves a bot conversation alone");
    }

    @Test
    void theQueueAndTheOwnerAreCheckedUnderTheLock() {
        StaffAction.Staff helpdeskOnly = new StaffAction.Staff("h", "Hanna", false, q -> q.startsWith("helpdesk"));
        refused(waiting(), new StaffAction.TakeOver(helpdeskOnly));
        refused(claimedBy("a"), new StaffAction.Assign(ANNA, helpdeskOnly));
        refused(claimedBy("b"), new StaffAction.GiveBack(COR, "a"));
        ok(claimedBy("a"), new StaffAction.GiveBack(COR, "a"));
        ok(null, new StaffAction.Note(ANNA, "for colleagues"));
        ok(closed(), new StaffAction.Note(ANNA, "also on a closed conversation"));
    }
}
