package nl.omkijken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.omkijken.testing.ConsoleClient;
import nl.omkijken.testing.Http;
import nl.omkijken.testing.OpenDay;
import nl.omkijken.testing.RunningService;
import nl.omkijken.testing.TestWorkers;
import nl.omkijken.testing.fakes.FakeSmtp;
import nl.omkijken.testing.fakes.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a mail server (SMTP_HOST; here a fake one on 127.0.0.1 and Vert.x's real SMTP client), a booked talk's
 * calendar invite goes to the e-mail address given in the intake; moving the talk sends the earlier one's
 * cancellation and the new one's invite.
 */
class AppointmentMailTest {
    private static final String PASSWORD = "agenda spreekuur escamp 4";

    private static void say(Http http, String text) {
        HttpResponse<String> r = http.postJson("/sandbox/api/conversations/fatima/messages",
                new JsonObject().put("text", text).put("line", "helpdesk").encode());
        assertEquals(200, r.statusCode(), r.body());
    }

    /** The text/calendar part of a message, decoded. */
    private static String invite(String data) {
        Matcher m = Pattern.compile("Content-Type: text/calendar[^\\r\\n]*\\r\\n(?:[^\\r\\n]+\\r\\n)*\\r\\n([A-Za-z0-9+/=\\r\\n]+?)\\r\\n(?:--|$)")
                .matcher(data);
        assertTrue(m.find(), data);
        return new String(Base64.getMimeDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
    }

    @Test
    void theInviteGoesToTheAddressGivenAndAMoveSendsTheCancellationAndTheNewOne(@TempDir Path data) throws Exception {
        try (FakeSmtp smtp = new FakeSmtp();
             RunningService service = RunningService.start(data, Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", String.valueOf(smtp.port()),
                     "SMTP_SECURITY", "none", "SMTP_FROM", "helpdesk@pep.example.nl"))) {
            TestWorkers.add(service.redisUrl(), "Sanne Accounthouder", Role.STAFF, Set.of("helpdesk:escamp"), PASSWORD);
            ConsoleClient sanne = new ConsoleClient(service.base());
            assertEquals(200, sanne.signIn("Sanne Accounthouder", PASSWORD).statusCode());
            LocalDate day = OpenDay.ahead();
            assertEquals(200, sanne.post("/console/api/appointments", new JsonObject().put("district", "Escamp").put("kind", "accounthouder")
                    .put("date", day.toString()).put("from", "13:00").put("to", "14:30").put("minutes", 45).put("holder", "Sanne")
                    .put("place", "telefonisch")).statusCode());
            Http http = new Http(service.base());
            for (String text : List.of("Wij willen een afspraak maken met de accounthouder", "Stichting Buurtfeest Moerwijk", "Moerwijk",
                    "Fatima el Amrani", "fatima@buurtfeest.nl", "2", "1", "1")) {
                say(http, text);
            }
            Poll.until(() -> smtp.received().size() == 1, Duration.ofSeconds(15), "the invite");
            FakeSmtp.Received first = smtp.received().get(0);
            assertEquals("helpdesk@pep.example.nl", first.from());
            assertEquals(List.of("fatima@buurtfeest.nl"), first.to());
            assertTrue(first.data().contains("Subject: Uw afspraak met de PEP Helpdesk: "), first.data());
            String ics = invite(first.data());
            String start = day.toString().replace("-", "");
            assertTrue(ics.contains("DTSTART:" + start + "T1") && ics.contains("STATUS:CONFIRMED") && ics.contains("SUMMARY:Gesprek met Sanne"), ics);

            // Moved to 13:45: the 13:00 invite cancelled, the new one sent.
            say(http, "afspraak verzetten");
            say(http, "1");
            say(http, "1");
            Poll.until(() -> smtp.received().size() >= 3, Duration.ofSeconds(15), "the cancellation and the new invite: " + smtp.received().size());
            assertEquals(3, smtp.received().size(), smtp.received().stream().map(r -> r.data().lines().filter(l -> l.startsWith("Subject")).findFirst().orElse("")).toList().toString());
            String cancelled = smtp.received().stream().filter(r -> r.data().contains("Subject: Afgezegd:")).findFirst().orElseThrow().data();
            assertTrue(invite(cancelled).contains("STATUS:CANCELLED"));
            String moved = smtp.received().stream().skip(1).filter(r -> r.data().contains("Subject: Uw afspraak met de PEP Helpdesk: ")).findFirst()
                    .orElseThrow().data();
            assertTrue(moved.contains("om 13:45"), moved);
            assertTrue(invite(moved).contains("STATUS:CONFIRMED"));
            String uid = invite(first.data()).lines().filter(l -> l.startsWith("UID:")).findFirst().orElseThrow();
            assertTrue(invite(cancelled).contains(uid), "the cancellation is of the first invite");

            // Staff cancel the 13:45: one cancellation (the console and the dialog both ask for it), with its time.
            io.vertx.core.json.JsonArray slots = new JsonObject(sanne.get("/console/api/appointments").body()).getJsonArray("slots");
            String booked = slots.stream().map(o -> (JsonObject) o).filter(o -> !o.getBoolean("free")).findFirst().orElseThrow().getString("id");
            assertEquals(200, sanne.post("/console/api/appointments/cancel", new JsonObject().put("id", booked)).statusCode());
            Poll.until(() -> smtp.received().size() >= 4, Duration.ofSeconds(15), "the staff's cancellation");
            // The dialog's cancellation task has run (the service counts it), and sent nothing more.
            Poll.until(() -> http.get("/metrics").body().lines().anyMatch(l -> l.startsWith("omk_tasks_total")
                    && l.contains("kind=\"cancel-booking\"") && l.contains("outcome=\"done\"")), Duration.ofSeconds(15), "the dialog's cancellation task");
            assertEquals(4, smtp.received().size(), "one cancellation, not two");
            String byStaff = smtp.received().get(3).data();
            assertTrue(byStaff.contains("Subject: Afgezegd:") && byStaff.contains("13:45"), byStaff);
            assertTrue(invite(byStaff).contains("STATUS:CANCELLED"));
        }
    }
}
