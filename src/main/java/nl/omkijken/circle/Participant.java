package nl.omkijken.circle;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Someone on the Telefooncirkel: called every day of their {@code days} between {@code callFrom} and
 * {@code callUntil} (Dutch time), in their language. Who to warn when they are not reached (a contact person,
 * a key holder who can go and look), which circle they belong to, notes for the volunteers, and their consent.
 *
 * @param phone  E.164 (+31612345678), checked with {@link PhoneNumbers}
 * @param circle the circle's name ("Heemstede ochtend"); empty when they belong to none in particular
 * @param active false: enrolled, but not called (paused by the coordinator)
 */
public record Participant(String id, String name, String phone, String language, LocalTime callFrom, LocalTime callUntil,
                          Set<DayOfWeek> days, Person contact, Person keyHolder, String circle, String notes,
                          Consent consent, boolean active, Instant enrolledAt) {
    public Participant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(consent, "consent");
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
        circle = circle == null ? "" : circle;
        notes = notes == null ? "" : notes;
    }

    /** Someone to warn: a contact person (family, a neighbour) or a key holder. */
    public record Person(String name, String phone) {}

    /**
     * Who agreed to the daily call, when and how. Required: nobody is called by a machine every day without
     * having said yes to it.
     *
     * @param by  "participant" or "representative" (a legal representative or mentor)
     * @param how "phone", "paper", "in_person" or "email"
     */
    public record Consent(String by, LocalDate on, String how) {
        public static final Set<String> BY = Set.of("participant", "representative");
        public static final Set<String> HOW = Set.of("phone", "paper", "in_person", "email");
    }

    /** What the check-in greets them with: the first word of their name. */
    public String firstName() {
        return name.strip().split("\\s+")[0];
    }

    /** No number, name or note in a log line, also not by accident. */
    @Override
    public String toString() {
        return "Participant[" + id + ", active=" + active + "]";
    }
}
