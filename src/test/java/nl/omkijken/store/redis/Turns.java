package nl.omkijken.store.redis;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.omkijken.engine.Contact;
import nl.omkijken.engine.Ownership;
import nl.omkijken.engine.Session;
import nl.omkijken.handoff.Handoff;
import nl.omkijken.handoff.HandoffAction;
import nl.omkijken.runner.HandoffChange;
import nl.omkijken.runner.Outbound;
import nl.omkijken.runner.TimerChange;
import nl.omkijken.runner.TranscriptEntry;
import nl.omkijken.runner.TurnCommit;

/** Small builders for the commits the store tests write. */
final class Turns {
    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    private Turns() {}

    static Session session(String conversationId, int turns) {
        return new Session(conversationId, "luisterlijn", "nl", "welkom", "hoe-gaat-het", Ownership.BOT, false,
                Map.of("naam", "Anneke"), 0, turns, null, null, null, turns, T0, T0.plusSeconds(turns));
    }

    static Contact contact(String conversationId) {
        return new Contact(conversationId, Map.of("first_name", "Anneke"), false);
    }

    /** A turn that only stores the session (and the given transcript lines, "in" then "out"). */
    static TurnCommit plain(String conversationId, int turns, String... lines) {
        return builder(conversationId, turns).transcript(lines).build();
    }

    static Builder builder(String conversationId, int turns) {
        return new Builder(conversationId, turns);
    }

    static TimerChange schedule(String conversationId, String timer, Instant due) {
        return new TimerChange(conversationId, timer, due, "welkom/" + timer, 1L);
    }

    static TimerChange cancel(String conversationId, String timer) {
        return new TimerChange(conversationId, timer, null, null, 0L);
    }

    static Outbound reply(String id, String conversationId, String text) {
        return new Outbound(id, conversationId, "sandbox", "demo-address", text, List.of(), T0);
    }

    /** A request for a human in a conversation whose handoff is {@code current} (null: none yet). */
    static HandoffChange request(String conversationId, Handoff current, String queue, boolean urgent, Instant at) {
        return HandoffChange.from(conversationId, current).then(new HandoffAction.Request(queue, Handoff.Kind.LIVE, urgent,
                urgent ? "crisis" : "vraagt mens", at));
    }

    static final class Builder {
        private final String id;
        private final int turns;
        private List<TranscriptEntry> transcript = List.of();
        private List<TimerChange> timers = List.of();
        private List<Outbound> outbound = List.of();
        private HandoffChange handoff;
        private String fired;
        private long firedFence;
        private List<nl.omkijken.runner.Task> tasks = List.of();
        private String address = "demo-address";

        private Builder(String id, int turns) {
            this.id = id;
            this.turns = turns;
        }

        Builder transcript(String... lines) {
            List<TranscriptEntry> entries = new java.util.ArrayList<>();
            for (int i = 0; i < lines.length; i++) {
                entries.add(new TranscriptEntry(i % 2 == 0 ? "in" : "out", lines[i], T0.plusMillis(i), List.of()));
            }
            transcript = entries;
            return this;
        }

        Builder timers(TimerChange... changes) {
            timers = List.of(changes);
            return this;
        }

        Builder tasks(nl.omkijken.runner.Task... effects) {
            tasks = List.of(effects);
            return this;
        }

        Builder outbound(Outbound... replies) {
            outbound = List.of(replies);
            return this;
        }

        Builder handoff(HandoffChange change) {
            handoff = change;
            return this;
        }

        /** The key of the conversation's address (default "demo-address", which names nobody). */
        Builder address(String addressKey) {
            address = addressKey;
            return this;
        }

        /** The turn runs the follow-up job {@code job} (null: none). */
        Builder fired(nl.omkijken.runner.ClaimedJob job) {
            fired = job == null ? null : job.id();
            firedFence = job == null ? 0 : job.fence();
            return this;
        }

        TurnCommit build() {
            return new TurnCommit(id, "sandbox", address, session(id, turns), contact(id), transcript, timers,
                    outbound, handoff, fired, firedFence, null, tasks);
        }
    }
}
