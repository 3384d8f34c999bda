package nl.omkijken.circle;

import io.vertx.core.Future;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What happened on a participant's day, step by step: each call and how it went, the text message, the contact
 * person and the key holder asked and what they said, the coordinator alerted, who marked them safe. The
 * console shows it live, the coordinator's task carries it, the reports count it. Ids, times and step codes,
 * and for a participant marked safe the worker's name and their note (kept with the day, 400 days, for the
 * reports); never a phone number.
 */
public interface CheckInLog {
    /** The steps of a day, in the order they can happen. */
    enum Step {
        /** A call was placed (detail: the try, 1..3). */
        CALLED,
        /** The participant picked up (detail: the try). */
        ANSWERED,
        /** A call did not reach them (detail: try and why: no-answer, busy, failed, machine, hung_up, no_status). */
        NOT_REACHED,
        /** Not called today: away (a planned absence). */
        AWAY,
        /** Their window closed before a call could be made. */
        WINDOW_CLOSED,
        /** The check-in went by text message. */
        TEXTED,
        /** The text message could not go out (they said STOP once, or a person has their conversation). */
        NOT_TEXTED,
        /** They answered the text message. */
        TEXT_ANSWERED,
        /** A contact person or key holder was asked to look (detail: contact or key_holder, and |call when by phone). */
        ASKED,
        /** They could not be asked (they said STOP once, or a person has their conversation). */
        NOT_ASKED,
        /** They go and look (detail: who). */
        GOING,
        /** They said all is well (detail: who). */
        SAFE_BY_CONTACT,
        /** They cannot go (detail: who). */
        CANNOT,
        /** They found the participant needs help (detail: who). */
        NEEDS_HELP,
        /** No answer from them in time (detail: who). */
        NO_ANSWER,
        /** The coordinator got an urgent task with this history. */
        COORDINATOR,
        /** A worker marked the participant safe (detail: their name and note). */
        MARKED_SAFE,
        /** A chain member was heard from by their deadline: their link held (detail: the chain's name). */
        CONFIRMED,
        /** Nothing from a chain member by their deadline: the service calls them itself (detail: the chain's name). */
        LINK_MISSED,
        /**
         * They asked for a person, who calls them back (the check-in's "graag teruggebeld", 0 "nu iemand spreken", a fall;
         * detail: the reason, as the console names it). Kept in the day it was asked; not a step of the ladder (the day's
         * state does not change).
         */
        CALLBACK_ASKED,
        /**
         * What became of it, in the day it was asked (detail: taken when a worker took it over, or a call-back task's
         * reported call, reached, not_reached or gave_up; but for not_reached with the minutes since the request:
         * "taken|35").
         */
        CALLBACK_HANDLED
    }

    /** In a step's detail: the number is a landline, which takes no text message. */
    String LANDLINE = "landline";
    /** In an ASKED step's detail: they were asked by a phone call, not a text message. */
    String CALLED_THEM = "call";

    record Entry(Instant at, Step step, String detail) {
        public Entry {
            detail = detail == null ? "" : detail;
        }
    }

    Future<Void> add(LocalDate day, String participantId, Entry entry);

    /** A participant's day, oldest first; empty when nothing happened. */
    Future<List<Entry>> of(LocalDate day, String participantId);

    /** Everyone's day: participant id to their entries, oldest first. */
    Future<Map<String, List<Entry>>> day(LocalDate day);

    /**
     * Erases every day of a participant kept (a participant removed: nothing of theirs stays); how many days there
     * were. {@code today} is the newest day that can hold steps.
     */
    Future<Integer> erase(String participantId, LocalDate today);
}
