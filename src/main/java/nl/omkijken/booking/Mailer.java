package nl.omkijken.booking;

import io.vertx.core.Future;

/** Sends one e-mail with a calendar invite attached. */
public interface Mailer {
    /** No SMTP server: nothing is sent (the invite is a link in the conversation). */
    Mailer NONE = (to, subject, text, ics) -> Future.succeededFuture(false);

    /** True when it was handed to the mail server; a failed future when that failed (the task is tried again). */
    Future<Boolean> send(String to, String subject, String text, String ics);
}
