package nl.omkijken.console;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A form that was not saved, with what is wrong per field (in the console's words), all at once: the
 * console shows each message beside its field.
 */
final class FieldErrors extends RuntimeException {
    final Map<String, String> fields;

    FieldErrors(Map<String, String> fields) {
        super("invalid form", null, false, false);
        this.fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
