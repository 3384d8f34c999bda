package nl.omkijken.circle;

import io.vertx.core.Future;

/**
 * The ladder's last step: an urgent task for the Telefooncirkel's coordinator on the participant's
 * conversation, with the day's whole history as a note beside it. Implemented by the SMS channel.
 */
public interface CoordinatorAlert {
    Future<Void> alert(Participant participant, String history);
}
