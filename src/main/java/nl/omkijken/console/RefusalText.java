package nl.omkijken.console;

/** The runner's refusals of a worker's action, in the Dutch the console speaks. */
final class RefusalText {
    private RefusalText() {}

    static String dutch(String reason) {
        if (reason == null) return "Dit kan nu niet.";
        if (reason.contains("colleague has taken")) return "Een collega heeft dit gesprek net overgenomen.";
        if (reason.contains("only they can reply")) return "Een collega heeft dit gesprek; alleen die kan antwoorden.";
        if (reason.contains("colleague has this")) return "Een collega heeft dit gesprek.";
        if (reason.contains("you have this conversation already")) return "U heeft dit gesprek al.";
        if (reason.contains("before replying") || reason.contains("take the conversation over first")) {
            return "Neem het gesprek eerst over.";
        }
        if (reason.contains("waits in its queue already")) return "Het gesprek staat al in de wachtrij.";
        if (reason.contains("nothing to do")) return "Niemand wacht meer in dit gesprek en niemand heeft het: er is niets te doen.";
        if (reason.contains("no such conversation")) return "Dit gesprek bestaat niet (meer).";
        return "Dit kan nu niet: " + reason;
    }
}
