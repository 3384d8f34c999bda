package nl.omkijken.runner;

import io.vertx.core.Future;

/** Delivers one reply over one channel. Each channel adapter implements it. */
public interface Sender {
    String channel();

    /** Sends; the future holds the provider's id for the message (or ours, for the sandbox). */
    Future<String> send(Outbound message);
}
