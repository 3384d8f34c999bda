package nl.omkijken.bench.resilience;

import java.util.ArrayList;
import java.util.List;

/** One person writing to the service over one channel: their messages in the order sent. */
final class Conversation {
    enum Channel { SMS, TELEGRAM }

    /** One message of the person, with what became of its webhook. Guarded by the load generator. */
    static final class Message {
        final Conversation conversation;
        final int seq;
        final String text;
        /** Twilio's MessageSid or Telegram's update_id: the same on every resend. */
        final String providerId;
        int attempts;
        boolean acknowledged;
        boolean gaveUp;
        long firstNanos;
        /** The answers of every attempt: an HTTP status, or 0 for no answer (refused, reset, timeout). */
        final List<Integer> answers = new ArrayList<>();

        Message(Conversation conversation, int seq, String text, String providerId) {
            this.conversation = conversation;
            this.seq = seq;
            this.text = text;
            this.providerId = providerId;
        }
    }

    final Channel channel;
    /** The service's conversation id: sms:+31... or telegram:CHAT. */
    final String id;
    /** SMS: the person's number (From); Telegram: the chat id. */
    final String address;
    final int index;
    final int planned;
    final List<Message> messages = new ArrayList<>();

    Conversation(Channel channel, String address, int index, int planned) {
        this.channel = channel;
        this.address = address;
        this.index = index;
        this.planned = planned;
        this.id = (channel == Channel.SMS ? "sms:" : "telegram:") + address;
    }
}
