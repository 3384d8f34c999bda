package nl.omkijken.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.omkijken.engine.PhoneTexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** phone.yaml and the phone texts of dialogs (nl_phone): read, and every mistake named with its place. */
class PhoneTextsReaderTest {
    @Test
    void theProjectsPhoneTextsAreReadAndTheCheckInHasItsOwnSpokenQuestion() {
        LoadResult r = DialogLoader.load(Path.of("dialogs"));
        assertEquals(java.util.List.of(), r.errors());
        PhoneTexts phone = r.dialogSet().phone();
        assertTrue(phone.present());
        assertTrue(phone.repeatHint().in("nl").contains("9"));
        var vraag = (nl.omkijken.engine.Step.Ask) r.dialogSet().dialog("telefooncirkel_checkin").step("vraag");
        assertTrue(vraag.prompt().onPhone("nl").contains("Toets 1"), vraag.prompt().onPhone("nl"));
        assertTrue(vraag.prompt().in("nl").contains("Antwoord met een cijfer"), "the message keeps its own text");
    }

    @Test
    void mistakesAreNamedWithTheirPlace(@TempDir Path dir) throws IOException {
        TestFolders.copy(Path.of("dialogs"), dir);
        Files.writeString(dir.resolve("phone.yaml"), """
                not_heard: {nl: "Ik heb je niet gehoord.", en: "I didn't hear you."}
                repeat_hint: {nl: "Toets een ster.", en: "Press star."}
                hang_up: {nl: "Dag!"}
                not_by_phone: {nl: "Bel 112 of 0800-0113.", en: "Call 112, 113 or 0800-0113."}
                already_waiting: {nl: "Er wordt teruggebeld.", en: "Someone will call back."}
                trouble: {nl: "Mis. Bel 112, 113 of 0800-0113.", en: "Wrong. Call 112, 113 or 0800-0113.", nl_phone: "x"}
                ringtone: {nl: "tuut", en: "beep"}
                """);
        // A dialog route may not take the phone's repeat key, and a phone text keeps the line's register.
        Path checkin = dir.resolve("telefooncirkel/checkin.yaml");
        String yaml = Files.readString(checkin)
                .replace("digit: \"3\"\n        keywords: [\"morgen niet\"", "digit: \"9\"\n        keywords: [\"morgen niet\"")
                .replace("nl_phone: \"Goedendag {contact.first_name|}, u spreekt", "nl_phone: \"Hoi {contact.first_name|}, je spreekt");
        Files.writeString(checkin, yaml);
        LoadResult r = DialogLoader.load(dir);
        String all = r.errors().toString();
        for (String expected : new String[] {"not_heard: every line says this", "repeat_hint: the nl text must name the key 9",
                "hang_up", "has no en text", "not_by_phone: the nl text must name 112, 113 and 0800-0113",
                "trouble: these texts are only said on the phone", "ringtone", "digit 9, which is the phone's key",
                "ask (nl_phone)"}) {
            assertTrue(all.contains(expected), expected + " not in " + all);
        }
    }

    /** Each version a person hears is checked on its own: the phone's, the closed line's, a kind's own dialog. */
    @Test
    void everyVersionOfTheCrisisTextsGivesTheNumbers(@TempDir Path dir) throws IOException {
        TestFolders.copy(Path.of("dialogs"), dir);
        Path crisis = dir.resolve("shared/crisis.yaml");
        String yaml = Files.readString(crisis);
        // The phone version of the second text drops the helplines, the first text says them only when written.
        yaml = yaml.replace("      nl_phone: \"Dit is een automatische telefoon. Er wordt nu een medewerker gewaarschuwd, die zo snel mogelijk terugbelt. Wacht daar niet op als het niet gaat: bel gratis 0800-0113 of 113, dag en nacht. Direct gevaar? Bel 112.\"",
                "      nl_phone: \"Dit is een automatische telefoon. Er wordt nu een medewerker gewaarschuwd.\"");
        yaml = yaml.replace("    say:\n      nl: \"Wat fijn dat je het zegt.", "    say:\n      nl_phone: \"Wat fijn dat het gezegd wordt.\"\n      nl: \"Wat fijn dat je het zegt.");
        Files.writeString(crisis, yaml);
        Path kind = dir.resolve("shared/noodgeval.yaml");
        Files.writeString(kind, Files.readString(kind)
                .replace("Bel meteen 112. Ik ben een automatische assistent", "Bel meteen de huisarts. Ik ben een automatische assistent")
                .replace("Hang dan op en bel meteen 112.", "Hang dan op en bel de huisarts.")
                .replace("Call 112 straight away.", "Call your GP straight away.")
                .replace("Then hang up and call 112 straight away.", "Then hang up and call your GP."));
        LoadResult r = DialogLoader.load(dir);
        String all = r.errors().toString();
        for (String expected : new String[] {"the crisis dialog's nl phone texts lack 113, 0800-0113, 112",
                "this crisis kind's nl messages lack 112", "this crisis kind's en messages lack 112"}) {
            assertTrue(all.contains(expected), expected + " not in " + all);
        }
    }
}
