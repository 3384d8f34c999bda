package nl.omkijken.booking;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A person's booked talk: the slot, the conversation it was booked in (where the reminder and any change go), and the
 * intake as it stood then, so the account holder reads it before the talk and nobody asks twice.
 *
 * @param id         unguessable, made from the conversation and the slot (the same booking again is the same id):
 *                   it names the calendar invite's address too
 * @param addressKey the conversation's address key (the channel's handle is never kept here)
 * @param intake     the intake's slots (organisation, name, e-mail, phone, stadsdeel, topics, question, articles shown)
 * @param cancelledAt when it was cancelled (by the person or staff), null while it stands
 */
public record Booking(String id, String slotId, String conversationId, String channel, String addressKey, String language,
                      Map<String, String> intake, Instant bookedAt, Instant cancelledAt) {
    public Booking {
        Objects.requireNonNull(id);
        Objects.requireNonNull(slotId);
        Objects.requireNonNull(conversationId);
        intake = Map.copyOf(intake);
        language = language == null ? "nl" : language;
    }

    public boolean standing() {
        return cancelledAt == null;
    }
}
