package nl.omkijken.bench.resilience;

import java.util.Map;
import java.util.TreeMap;

/** What the accounting counted for one scenario, over both channels unless named per channel. */
final class Tally {
    /** Counts for one channel's replies. */
    static final class Replies {
        int inTranscript;
        int delivered;
        int lost;
        int doubled;
        int outOfOrder;
        int conversationsOutOfOrder;
        int unknown;

        void add(ReplyMatcher.Result r) {
            inTranscript += r.expected();
            delivered += r.delivered();
            lost += r.lost();
            doubled += r.doubled();
            outOfOrder += r.outOfOrder();
            if (r.outOfOrder() > 0) conversationsOutOfOrder++;
            unknown += r.unknown();
        }
    }

    int conversations;
    int sent;
    int attempts;
    int acknowledged;
    int notAcknowledged;
    /** Not acknowledged, yet in the transcript (the 200 was lost, e.g. killed before answering). */
    int takenWithoutAck;
    int ackedButLost;
    int turnsDoubled;
    int turnsOutOfOrder;
    /** Inbound transcript entries that are none of the messages the load sent (a forged request taken). */
    int unexpectedTurns;
    final Replies twilio = new Replies();
    final Replies telegram = new Replies();
    /** Provider sends to conversations the load never wrote from. */
    int deliveriesToUnknown;
    /** The outbox's recorded outcome per reply (omk:outbox:status:*), for finding causes. */
    Map<String, Integer> outboxOutcomes = new TreeMap<>();
    /** Conversations with a finding, transcript next to what the provider took, for finding causes (capped). */
    final java.util.List<String> examples = new java.util.ArrayList<>();

    boolean complete() {
        return ackedButLost == 0 && twilio.lost == 0 && telegram.lost == 0;
    }

    Replies channel(Conversation.Channel c) {
        return c == Conversation.Channel.SMS ? twilio : telegram;
    }
}
