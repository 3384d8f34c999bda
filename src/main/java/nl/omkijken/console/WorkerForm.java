package nl.omkijken.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The worker form of the console, checked field by field: role, queues (whole lines or a part's queue,
 * "helpdesk:centrum"), capacity, languages, active; and for a new worker name and password. Every
 * problem is reported at once, beside its field ({@link FieldErrors}).
 */
final class WorkerForm {
    record Profile(Role role, Set<String> queues, int capacity, Set<String> languages, boolean active) {}

    private WorkerForm() {}

    /**
     * The profile in {@code body}; a field left out keeps its value in {@code current} (null for a new
     * worker: the defaults).
     *
     * @param queues the queues a worker may serve: every line and every part's queue
     */
    static Profile profile(JsonObject body, Worker current, Collection<String> queues, Map<String, String> errors) {
        Role role = current == null ? null : current.role();
        if (body.containsKey("role") || current == null) {
            role = body.getValue("role") instanceof String r ? Role.fromId(r) : null;
            if (role == null) errors.put("role", "Kies een rol: vrijwilliger, medewerker, coördinator of beheerder.");
        }
        Set<String> chosen = current == null ? Set.of() : current.lines();
        if (body.containsKey("lines") || current == null) {
            chosen = new LinkedHashSet<>();
            if (body.getValue("lines") instanceof JsonArray a) {
                for (Object o : a) {
                    if (!(o instanceof String l) || !queues.contains(l)) errors.put("lines", "Onbekende wachtrij: " + o + ".");
                    else chosen.add(l);
                }
            } else if (body.getValue("lines") != null) {
                errors.put("lines", "Kies de wachtrijen als lijst.");
            }
            if (chosen.isEmpty() && role != null && !role.supervises() && !errors.containsKey("lines")) {
                errors.put("lines", "Kies de wachtrijen die deze medewerker bedient.");
            }
        }
        int capacity = current == null ? Worker.DEFAULT_CAPACITY : current.capacity();
        if (body.containsKey("capacity")) {
            Object c = body.getValue("capacity");
            Integer n = c instanceof Number num && num.doubleValue() == num.intValue() ? num.intValue()
                    : c instanceof String s && s.strip().matches("\\d{1,2}") ? Integer.valueOf(s.strip()) : null;
            if (n == null || n < Worker.MIN_CAPACITY || n > Worker.MAX_CAPACITY) {
                errors.put("capacity", "Een aantal gesprekken tegelijk van " + Worker.MIN_CAPACITY + " tot " + Worker.MAX_CAPACITY + ".");
            } else {
                capacity = n;
            }
        }
        Set<String> languages = current == null ? Set.of("nl") : current.languages();
        if (body.containsKey("languages")) {
            Set<String> l = new LinkedHashSet<>();
            if (body.getValue("languages") instanceof JsonArray a) {
                for (Object o : a) {
                    if (o instanceof String s && Worker.LANGUAGES.contains(s)) l.add(s);
                    else errors.put("languages", "Onbekende taal: " + o + ". Kies Nederlands en/of Engels.");
                }
            }
            if (l.isEmpty() && !errors.containsKey("languages")) errors.put("languages", "Kies minstens één taal.");
            languages = l;
        }
        boolean active = current == null || current.active();
        if (body.containsKey("active")) {
            if (body.getValue("active") instanceof Boolean b) active = b;
            else errors.put("active", "Kies aan of uit.");
        }
        return new Profile(role, chosen, capacity, languages, active);
    }

    static void failIfAny(Map<String, String> errors) {
        if (!errors.isEmpty()) throw new FieldErrors(errors);
    }

    static Map<String, String> errors() {
        return new LinkedHashMap<>();
    }
}
