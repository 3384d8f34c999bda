package nl.omkijken.runner;

import java.time.Instant;
import java.util.List;

/**
 * A reply waiting in the outbox. {@code id} is ours, made before any send (idempotency key).
 *
 * @param address     where it goes: in a turn and in the outbox the key of the conversation's address
 *                    (AddressKeys), for a sender the address itself ({@link #to})
 * @param templateFor null for an ordinary reply; otherwise the id of an earlier reply that the
 *                    provider refused outside its messaging window (WhatsApp 63016), and this entry
 *                    asks the channel to send its approved template in that reply's place (the text
 *                    is then not sent)
 */
public record Outbound(String id, String conversationId, String channel, String address, String text,
                       List<String> buttons, Instant createdAt, String templateFor) {
    public Outbound {
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
        if (templateFor != null && templateFor.isBlank()) templateFor = null;
    }

    /** An ordinary reply. */
    public Outbound(String id, String conversationId, String channel, String address, String text,
                    List<String> buttons, Instant createdAt) {
        this(id, conversationId, channel, address, text, buttons, createdAt, null);
    }

    /**
     * This reply with the address it goes to: in the outbox a reply names its conversation's address by
     * key only, and the claim looks the address up (null when the person is gone: not sent).
     */
    public Outbound to(String address) {
        return new Outbound(id, conversationId, channel, address, text, buttons, createdAt, templateFor);
    }

    /** No text or address in a log line, also not by accident. */
    @Override
    public String toString() {
        return "Outbound[id=" + id + ", channel=" + channel + ", template=" + isTemplate() + "]";
    }

    /** True when this entry stands in for an earlier reply with the channel's approved template. */
    public boolean isTemplate() {
        return templateFor != null;
    }
}
