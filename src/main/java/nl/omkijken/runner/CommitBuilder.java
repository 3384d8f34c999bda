package nl.omkijken.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.omkijken.engine.Contact;
import nl.omkijken.engine.Event;
import nl.omkijken.engine.Session;

/** Collects what the event handlers of one turn want written; becomes one {@link TurnCommit}. */
public final class CommitBuilder {
    final String conversationId;
    final String channel;
    final String address;
    final Session session;
    Contact contact;
    final java.time.Instant now;
    final List<TranscriptEntry> transcript = new ArrayList<>();
    final List<TimerChange> timers = new ArrayList<>();
    final List<Outbound> outbound = new ArrayList<>();
    HandoffChange handoff;
    final List<Event.Reply> replies = new ArrayList<>();
    String firedTimerId;
    long firedFence;
    /** What became of a call waiting on the line in this turn: counted after the commit (CallFigures). */
    final List<CallFigures.Kind> calls = new ArrayList<>();
    /** The referrals said in this turn (what we do not do, and who does): counted after the commit (DailyFigures). */
    final List<String> referrals = new ArrayList<>();

    /** Effects beyond the conversation, carried out after the commit (see {@link Task}). */
    final List<Task> tasks = new ArrayList<>();
    InboundReceipt receipt;
    boolean crisis;
    /**
     * The replies are the answer to the request that brought the turn (a phone call's TwiML): they go to
     * the transcript as the caller hears them, not to the outbox.
     */
    boolean inline;
    /** What to keep on the person after the commit (PersonMemory): their language, a planned absence. */
    final Map<String, String> memory = new LinkedHashMap<>();

    CommitBuilder(String conversationId, String channel, String address, Session session, Contact contact, java.time.Instant now,
                  nl.omkijken.handoff.Handoff handoff) {
        this.conversationId = conversationId;
        this.channel = channel;
        this.address = address;
        this.session = session;
        this.contact = contact;
        this.now = now;
        this.handoff = HandoffChange.from(conversationId, handoff);
    }

    void contactField(String name, String value) {
        Map<String, String> f = new LinkedHashMap<>(contact.fields());
        f.put(name, value);
        contact = new Contact(contact.id(), f, contact.optedOut());
    }

    void optedOut(boolean out) {
        contact = new Contact(contact.id(), contact.fields(), out);
    }

    TurnCommit build() {
        return new TurnCommit(conversationId, channel, address, session, contact, transcript, timers, outbound,
                handoff, firedTimerId, firedFence, receipt, tasks);
    }
}
