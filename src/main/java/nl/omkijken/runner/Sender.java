package nl.omkijken.runner;

import io.vertx.core.Future;

/** Delivers one reply over one channel. Each channel adapter implements it. */
public interface Sender {
    String channel();

    /** Sends; the future holds the provider's id for the message (or ours, for the sandbox). */
    Future<String> send(Outbound message);

    /**
     * Asked before sending a reply that another instance had claimed, which may have sent it just before
     * it died. The future holds the provider's id when the provider shows the reply as taken; null when
     * it shows it was not, or when the channel keeps no record to ask (this default): then the reply is
     * sent again and may reach the person twice, but is never lost. A failed look-up also means null.
     */
    default Future<String> sentBefore(Outbound message) {
        return Future.succeededFuture(null);
    }
}
