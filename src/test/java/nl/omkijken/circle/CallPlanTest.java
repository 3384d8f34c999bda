package nl.omkijken.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The day's calls: in each window, on the right days, summer time right, never more per second than allowed. */
class CallPlanTest {
    private static Participant p(String id, String from, String until, Set<DayOfWeek> days, boolean active) {
        return new Participant(id, "P " + id, "+3161234" + String.format("%04d", Math.abs(id.hashCode()) % 10000), "nl",
                LocalTime.parse(from), LocalTime.parse(until), days, null, null, "", "",
                new Participant.Consent("participant", LocalDate.of(2026, 1, 5), "paper"), active, Instant.EPOCH);
    }

    private static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);

    @Test
    void eachIsCalledAtTheStartOfTheirWindowInDutchTimeOnTheirDaysOnly() {
        LocalDate monday = LocalDate.of(2026, 12, 7);
        List<Participant> all = List.of(p("a", "09:30", "10:30", EVERY_DAY, true),
                p("b", "08:00", "09:00", EnumSet.of(DayOfWeek.TUESDAY), true),
                p("c", "10:00", "11:00", EVERY_DAY, false),
                p("d", "11:00", "12:00", EVERY_DAY, true));
        CallPlan.Day day = CallPlan.of(all, monday, 1, x -> x.id().equals("d"));
        assertEquals(List.of(new CallPlan.Planned("a", Instant.parse("2026-12-07T08:30:00Z"))), day.calls(),
                "winter: 09:30 in Amsterdam is 08:30 UTC; b not on Mondays, c paused, d away");
    }

    @Test
    void summerTimeIsRightOnTheDaysItChanges() {
        Participant early = p("e", "02:30", "03:30", EVERY_DAY, true);
        // 29 March 2026: 02:00 becomes 03:00; 02:30 does not exist and is taken as 03:30 summer time (01:30 UTC).
        assertEquals(Instant.parse("2026-03-29T01:30:00Z"), CallPlan.of(List.of(p("x", "02:30", "04:00", EVERY_DAY, true)),
                LocalDate.of(2026, 3, 29), 1, x -> false).calls().get(0).at());
        // 25 October 2026: 02:30 happens twice; the first (summer time, 00:30 UTC).
        assertEquals(Instant.parse("2026-10-25T00:30:00Z"), CallPlan.of(List.of(early), LocalDate.of(2026, 10, 25), 1, x -> false)
                .calls().get(0).at());
        assertEquals(Instant.parse("2026-07-01T07:00:00Z"), CallPlan.of(List.of(p("s", "09:00", "10:00", EVERY_DAY, true)),
                LocalDate.of(2026, 7, 1), 1, x -> false).calls().get(0).at());
    }

    @Test
    void neverMoreCallsInASecondThanTheLimitAndWhatDoesNotFitIsNamed() {
        List<Participant> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) many.add(p("p" + i, i % 2 == 0 ? "09:00" : "09:30", "11:00", EVERY_DAY, true));
        CallPlan.Day day = CallPlan.of(many, LocalDate.of(2026, 12, 8), 5, x -> false);
        assertEquals(10_000, day.calls().size());
        assertTrue(day.notFitting().isEmpty());
        Map<Instant, Integer> perSecond = new HashMap<>();
        for (CallPlan.Planned c : day.calls()) perSecond.merge(c.at(), 1, Integer::sum);
        assertTrue(perSecond.values().stream().allMatch(n -> n <= 5), "at most five a second");
        // 5,000 windows open at 09:00 and take 1,000 seconds (until 09:16:39); the other 5,000 open at 09:30: the
        // last is called at 09:46:39 (08:46:39 UTC).
        assertEquals(Instant.parse("2026-12-08T08:16:39Z"), day.calls().get(4_999).at());
        assertEquals(Instant.parse("2026-12-08T08:46:39Z"), day.calls().get(day.calls().size() - 1).at());

        // A quarter of an hour holds 900 calls at one a second: the 901st does not fit, and is named.
        List<Participant> crowd = new ArrayList<>();
        for (int i = 0; i < 901; i++) crowd.add(p(String.format("q%04d", i), "09:00", "09:15", EVERY_DAY, true));
        CallPlan.Day full = CallPlan.of(crowd, LocalDate.of(2026, 12, 8), 1, x -> false);
        assertEquals(900, full.calls().size());
        assertEquals(List.of("q0900"), full.notFitting());
    }
}
