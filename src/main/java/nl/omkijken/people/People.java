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
     * The person an address key belongs to, with their addresses and conversations (for staff: the
     * number to call back, the earlier conversations); null when the person is gone (past retention).
     */
    Future<Person> ofAddressKey(String addressKey);

    /**
     * A person as stored.
     *
     * @param addresses     address key to what replies need (the channel's reply-to: a number, a chat id)
     * @param conversations conversation id to the key of the address it runs on
     */
    record Person(String id, java.util.Map<String, String> addresses, java.util.Map<String, String> conversations) {
        /** No number in a log line, also not by accident. */
        @Override
        public String toString() {
            return "Person[" + id + ", conversations=" + conversations.size() + "]";
        }
    }

    /**
     * What the index knows of an address.
     *
     * @param addressKey the address's {@link AddressKeys key}: what conversations and replies refer to it by
     */
    record Known(String personId, String conversationId, String addressKey) {}
}
