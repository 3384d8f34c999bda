package nl.omkijken.channels;

import io.vertx.core.Future;
import java.util.Objects;
import nl.omkijken.people.Address;
import nl.omkijken.people.People;
import nl.omkijken.runner.OutboxDispatcher;

/**
 * A provider says a person opted out or blocked us, naming them by address (Twilio's 21610 callback,
 * Telegram's "kicked"): the conversation of that address is marked opted out. An address that never
 * wrote has no conversation, and nothing to mark.
 */
public final class AddressOptOut {
    private final People people;
    private final OutboxDispatcher.OptOuts optOuts;

    public AddressOptOut(People people, OutboxDispatcher.OptOuts optOuts) {
        this.people = Objects.requireNonNull(people, "people must be given");
        this.optOuts = Objects.requireNonNull(optOuts, "opt-outs must be given");
    }

    /** Marks the conversation of {@code address}; true when there was one. */
    public Future<Boolean> optOut(Address address, String reason) {
        return people.find(address).compose(known -> known == null ? Future.succeededFuture(false)
                : optOuts.markOptedOut(known.conversationId(), reason).map(true));
    }

    /** Who the addresses belong to. */
    public People people() {
        return people;
    }
}
