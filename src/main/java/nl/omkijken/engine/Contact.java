package nl.omkijken.engine;

import java.util.Map;

/** The person behind a conversation, as far as templates and interrupts need to know. */
public record Contact(String id, Map<String, String> fields, boolean optedOut) {
    public Contact {
        fields = Map.copyOf(fields);
    }

    public static Contact unknown(String id) { return new Contact(id, Map.of(), false); }

    /**
     * Fields templates may use as {contact.NAME}. {@code participant}: for a Telefooncirkel participant's contact
     * person or key holder, the first name of the participant they are asked about. {@code calls_from}: on a call from a
     * number that was not withheld, words that say so ("het nummer waarmee gebeld werd"), never the number itself: it is
     * kept once, in the person's record, where the console shows it to staff who call back.
     */
    public static final java.util.Set<String> FIELDS =
            java.util.Set.of("first_name", "name", "phone", "email", "organisation", "contact_person", "participant", "calls_from");

    /** The value of {@code calls_from}: what staff read where the number to call back is the caller's own. */
    public static final String CALLS_FROM = "het nummer waarmee gebeld werd";
}
