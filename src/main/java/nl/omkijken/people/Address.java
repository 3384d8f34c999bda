package nl.omkijken.people;

import java.util.Objects;

/**
 * Where a person writes from on one channel: the identity the channel gives them, and where replies go.
 * The only place a phone number or chat id lives in memory on its way in; in Redis it is stored once,
 * in the person's record, and everything else refers to it by its {@link AddressKeys key}.
 *
 * @param channel sms, whatsapp, telegram, sandbox, voice
 * @param handle  who they are on that channel: the phone number ("+31612345678", without Twilio's
 *                "whatsapp:" prefix), the Telegram chat id, the sandbox conversation name
 * @param replyTo what a reply needs, as the channel writes it (Twilio: their number and ours,
 *                "+31612345678|+3197010200300"); null when only looking the person up
 */
public record Address(String channel, String handle, String replyTo) {
    public Address {
        if (channel == null || channel.isBlank() || channel.indexOf(':') >= 0) {
            throw new IllegalArgumentException("an address needs a channel name without ':'");
        }
        if (handle == null || handle.isBlank()) {
            throw new IllegalArgumentException("an address needs the person's identity on the channel");
        }
        if (replyTo != null && replyTo.isBlank()) replyTo = null;
    }

    /** An address to look a person up by, without a reply-to. */
    public static Address of(String channel, String handle) {
        return new Address(channel, handle, null);
    }

    /** "channel:handle": what the address key is made of. Personal data: never logged, never a key name. */
    public String identity() {
        return channel + ":" + handle;
    }

    /** The reply-to when given, else the handle (Telegram and the sandbox reply to the handle itself). */
    public String replyToOrHandle() {
        return Objects.requireNonNullElse(replyTo, handle);
    }

    /** No phone number or chat id in a log line, also not by accident. */
    @Override
    public String toString() {
        return "Address[" + channel + "]";
    }
}
