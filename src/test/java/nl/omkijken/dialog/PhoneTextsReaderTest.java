package nl.omkijken.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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
        copy(Path.of("dialogs"), dir);
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

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
