package nl.omkijken.routing;

import java.text.Normalizer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The queues of a line's parts: on the helpdesk, one per stadsdeel, so an organisation reaches its
 * district's account holder first. A conversation whose slot {@code slot} names a part waits in that
 * part's queue ("helpdesk:haagse-hout"); workers who serve the whole line get it after
 * {@code wholeLineAfter}, or at once when nobody who serves that queue is online with room for it. A
 * crisis is not kept: it waits in the line's own queue.
 *
 * @param names the parts' queue ids (lower case, dashes) with the names people write ("Haagse Hout")
 */
public record DistrictQueues(String slot, Map<String, String> names, Duration wholeLineAfter) {
    public DistrictQueues {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(wholeLineAfter, "whole line after");
        names = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(names));
        if (names.isEmpty()) throw new IllegalArgumentException("districts need at least one name");
        if (wholeLineAfter.isNegative()) throw new IllegalArgumentException("whole_line_after must not be negative");
    }

    /** The queue id of a part's name: "Leidschenveen-Ypenburg" -> "leidschenveen-ypenburg". */
    public static String id(String name) {
        String plain = Normalizer.normalize(name.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    /** The part a slot's value names (by its name or id, whatever the capitals), or null. */
    public String partOf(String value) {
        if (value == null || value.isBlank()) return null;
        String id = id(value);
        return names.containsKey(id) ? id : null;
    }
}
