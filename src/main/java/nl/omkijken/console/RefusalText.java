package nl.omkijken.console;

/**
 * The runner's refusals of a worker's action, as a code the page can show in its own language and the
 * Dutch the console speaks by default.
 */
final class RefusalText {
    private RefusalText() {}

    record Refusal(String code, String dutch) {}

    static Refusal of(String reason) {
        if (reason == null) return new Refusal("other", "Dit kan nu niet.");
        if (reason.contains("colleague has taken")) return new Refusal("taken", "Een collega heeft dit gesprek net overgenomen.");
        if (reason.contains("only they can reply")) {
            return new Refusal("only_owner_replies", "Een collega heeft dit gesprek; alleen die kan antwoorden.");
        }
        if (reason.contains("you have this conversation already")) return new Refusal("yours_already", "U heeft dit gesprek al.");
        if (reason.contains("the colleague has this conversation already")) {
            return new Refusal("yours_already", "Dit gesprek is al bij die collega.");
        }
        if (reason.contains("colleague has this")) return new Refusal("colleague_has_it", "Een collega heeft dit gesprek.");
        if (reason.contains("queue you do not serve")) {
            return new Refusal("not_your_queue", "Dit gesprek wacht in een wachtrij die u niet bedient.");
        }
        if (reason.contains("moved on since")) return new Refusal("moved_on", "Het gesprek is intussen verder gegaan.");
        if (reason.contains("does not serve the conversation's queue")) {
            return new Refusal("colleague_not_serving", "Deze collega bedient de wachtrij van dit gesprek niet.");
        }
        if (reason.contains("before replying") || reason.contains("take the conversation over first")) {
            return new Refusal("take_first", "Neem het gesprek eerst over.");
        }
        if (reason.contains("waits in its queue already")) return new Refusal("in_queue", "Het gesprek staat al in de wachtrij.");
        if (reason.contains("nothing to do")) {
            return new Refusal("nothing_open", "Niemand wacht meer in dit gesprek en niemand heeft het: er is niets te doen.");
        }
        if (reason.contains("no such conversation")) return new Refusal("not_found", "Dit gesprek bestaat niet (meer).");
        // A refusal without its own text yet: said plainly, without the runner's English.
        return new Refusal("other", "Dit kan nu niet. Laad het gesprek opnieuw en probeer het nog eens.");
    }
}
