package nl.omkijken.channels.twilio;

import io.vertx.core.Future;
import nl.omkijken.runner.Outbound;
import nl.omkijken.runner.SendFailure;
import nl.omkijken.runner.Sender;

/**
 * Replies to a phone conversation written outside the call (a worker's reply from the console, a follow-up
 * question a timer asks after the caller hung up): there is no call to say them in, so they go as an SMS
 * from the line's number to the number that called, through the SMS sender (its retries, delivery
 * statuses and opt-out handling included). A caller who withheld their number cannot be written to: such
 * a reply fails for good, and staff see it was not delivered.
 */
final class VoiceSender implements Sender {
    private final TwilioSender sms;

    VoiceSender(TwilioSender sms) {
        this.sms = sms;
    }

    @Override
    public String channel() {
        return VoiceCall.CHANNEL;
    }

    @Override
    public Future<String> send(Outbound message) {
        if (message.address() == null || message.address().indexOf('|') < 0) {
            return Future.failedFuture(new SendFailure(SendFailure.Kind.PERMANENT, "withheld", null,
                    "the caller withheld their number: nothing can be sent after the call"));
        }
        return sms.send(message);
    }

    @Override
    public Future<String> sentBefore(Outbound message) {
        return message.address() == null || message.address().indexOf('|') < 0 ? Future.succeededFuture(null)
                : sms.sentBefore(message);
    }
}
