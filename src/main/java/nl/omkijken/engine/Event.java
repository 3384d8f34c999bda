package nl.omkijken.engine;

import java.time.Instant;
import java.util.List;

/** What a turn decided; the runner applies each with its own handler. */
public sealed interface Event {
    /** A message to send to the person. {@code buttons} are quick replies, in order. */
    /**
     * Something said to the person. {@code spoken} is what the phone says instead of {@code text} when the
     * dialog wrote a phone text for it ({@code nl_phone}), else null: the phone says the text.
     */
    record Reply(String text, List<Button> buttons, String spoken) implements Event {
        public Reply { buttons = List.copyOf(buttons); }

        public Reply(String text, List<Button> buttons) {
            this(text, buttons, null);
        }

        /** What a caller hears. */
        public String forPhone() {
            return spoken != null ? spoken : text;
        }
    }

    record Button(String label, String digit) {}

    /** The person needs a human. Urgent requests go to the head of the queue. */
    record HandoffRequested(String queue, Step.Priority priority, String reason) implements Event {}

    /**
     * A waiting handoff was not taken over within its time: the second alert (rule: an urgent handoff
     * has an acknowledgement timer and a second escalation level). {@code waited} is how long.
     */
    record HandoffUnanswered(String queue, Step.Priority priority, String reason, java.time.Duration waited) implements Event {}

    /** The direct question about suicide was asked (a message at risk level possible); the answer decides. */
    record RiskQuestionAsked() implements Event {}

    /** A crisis signal was found; the shared crisis step is running. */
    record CrisisDetected(String dialog, String step) implements Event {}

    /** A follow-up to run at {@code dueAt}; a timer of the same name replaces the earlier one. */
    record TimerScheduled(String timer, Instant dueAt, String target, long token) implements Event {}

    record TimerCancelled(String timer) implements Event {}

    record LanguageChanged(String language) implements Event {}

    /** The person asked to receive nothing more. Nothing is sent after the confirmation. */
    record OptedOut() implements Event {}

    record OptedIn() implements Event {}

    record ConversationEnded(Outcome outcome) implements Event {}

    /** A caller started waiting on the phone line for a worker (once per call). */
    record CallOffered() implements Event {}

    /** The caller waiting on the line was put through to the worker who took them. */
    record CallAnswered() implements Event {}

    /** The caller hung up while waiting on the line (or while being put through), before any talk. */
    record CallAbandoned() implements Event {}

    /** A value was saved, for reports and staff (never logged with its content). */
    record SlotFilled(String slot) implements Event {}

    /** A value to keep on the person beyond this conversation (a collect step's remember:). */
    record Remembered(String name, String value) implements Event {}

    /**
     * The person chose a free time: the runner books it atomically before the turn is saved. When it was taken
     * meanwhile, the turn runs again with the slot in the fact {@code slot_taken}, and the person is offered others.
     */
    record SlotChosen(String slotId) implements Event {}

    /** The person cancelled their booked talk: the runner frees its time. */
    record AppointmentCancelled(String bookingId) implements Event {}

    /** The person moved their talk: the booking of the chosen time cancels the earlier one, which is said to them. */
    record AppointmentMoved(String earlierBookingId) implements Event {}

    /** The person asked for something we do not do and was told who does (dialogs/referrals.yaml). */
    record Referred(String referral) implements Event {}
}
