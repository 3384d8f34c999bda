package nl.omkijken.bench.resilience;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accounts for every message of a scenario by comparing what the service stored with what the load
 * sent and the fake providers took. The transcript of each conversation is
 * {@code omk:conv:{ID}:transcript} (RedisKeys; ID found by the sender's address, StoredConversations), a list of JSON entries, oldest first, each with
 * {@code direction} "in" or "out" and {@code text}. Message texts are unique, so an inbound text
 * missing from its transcript is a lost message and one found twice a doubled turn.
 */
final class Accounting {
    private final RespClient redis;
    private final ProviderLog twilio;
    private final ProviderLog telegram;

    Accounting(RespClient redis, ProviderLog twilio, ProviderLog telegram) {
        this.redis = redis;
        this.twilio = twilio;
        this.telegram = telegram;
    }

    /** The transcript of the conversation of a sender ("sms:+316..."), found as the service finds it. */
    private List<String> transcript(String sender) throws IOException {
        String key = nl.omkijken.bench.StoredConversations.transcriptKey(redis::call, sender);
        return key == null ? List.of() : redis.list(key);
    }

    /** @param outbox also count the outbox's recorded outcomes (a scan of every reply's status) */
    Tally count(List<Conversation> conversations, boolean outbox) throws IOException {
        Tally t = new Tally();
        Map<String, List<Delivery>> sms = twilio.byConversation();
        Map<String, List<Delivery>> tg = telegram.byConversation();
        Set<String> known = new HashSet<>();
        for (Conversation c : conversations) {
            if (c.messages.isEmpty()) continue;
            known.add(c.id);
            t.conversations++;
            List<String> ins = new ArrayList<>();
            List<String> outs = new ArrayList<>();
            List<String> transcript = transcript(c.id);
            for (String json : transcript) {
                JsonObject e = new JsonObject(json);
                ("in".equals(e.getString("direction")) ? ins : outs).add(e.getString("text", ""));
            }
            int before = t.ackedButLost + t.turnsDoubled + t.turnsOutOfOrder + t.unexpectedTurns;
            inbound(c, ins, t);
            List<Delivery> arrived = (c.channel == Conversation.Channel.SMS ? sms : tg).getOrDefault(c.id, List.of());
            ReplyMatcher.Result r = ReplyMatcher.match(outs, arrived);
            t.channel(c.channel).add(r);
            boolean finding = before != t.ackedButLost + t.turnsDoubled + t.turnsOutOfOrder + t.unexpectedTurns
                    || r.lost() + r.doubled() + r.outOfOrder() + r.unknown() > 0;
            if (finding && t.examples.size() < 40) t.examples.add(example(c, transcript, arrived, r));
        }
        for (Map<String, List<Delivery>> log : List.of(sms, tg)) {
            log.forEach((id, list) -> {
                if (!known.contains(id)) t.deliveriesToUnknown += list.size();
            });
        }
        if (outbox) t.outboxOutcomes = outboxOutcomes();
        return t;
    }

    private static String example(Conversation c, List<String> transcript, List<Delivery> arrived, ReplyMatcher.Result r) {
        StringBuilder sb = new StringBuilder("== " + c.id + " " + r + "\n-- sent (text, provider id, answers per attempt):\n");
        for (Conversation.Message m : c.messages) sb.append("   ").append(m.text).append(" | ").append(m.providerId).append(" | ").append(m.answers).append('\n');
        sb.append("-- transcript:\n");
        for (String e : transcript) {
            JsonObject j = new JsonObject(e);
            sb.append("   ").append(j.getString("direction")).append(' ').append(j.getString("at")).append(' ').append(j.getString("text")).append('\n');
        }
        sb.append("-- provider took, in arrival order (ms since the first, key):\n");
        long t0 = arrived.isEmpty() ? 0 : arrived.get(0).atNanos();
        for (Delivery d : arrived) {
            sb.append("   +").append((d.atNanos() - t0) / 1_000_000).append(" ms ").append(d.key()).append(' ').append(d.text()).append('\n');
        }
        return sb.toString();
    }

    private static void inbound(Conversation c, List<String> ins, Tally t) {
        Map<String, Integer> seen = new HashMap<>();
        for (String s : ins) seen.merge(s, 1, Integer::sum);
        Map<String, Integer> seqOf = new HashMap<>();
        for (Conversation.Message m : c.messages) {
            seqOf.put(m.text, m.seq);
            t.sent++;
            t.attempts += m.attempts;
            int n = seen.getOrDefault(m.text, 0);
            if (m.acknowledged) {
                t.acknowledged++;
                if (n == 0) t.ackedButLost++;
            } else {
                t.notAcknowledged++;
                if (n > 0) t.takenWithoutAck++;
            }
            if (n > 1) t.turnsDoubled += n - 1;
        }
        int last = 0;
        boolean outOfOrder = false;
        for (String s : ins) {
            Integer seq = seqOf.get(s);
            if (seq == null) {
                t.unexpectedTurns++;
                continue;
            }
            if (seq < last) outOfOrder = true;
            last = Math.max(last, seq);
        }
        if (outOfOrder) t.turnsOutOfOrder++;
    }

    /** How many replies the outbox recorded with each outcome (sent, failed:..., opted_out). */
    private Map<String, Integer> outboxOutcomes() throws IOException {
        Map<String, Integer> m = new java.util.TreeMap<>();
        for (String key : redis.keys("omk:outbox:status:*")) {
            Object status = redis.call("HGET", key, "status");
            m.merge(status == null ? "(none)" : String.valueOf(status), 1, Integer::sum);
        }
        return m;
    }

    /** How many keys match: a forged request must leave no conversation behind (the forged numbers have their own prefix). */
    int keysMatching(String pattern) throws IOException {
        return redis.keys(pattern).size();
    }

    /**
     * How many people have an address that starts with {@code start}: the person records are the one
     * place the service keeps an address (key layout 3).
     */
    int peopleWith(String start) throws IOException {
        int n = 0;
        for (String person : redis.keys("omk:person:*")) {
            Object all = redis.call("HGETALL", person);
            if (!(all instanceof List<?> fields)) continue;
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                String field = String.valueOf(fields.get(i));
                String value = String.valueOf(fields.get(i + 1));
                if (field.startsWith("a:") && (value.startsWith(start) || value.startsWith("whatsapp:" + start))) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }
}
