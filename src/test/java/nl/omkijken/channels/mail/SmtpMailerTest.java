package nl.omkijken.channels.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.fakes.FakeSmtp;
import org.junit.jupiter.api.Test;

/** Vert.x's SMTP client against a mail server on 127.0.0.1: one mail after another, and several at once. */
class SmtpMailerTest {
    @Test
    void mailsGoOneAfterAnotherAndSeveralAtOnce() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (FakeSmtp smtp = new FakeSmtp()) {
            SmtpMailer mailer = new SmtpMailer(vertx, "127.0.0.1", smtp.port(), "none", null, null, "helpdesk@pep.example.nl");
            assertTrue(Await.result(mailer.send("a@example.nl", "Eén", "tekst", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")));
            assertTrue(Await.result(mailer.send("b@example.nl", "Twee", "tekst", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")));
            Await.result(Future.all(List.of(mailer.send("c@example.nl", "Drie", "t", "x"), mailer.send("d@example.nl", "Vier", "t", "x"))));
            assertEquals(4, smtp.received().size());
            assertTrue(smtp.received().get(0).data().contains("afspraak.ics"));
            Await.result(mailer.close());
        } finally {
            Await.result(vertx.close());
        }
    }
}
