package nl.omkijken.circle;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A participant's day in words, for the coordinator's task: one line a step, with the time, in Dutch (the
 * console's language). Names come from the participant's record now; the log itself holds none.
 */
public final class CheckInHistory {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private CheckInHistory() {}

    public static String of(Participant p, LocalDate day, List<CheckInLog.Entry> entries) {
        StringBuilder out = new StringBuilder("Telefooncirkel: " + p.name() + " is vandaag (" + day + ") niet bereikt.");
        for (CheckInLog.Entry e : entries) {
            out.append('\n').append(ZonedDateTime.ofInstant(e.at(), CallPlan.ZONE).format(TIME)).append(' ').append(line(p, e));
        }
        return out.toString();
    }

    /** One step in words, without its time. */
    public static String line(Participant p, CheckInLog.Entry e) {
        String[] d = e.detail().split("\\|", 2);
        return switch (e.step()) {
            case CALLED -> "gebeld (poging " + d[0] + ")";
            case ANSWERED -> "opgenomen";
            case NOT_REACHED -> "niet bereikt: " + why(d.length > 1 ? d[1] : "");
            case AWAY -> "afwezig gemeld, niet gebeld";
            case WINDOW_CLOSED -> "het belmoment was voorbij voordat er gebeld kon worden";
            case TEXTED -> "sms gestuurd";
            case NOT_TEXTED -> CheckInLog.LANDLINE.equals(d[0]) ? "geen sms: het nummer is een vaste lijn" : "sms kon niet worden gestuurd";
            case TEXT_ANSWERED -> "reageerde op de sms";
            case ASKED -> who(p, d[0]) + (d.length > 1 && CheckInLog.CALLED_THEM.equals(d[1])
                    ? " gebeld met de vraag te gaan kijken" : " gevraagd om te gaan kijken (sms)");
            case NOT_ASKED -> who(p, d[0]) + (d.length > 1 && CheckInLog.LANDLINE.equals(d[1])
                    ? " niet gevraagd: het nummer is een vaste lijn (geen sms)" : " kon geen sms krijgen");
            case GOING -> who(p, d[0]) + " gaat kijken";
            case SAFE_BY_CONTACT -> who(p, d[0]) + ": alles is goed";
            case CANNOT -> who(p, d[0]) + " kan niet gaan kijken";
            case NEEDS_HELP -> who(p, d[0]) + ": er is hulp nodig";
            case NO_ANSWER -> "geen antwoord van " + who(p, d[0]);
            case COORDINATOR -> "coördinator gewaarschuwd";
            case CONFIRMED -> "meldde zich in de keten " + d[0];
            case LINK_MISSED -> "geen bericht in de keten " + d[0] + " op tijd: de dienst belt zelf";
            case MARKED_SAFE -> "veilig gemeld door " + d[0] + (d.length > 1 && !d[1].isBlank() ? ": " + d[1] : "");
            case CALLBACK_ASKED -> "vroeg om teruggebeld te worden" + ("urgent_help".equals(d[0]) ? " (dringend)" : "");
            case CALLBACK_HANDLED -> switch (d[0]) {
                case "taken" -> "een medewerker nam het op zich" + minutes(d);
                case "reached" -> "teruggebeld en bereikt" + minutes(d);
                case "not_reached" -> "teruggebeld, niet bereikt: later opnieuw";
                case "gave_up" -> "terugbellen opgegeven" + minutes(d);
                default -> "terugbellen: " + d[0];
            };
        };
    }

    /** ", 35 minuten na het verzoek". */
    private static String minutes(String[] d) {
        return d.length > 1 && !d[1].isBlank() ? ", " + d[1] + " minuten na het verzoek" : "";
    }

    private static String why(String why) {
        return switch (why) {
            case "no-answer" -> "geen gehoor";
            case "busy" -> "in gesprek";
            case "failed" -> "de oproep mislukte";
            case "machine" -> "antwoordapparaat";
            case "hung_up" -> "opgehangen voor het antwoord";
            case "no_status" -> "geen bericht van de telefoon";
            case "canceled" -> "oproep afgebroken";
            default -> why.isBlank() ? "onbekend" : why;
        };
    }

    /** "contactpersoon Jan de Vries", "sleutelhouder Els". */
    static String who(Participant p, String role) {
        Participant.Person person = ContactSteps.person(p, role);
        String title = ContactSteps.KEY_HOLDER.equals(role) ? "sleutelhouder" : "contactpersoon";
        return person == null ? title : title + " " + person.name();
    }
}
