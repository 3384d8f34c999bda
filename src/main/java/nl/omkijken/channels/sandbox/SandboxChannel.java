package nl.omkijken.channels.sandbox;

import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import nl.omkijken.channels.Channel;
import nl.omkijken.runner.Sender;
import nl.omkijken.runner.TurnRunner;

/**
 * The sandbox as a channel: the local web chat and phone simulator with its JSON API. A message's
 * replies are the answer to its HTTP call; replies a timer writes later go through the outbox to
 * {@link SandboxSender}, and the page reads them from the transcript.
 */
public final class SandboxChannel implements Channel {
    private final SandboxRoutes routes;
    private final SandboxSender sender = new SandboxSender();

    public SandboxChannel(TurnRunner runner, nl.omkijken.people.People people, Clock clock) {
        this(runner, people, clock, java.util.Set.of("telefooncirkel"));
    }

    /** @param callLines the lines whose calls the phone simulator answers, as the real phone does */
    public SandboxChannel(TurnRunner runner, nl.omkijken.people.People people, Clock clock, java.util.Set<String> callLines) {
        this.routes = new SandboxRoutes(runner, people, clock, callLines);
    }

    @Override
    public String name() { return "sandbox"; }

    @Override
    public List<Sender> senders() { return List.of(sender); }

    @Override
    public boolean repliesInline() { return true; }

    @Override
    public void mount(Router router) {
        routes.mount(router);
    }

    @Override
    public List<String> readyLines(String publicBaseUrl, String localBaseUrl) {
        return List.of("Sandbox (web chat and phone simulator): " + localBaseUrl + "/sandbox/");
    }
}
