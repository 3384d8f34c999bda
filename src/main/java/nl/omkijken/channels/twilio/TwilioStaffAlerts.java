package nl.omkijken.channels.twilio;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import nl.omkijken.runner.StaffAlerts;

/** An SMS to staff from one of our SMS numbers (the Twilio SDK's blocking call on a worker thread). */
final class TwilioStaffAlerts implements StaffAlerts {
    private final Vertx vertx;
    private final TwilioRestClient client;
    private final String from;

    TwilioStaffAlerts(Vertx vertx, TwilioRestClient client, String from) {
        this.vertx = vertx;
        this.client = client;
        this.from = from;
    }

    @Override
    public Future<Void> sms(String to, String text) {
        return vertx.executeBlocking(() -> {
            Message.creator(new PhoneNumber(to), new PhoneNumber(from), text).create(client);
            return null;
        }, false);
    }
}
