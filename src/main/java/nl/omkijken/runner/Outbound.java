package nl.omkijken.runner;

import java.time.Instant;
import java.util.List;

/** A reply waiting in the outbox. {@code id} is ours, made before any send (idempotency key). */
public record Outbound(String id, String conversationId, String channel, String address, String text,
                       List<String> buttons, Instant createdAt) {
    public Outbound {
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }
}
