package nl.omkijken.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.omkijken.testing.ProjectDialogs;
import org.junit.jupiter.api.Test;

/** A photo or voice note without words gets a kind "I read text only", and the dialog goes on. */
class MediaOnlyTest {
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private final Engine engine = new Engine(ProjectDialogs.shared());
    private final Contact contact = Contact.unknown("sms:x");

    private Engine.Turn send(Session s, String text, int media) {
        return engine.handle(s, contact, new Input.Text(text, Understanding.none(), media), NOW, Map.of());
    }

    @Test
    void aFirstMessageWithOnlyAPhotoGetsTheNoteAndTheWelcome() {
        Engine.Turn t = send(Session.fresh("sms:x", "luisterlijn", "nl", NOW), "", 1);
        List<String> replies = t.replies();
        assertTrue(replies.get(0).contains("alleen tekst lezen"), replies.toString());
        assertTrue(replies.get(1).contains("Luisterlijn"), "then the welcome: " + replies);
        assertTrue(t.session().started());
    }

    @Test
    void midFlowTheQuestionIsAskedAgainAndNothingElseChanges() {
        Engine.Turn first = send(Session.fresh("sms:x", "helpdesk", "en", NOW), "hello", 0);
        String question = first.replies().get(first.replies().size() - 1);
        Engine.Turn photo = send(first.session(), " ", 2);
        assertEquals(2, photo.replies().size(), photo.replies().toString());
        assertTrue(photo.replies().get(0).contains("only read text"));
        assertEquals(question, photo.replies().get(1));
        assertEquals(first.session().step(), photo.session().step());
        assertEquals(0, photo.session().retries(), "a photo is not a wrong answer");
    }

    @Test
    void aPhotoWithACaptionIsReadAsText() {
        Engine.Turn first = send(Session.fresh("sms:x", "luisterlijn", "nl", NOW), "hoi", 0);
        Engine.Turn withCaption = send(first.session(), "1", 1);
        assertEquals(Ownership.WAITING, withCaption.session().ownership());
    }
}
