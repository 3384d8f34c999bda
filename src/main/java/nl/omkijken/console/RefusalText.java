package nl.omkijken.console;

import java.util.Map;
import nl.omkijken.handoff.HandoffRefused;

/** The runner's refusals of a worker's action, by their code, in the Dutch the console speaks (the page translates the code). */
final class RefusalText {
    private RefusalText() {}

    private static final Map<String, String> DUTCH = Map.ofEntries(
            Map.entry("taken", "Een collega heeft dit gesprek net overgenomen."),
            Map.entry("only_owner_replies", "Een collega heeft dit gesprek; alleen die kan antwoorden."),
            Map.entry("colleague_has_it", "Een collega heeft dit gesprek."),
            Map.entry("yours_already", "U heeft dit gesprek al."),
            Map.entry("colleague_already", "Dit gesprek is al bij die collega."),
            Map.entry("not_your_queue", "Dit gesprek wacht in een wachtrij die u niet bedient."),
            Map.entry("moved_on", "Het gesprek is intussen verder gegaan."),
            Map.entry("colleague_not_serving", "Deze collega bedient de wachtrij van dit gesprek niet."),
            Map.entry("take_first", "Neem het gesprek eerst over."),
            Map.entry("in_queue", "Het gesprek staat al in de wachtrij."),
            Map.entry("queue_needed", "Kies de wachtrij om naar te verplaatsen."),
            Map.entry("nothing_open", "Niemand wacht meer in dit gesprek en niemand heeft het: er is niets te doen."),
            Map.entry("not_found", "Dit gesprek bestaat niet (meer)."),
            Map.entry("not_a_callback", "Dit is geen terugbelverzoek."),
            Map.entry("retry_time", "Kies een tijd die nog moet komen."),
            Map.entry("urgent", "Een dringend terugbelverzoek (crisis of alarm) wordt niet uitgesteld: blijf proberen of geef het door."));

    static String dutch(HandoffRefused refused) {
        return DUTCH.getOrDefault(refused.code(), "Dit kan nu niet. Laad het gesprek opnieuw en probeer het nog eens.");
    }
}
