package nl.omkijken.people;

import io.vertx.core.Future;

/**
 * Who writes: finds the person and conversation of an address, by the address's key, and makes them
 * for a first message. A person's record holds their addresses (the only stored copy of a phone number
 * or chat id) and their conversations.
 */
public interface People {
    /** The person and conversation of an address, made when it is new. */
    Future<Known> resolve(Address address);

    /** The person and conversation of an address, or null when it never wrote (or was forgotten). */
    Future<Known> find(Address address);

    /**
     * What the index knows of an address.
     *
     * @param addressKey the address's {@link AddressKeys key}: what conversations and replies refer to it by
     */
    record Known(String personId, String conversationId, String addressKey) {}
}
