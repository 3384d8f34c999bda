package nl.omkijken.channels.sandbox;

import io.vertx.core.Future;
import nl.omkijken.runner.Outbound;
import nl.omkijken.runner.Sender;

/**
 * Delivers sandbox replies. The web chat reads the transcript, where the commit already put the
 * reply, so delivery is immediate; going through the outbox keeps the sandbox on the same path as
 * the real channels (and records a send status for every reply).
 */
public final class SandboxSender implements Sender {
    public static final String CHANNEL = "sandbox";

    @Override
    public String channel() { return CHANNEL; }

    @Override
    public Future<String> send(Outbound message) {
        return Future.succeededFuture("sandbox-" + message.id());
    }
}
