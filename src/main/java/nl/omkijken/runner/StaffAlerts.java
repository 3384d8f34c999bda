package nl.omkijken.runner;

import io.vertx.core.Future;

/**
 * Text messages to staff outside the console (the on-call coordinator's phone): implemented by a
 * channel that can send SMS (Twilio). The text names no person: a pseudonym and what to do.
 */
public interface StaffAlerts {
    Future<Void> sms(String to, String text);
}
