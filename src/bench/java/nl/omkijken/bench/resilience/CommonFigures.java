package nl.omkijken.bench.resilience;

import java.io.IOException;
import java.util.Map;

/** The figures every scenario reports: the accounting of messages and replies, the webhooks' answers, the log. */
final class CommonFigures {
    private CommonFigures() {}

    static void add(TestBed bed, ScenarioResult r, Tally t) throws IOException {
        r.tally = t;
        r.add(Figure.info("conversations", t.conversations));
        r.add(Figure.info("messages sent", t.sent));
        r.add(Figure.info("webhook attempts (with resends)", t.attempts));
        r.add(Figure.info("acknowledged (got a 200)", t.acknowledged));
        r.add(Figure.info("given up without a 200", t.notAcknowledged));
        r.add(Figure.info("taken although never acknowledged", t.takenWithoutAck));
        r.add(Figure.zero("acknowledged but lost (no inbound transcript entry)", t.ackedButLost));
        r.add(Figure.zero("turns doubled (a message's text twice in its transcript)", t.turnsDoubled));
        r.add(Figure.zero("conversations with turns out of order", t.turnsOutOfOrder));
        r.add(Figure.zero("unexpected turns (texts the load never sent)", t.unexpectedTurns));
        for (Conversation.Channel c : Conversation.Channel.values()) {
            String ch = c == Conversation.Channel.SMS ? "Twilio" : "Telegram";
            Tally.Replies rp = t.channel(c);
            r.add(Figure.info("replies in transcripts (" + ch + ")", rp.inTranscript));
            r.add(Figure.info("replies the provider took (" + ch + ", with doubles)", rp.delivered + (c == Conversation.Channel.SMS ? rp.doubled : 0)));
            r.add(Figure.zero("replies lost (" + ch + ")", rp.lost));
            r.add(c == Conversation.Channel.SMS ? Figure.zero("replies doubled (Twilio)", rp.doubled)
                    : Figure.measured("replies doubled (Telegram)", rp.doubled));
            r.add(Figure.zero("replies out of order (" + ch + ")", rp.outOfOrder));
            if (rp.outOfOrder > 0) r.add(Figure.info("conversations with replies out of order (" + ch + ")", rp.conversationsOutOfOrder));
            r.add(Figure.info("provider sends matching no transcript reply (" + ch + ")", rp.unknown));
        }
        r.add(Figure.info("Twilio send requests / status callbacks answered 200 / not / message list calls",
                bed.twilio.requests.get() + " / " + bed.twilio.callbacksOk.get() + " / " + bed.twilio.callbacksFailed.get()
                        + " / " + bed.twilio.listCalls.get()));
        r.add(Figure.info("Telegram sendMessage requests", bed.telegram.requests.get()));
        r.add(Figure.info("provider sends to conversations the load never had", t.deliveriesToUnknown));
        r.add(Figure.info("webhook answers (status: count; 0 = none)", format(bed.load.answers())));
        long[] lat = bed.load.ackLatencies();
        r.add(Figure.info("webhook answer time of the 200s p50 / p99 / max", ms(lat, 0.5) + " / " + ms(lat, 0.99) + " / " + ms(lat, 1.0)));
        r.add(Figure.info("outbox outcomes recorded", format(t.outboxOutcomes)));
        if (!t.examples.isEmpty()) {
            java.nio.file.Path file = bed.dir.resolve("findings.txt");
            java.nio.file.Files.writeString(file, String.join("\n", t.examples));
            r.notes.add("conversations with a finding (up to 40), transcript next to what the provider took: " + file);
        }
        LogScan log = LogScan.of(bed.service.log());
        r.add(Figure.zero("service log lines quoting a number, text, secret or raw URI", log.quoting));
        if (log.firstQuoting != null) r.notes.add("first log line quoting: " + log.firstQuoting);
        r.add(Figure.zero("service log 'Unhandled exception' lines", log.unhandled));
        r.add(Figure.info("service log ERROR lines", log.errors));
    }

    static String ms(long[] sortedNanos, double q) {
        if (sortedNanos.length == 0) return "-";
        int i = (int) Math.min(sortedNanos.length - 1, Math.ceil(q * sortedNanos.length) - 1);
        return String.format("%.0f ms", sortedNanos[Math.max(0, i)] / 1e6);
    }

    static String format(Map<?, ?> m) {
        if (m.isEmpty()) return "-";
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(": ").append(v));
        return sb.toString();
    }
}
