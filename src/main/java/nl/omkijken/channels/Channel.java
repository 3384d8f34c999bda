package nl.omkijken.channels;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.List;
import nl.omkijken.runner.Sender;

/**
 * One way people reach the service (Twilio messaging, Telegram, the sandbox, the coming voice line),
 * as the service wires it: a list of channels, each mounted, started and stopped alike.
 *
 * <p>A channel declares how its replies leave: through the outbox ({@link #senders}, one per channel
 * name it sends on), or inline in the HTTP response that brought the message ({@link #repliesInline}),
 * as a phone call's TwiML must; a channel may do both (the sandbox answers its HTTP call, and a timer's
 * reply to it goes through the outbox).
 */
public interface Channel {

    /** For the start-up log, e.g. "twilio (sms, whatsapp)". */
    String name();

    /** Its senders for the outbox (empty when every reply leaves inline). */
    List<Sender> senders();

    /** True when a message's replies are the answer to the HTTP request that brought it. */
    default boolean repliesInline() {
        return false;
    }

    /** Adds its routes (webhooks, pages). */
    void mount(Router router);

    /**
     * Work the channel needs done every so often (Twilio's reconciliation rounds), run by the service's
     * {@link nl.omkijken.runner.PeriodicHost} with the rest; none by default.
     */
    default List<nl.omkijken.runner.Periodic> periodic() {
        return List.of();
    }

    /** What it carries out of the tasks turns leave (putting a waiting caller through to a worker's phone); none by default. */
    default List<nl.omkijken.runner.TaskHandler> taskHandlers() {
        return List.of();
    }

    /** How it sends text messages to staff (the on-call phone), when it can send SMS. */
    default java.util.Optional<nl.omkijken.runner.StaffAlerts> staffAlerts() {
        return java.util.Optional.empty();
    }

    /**
     * How the Telefooncirkel's daily check-in reaches people through this channel (the call, the text message, the
     * contact person, the coordinator), when it places calls; the service runs the daily calls on the first channel
     * that does.
     */
    default java.util.Optional<nl.omkijken.circle.CheckInChannels> checkInChannels() {
        return java.util.Optional.empty();
    }

    /** Where the channel reports a daily call that did not reach its participant (the ladder); set once wired. */
    default void callOutcomes(nl.omkijken.circle.CallOutcomes outcomes) {}

    /** Starts what runs on its own (a webhook's registration, polling); after the server listens. */
    default Future<Void> start() {
        return Future.succeededFuture();
    }

    /** Stops it again; after the outbox stopped, so no reply is cut off mid-send. */
    default Future<Void> stop() {
        return Future.succeededFuture();
    }

    /** What to tell the operator once ready (URLs to open or to enter at the provider), one line each. */
    List<String> readyLines(String publicBaseUrl, String localBaseUrl);
}
