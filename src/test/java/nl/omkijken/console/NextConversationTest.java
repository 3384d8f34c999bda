package nl.omkijken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import nl.omkijken.routing.Routing;
import nl.omkijken.routing.RoutingReader;
import org.junit.jupiter.api.Test;

/** Which waiting conversation a worker gets next: the routing rules on their own. */
class NextConversationTest {
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final Routing ROUTING = RoutingReader.parseText(
            "helpdesk: {districts: {slot: stadsdeel, names: [Centrum, Laak], whole_line_after: 15m}}",
            List.of("helpdesk", "luisterlijn"));
    private static final Predicate<Worker> ROOM = w -> true;

    private static Worker worker(String id, Set<String> queues, Set<String> languages) {
        return new Worker(id, "Worker " + id, Role.VOLUNTEER, queues, "$argon2id$x", NOW, 3, languages, true);
    }

    private static NextConversation.Waiting waiting(String id, String queue, String language, int minutesAgo, boolean urgent) {
        Instant at = NOW.minus(Duration.ofMinutes(minutesAgo));
        long score = urgent ? at.toEpochMilli() - nl.omkijken.handoff.Handoff.URGENT_OFFSET_MILLIS : at.toEpochMilli();
        return new NextConversation.Waiting(id, queue, language, urgent, score, at);
    }

    private static List<String> next(Worker me, List<NextConversation.Waiting> waiting, List<Worker> online, Predicate<Worker> room) {
        return NextConversation.forWorker(me, waiting, online, room, ROUTING, NOW).stream()
                .map(NextConversation.Waiting::conversationId).toList();
    }

    @Test
    void crisisFirstThenWhoWaitedLongestInTheQueuesTheWorkerServes() {
        Worker nina = worker("nina", Set.of("luisterlijn"), Set.of("nl"));
        List<NextConversation.Waiting> w = List.of(waiting("new", "luisterlijn", "nl", 1, false),
                waiting("old", "luisterlijn", "nl", 20, false), waiting("crisis", "luisterlijn", "nl", 0, true),
                waiting("helpdesk", "helpdesk", "nl", 60, false), waiting("crisis-earlier", "luisterlijn", "nl", 2, true));
        assertEquals(List.of("crisis-earlier", "crisis", "old", "new"), next(nina, w, List.of(nina), ROOM));
    }

    @Test
    void anotherLanguageIsLeftForAColleagueWhoSpeaksItAndHasRoom() {
        Worker nina = worker("nina", Set.of("luisterlijn"), Set.of("nl"));
        Worker emma = worker("emma", Set.of("luisterlijn"), Set.of("nl", "en"));
        List<NextConversation.Waiting> w = List.of(waiting("en", "luisterlijn", "en", 10, false), waiting("nl", "luisterlijn", "nl", 5, false));
        assertEquals(List.of("nl"), next(nina, w, List.of(nina, emma), ROOM));
        assertEquals(List.of("en", "nl"), next(emma, w, List.of(nina, emma), ROOM));
        // Emma is full, or not online: someone rather than no one.
        assertEquals(List.of("en", "nl"), next(nina, w, List.of(nina, emma), x -> !x.id().equals("emma")));
        assertEquals(List.of("en", "nl"), next(nina, w, List.of(nina), ROOM));
        // A crisis in English is not left waiting for the English speaker.
        List<NextConversation.Waiting> urgent = List.of(waiting("en-crisis", "luisterlijn", "en", 0, true));
        assertEquals(List.of("en-crisis"), next(nina, urgent, List.of(nina, emma), ROOM));
    }

    @Test
    void aStadsdeelsConversationIsKeptForItsAccountHolderForAWhile() {
        Worker laak = worker("laak", Set.of("helpdesk:laak"), Set.of("nl"));
        Worker desk = worker("desk", Set.of("helpdesk"), Set.of("nl"));
        List<NextConversation.Waiting> w = List.of(waiting("fresh", "helpdesk:laak", "nl", 5, false),
                waiting("long", "helpdesk:laak", "nl", 16, false), waiting("centrum", "helpdesk:centrum", "nl", 3, false),
                waiting("unknown", "helpdesk", "nl", 1, false));
        List<Worker> both = List.of(laak, desk);
        assertEquals(List.of("long", "fresh"), next(laak, w, both, ROOM), "Laak's account holder serves Laak's queue only");
        // The whole helpdesk: Laak's conversation after 15 minutes; Centrum's at once (nobody of Centrum online).
        assertEquals(List.of("long", "centrum", "unknown"), next(desk, w, both, ROOM));
        // Laak's account holder away or full: the whole helpdesk at once.
        assertEquals(List.of("long", "fresh", "centrum", "unknown"), next(desk, w, List.of(desk), ROOM));
        assertEquals(List.of("long", "fresh", "centrum", "unknown"), next(desk, w, both, x -> !x.id().equals("laak")));
        // Kept only for an account holder who can take it: an English one, while Laak's speaks only Dutch, goes
        // to the helpdesk colleague who speaks English (and is not left to nobody).
        Worker deskEn = worker("desk-en", Set.of("helpdesk"), Set.of("nl", "en"));
        List<NextConversation.Waiting> english = List.of(waiting("en", "helpdesk:laak", "en", 2, false));
        assertEquals(List.of("en"), next(deskEn, english, List.of(laak, deskEn), ROOM));
        assertEquals(List.of(), next(laak, english, List.of(laak, deskEn), ROOM), "left for the colleague who speaks English");
        // A crisis is everyone's at once.
        assertEquals(List.of("crisis"), next(desk, List.of(waiting("crisis", "helpdesk:laak", "nl", 0, true)), both, ROOM));
    }

    @Test
    void aSwitchedOffWorkerGetsNothing() {
        Worker off = new Worker("off", "Off", Role.VOLUNTEER, Set.of("luisterlijn"), "$argon2id$x", NOW, 3, Set.of("nl"), false);
        assertEquals(List.of(), next(off, List.of(waiting("a", "luisterlijn", "nl", 1, true)), List.of(), ROOM));
    }
}
