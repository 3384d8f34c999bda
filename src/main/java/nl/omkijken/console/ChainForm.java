package nl.omkijken.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.omkijken.circle.CallPlan;
import nl.omkijken.circle.Chain;
import nl.omkijken.circle.Participant;

/**
 * A chain as the console's form sends it, checked with a reason per field (Dutch, as the console speaks): the
 * circle's name; when the first member begins (07:00 to 21:00); minutes per link (5 to 60); the members in calling
 * order (2 to 30 of the circle's participants, each once, none in another chain), the last done by 22:00, and each
 * member's own call window still open at their deadline, so the service can call them itself when their link breaks.
 */
final class ChainForm {
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");

    private ChainForm() {}

    static Chain read(JsonObject b, List<Participant> everyone, List<Chain> others, LocalDate today, Map<String, String> errors) {
        String name = b.getValue("name") instanceof String s ? s.strip() : "";
        if (name.isEmpty()) errors.put("name", "Kies de kring.");
        else if (name.indexOf('|') >= 0) errors.put("name", "Een kring met een | in de naam kan geen keten zijn; geef de kring een andere naam.");
        else if (name.length() > ParticipantForm.MAX_CIRCLE) errors.put("name", "Hoogstens " + ParticipantForm.MAX_CIRCLE + " tekens.");
        LocalTime start = ParticipantForm.time(b, "start", errors);
        if (start != null && (start.isBefore(ParticipantForm.EARLIEST) || start.isAfter(LocalTime.of(21, 0)))) {
            errors.put("start", "Begin tussen 07:00 en 21:00.");
        }
        Duration link = null;
        Object minutes = b.getValue("linkMinutes");
        // A whole number as JSON gives it (an Integer or a Long); a fraction or a giant number is no number of minutes.
        if (!(minutes instanceof Integer || minutes instanceof Long) || ((Number) minutes).longValue() < Chain.MIN_LINK.toMinutes()
                || ((Number) minutes).longValue() > Chain.MAX_LINK.toMinutes()) {
            errors.put("linkMinutes", "Een heel aantal minuten per schakel, van " + Chain.MIN_LINK.toMinutes() + " tot "
                    + Chain.MAX_LINK.toMinutes() + ".");
        } else {
            link = Duration.ofMinutes(((Number) minutes).longValue());
        }
        List<String> members = members(b.getValue("members"), name, everyone, others, errors);
        if (!errors.isEmpty()) return null;
        Chain chain = new Chain(name, start, link, members);
        whenEachCanBeCalled(chain, everyone, today, errors);
        return errors.isEmpty() ? chain : null;
    }

    private static List<String> members(Object raw, String name, List<Participant> everyone, List<Chain> others, Map<String, String> errors) {
        if (!(raw instanceof JsonArray a) || a.size() < 2 || a.size() > Chain.MAX_MEMBERS) {
            errors.put("members", "Zet 2 tot " + Chain.MAX_MEMBERS + " deelnemers in de volgorde waarin ze elkaar bellen.");
            return List.of();
        }
        Map<String, Participant> byId = new java.util.HashMap<>();
        for (Participant p : everyone) byId.put(p.id(), p);
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Object o : a) {
            Participant p = o instanceof String id ? byId.get(id) : null;
            if (p == null) {
                errors.put("members", "Een van de deelnemers bestaat niet (meer); laad de pagina opnieuw.");
                return List.of();
            }
            if (!seen.add(p.id())) {
                errors.put("members", p.name() + " staat twee keer in de keten.");
                return List.of();
            }
            if (!Chain.key(p.circle()).equals(Chain.key(name))) {
                errors.put("members", p.name() + " zit niet in de kring " + name + ".");
                return List.of();
            }
            for (Chain c : others) {
                if (!Chain.key(c.name()).equals(Chain.key(name)) && c.members().contains(p.id())) {
                    errors.put("members", p.name() + " staat al in de keten " + c.name() + ".");
                    return List.of();
                }
            }
            out.add(p.id());
        }
        return out;
    }

    /**
     * The chain's end by 22:00, and each member's window still open at their deadline (with everyone in it: the
     * latest place they can have), so a broken link can be caught by the service's own call that day.
     */
    private static void whenEachCanBeCalled(Chain chain, List<Participant> everyone, LocalDate day, Map<String, String> errors) {
        ZonedDateTime end = ZonedDateTime.ofInstant(chain.ends(day, chain.members().size()), CallPlan.ZONE);
        if (end.toLocalDate().isAfter(day) || end.toLocalTime().isAfter(ParticipantForm.LATEST)) {
            errors.put("linkMinutes", "De laatste in de keten is dan pas om " + end.format(HM) + " aan de beurt; dat is na 22:00."
                    + " Begin eerder of neem minder minuten per schakel.");
            return;
        }
        Map<String, Participant> byId = new java.util.HashMap<>();
        for (Participant p : everyone) byId.put(p.id(), p);
        for (int i = 0; i < chain.members().size(); i++) {
            Participant p = byId.get(chain.members().get(i));
            LocalTime deadline = ZonedDateTime.ofInstant(chain.deadline(day, i), CallPlan.ZONE).toLocalTime();
            if (!deadline.isBefore(p.callUntil()) || deadline.isBefore(p.callFrom())) {
                errors.put("members", p.name() + " moet zich uiterlijk om " + deadline.format(HM) + " gemeld hebben, maar het belmoment"
                        + " is " + p.callFrom().format(HM) + "–" + p.callUntil().format(HM) + ": dan kan de Telefooncirkel niet meteen zelf"
                        + " bellen als de keten breekt. Laat het belmoment om " + deadline.format(HM) + " open zijn, of verschuif "
                        + p.firstName() + " in de keten.");
                return;
            }
        }
    }

    /** The chain with each member's deadline today, as the link jobs have it (those not in it today: none). */
    static JsonObject json(Chain c, Map<String, Participant> byId, LocalDate day) {
        JsonArray members = new JsonArray();
        List<Participant> today = nl.omkijken.circle.Chains.onDay(c, byId, day);
        for (String id : c.members()) {
            Participant p = byId.get(id);
            if (p == null) continue;  // removed since: skipped by the chain too
            JsonObject m = new JsonObject().put("id", id).put("name", p.name()).put("active", p.active());
            int place = today.indexOf(p);
            if (place >= 0) m.put("deadline", ZonedDateTime.ofInstant(c.deadline(day, place), CallPlan.ZONE).toLocalTime().format(HM));
            members.add(m);
        }
        return new JsonObject().put("name", c.name()).put("start", c.start().format(HM)).put("linkMinutes", c.link().toMinutes())
                .put("members", members);
    }
}
