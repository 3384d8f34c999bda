package nl.omkijken.circle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * When each participant is called on a day: at the start of their window (Dutch time, the day's own
 * offset: summer time is right on the days it changes), no more calls in any second than the account's
 * limit allows, later ones moved a second on, in the order of their windows (and of enrolment). A call that would fall
 * outside its window does not fit: the coordinator hears it at enrolment, not on the day.
 */
public final class CallPlan {
    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    /** A participant's call on the day. */
    public record Planned(String participantId, Instant at) {}

    /** The day's calls, and the participants whose window has no room left. */
    public record Day(LocalDate day, List<Planned> calls, List<String> notFitting) {
        public Day {
            calls = List.copyOf(calls);
            notFitting = List.copyOf(notFitting);
        }
    }

    private CallPlan() {}

    /**
     * @param callsPerSecond the most calls placed in any one second (Twilio's account limit, configured)
     * @param away           participants away that day (a planned absence): not called, no alarm
     */
    public static Day of(List<Participant> participants, LocalDate day, int callsPerSecond, Predicate<Participant> away) {
        if (callsPerSecond < 1) throw new IllegalArgumentException("at least one call a second");
        List<Participant> today = new ArrayList<>();
        for (Participant p : participants) {
            if (p.active() && p.days().contains(day.getDayOfWeek()) && !away.test(p)) today.add(p);
        }
        // Whoever was enrolled first keeps their place: a new enrolment never pushes an earlier one out of its window.
        today.sort(Comparator.comparing((Participant p) -> start(p, day)).thenComparing(Participant::enrolledAt)
                .thenComparing(Participant::id));
        Map<Long, Integer> perSecond = new HashMap<>();
        List<Planned> calls = new ArrayList<>();
        List<String> notFitting = new ArrayList<>();
        for (Participant p : today) {
            long second = start(p, day).getEpochSecond();
            long last = end(p, day).getEpochSecond();
            while (perSecond.getOrDefault(second, 0) >= callsPerSecond) second++;
            if (second >= last) {
                notFitting.add(p.id());
                continue;
            }
            perSecond.merge(second, 1, Integer::sum);
            calls.add(new Planned(p.id(), Instant.ofEpochSecond(second)));
        }
        calls.sort(Comparator.comparing(Planned::at).thenComparing(Planned::participantId));
        return new Day(day, calls, notFitting);
    }

    /** The window's start on that day; a time summer time skips (02:30 on the last Sunday of March) moves on an hour. */
    static Instant start(Participant p, LocalDate day) {
        return ZonedDateTime.ofLocal(day.atTime(p.callFrom()), ZONE, null).toInstant();
    }

    static Instant end(Participant p, LocalDate day) {
        return ZonedDateTime.ofLocal(day.atTime(p.callUntil()), ZONE, null).toInstant();
    }
}
