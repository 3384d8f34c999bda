package nl.omkijken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import nl.omkijken.hours.OpeningHours;
import nl.omkijken.hours.OpeningHoursReader;
import org.junit.jupiter.api.Test;

/** The opening hours as a form: read from the hours text and written back to the same hours. */
class HoursFormTest {
    private static final List<String> LINES = List.of("luisterlijn", "helpdesk", "telefooncirkel");

    @Test
    void theProjectsHoursGoThroughTheFormUnchanged() throws Exception {
        String yaml = Files.readString(Path.of("dialogs", "hours.yaml"));
        JsonObject form = HoursForm.read(yaml, LINES);
        JsonObject l = form.getJsonObject("lines").getJsonObject("luisterlijn");
        assertEquals("09:00-21:00", l.getJsonObject("weekly").getString("monday"));
        assertEquals("winterlijn", l.getJsonArray("seasons").getJsonObject(0).getString("name"));
        String written = HoursForm.write(form, LINES);
        OpeningHours before = OpeningHoursReader.parseText(yaml, LINES);
        OpeningHours after = OpeningHoursReader.parseText(written, LINES);
        // A year of days, holidays and seasons included, is the same on every line.
        for (String line : LINES) {
            assertEquals(before.preview(line, LocalDate.of(2026, 1, 1), 800), after.preview(line, LocalDate.of(2026, 1, 1), 800), line);
        }
        // And once more through the form: the same text (the form writes one way only).
        assertEquals(written, HoursForm.write(HoursForm.read(written, LINES), LINES));
    }

    @Test
    void aLineSwitchedOffIsOpenAtAllHoursAndDutchDayNamesAreRead() {
        JsonObject form = HoursForm.read("helpdesk:\n  weekly:\n    maandag: \"09:00-12:00, 13:00-17:00\"\n    dinsdag: gesloten\n", LINES);
        JsonObject lines = form.getJsonObject("lines");
        assertEquals(false, lines.getJsonObject("luisterlijn").getBoolean("scheduled"));
        assertEquals("09:00-12:00, 13:00-17:00", lines.getJsonObject("helpdesk").getJsonObject("weekly").getString("monday"));
        assertEquals("closed", lines.getJsonObject("helpdesk").getJsonObject("weekly").getString("tuesday"));
        assertEquals("closed", lines.getJsonObject("helpdesk").getJsonObject("weekly").getString("sunday"));
        String yaml = HoursForm.write(form, LINES);
        assertTrue(yaml.contains("helpdesk:") && !yaml.contains("luisterlijn:"), yaml);
        assertTrue(OpeningHoursReader.parseText(yaml, LINES).scheduled("helpdesk"));
    }

    @Test
    void textTheFormCannotShowIsLeftToTheTextEditor() {
        assertNull(HoursForm.read("luisterlijn: [1, 2]", LINES));
        assertNull(HoursForm.read("luisterlijn:\n  weekly:\n    someday: \"09:00-17:00\"\n", LINES));
        assertNull(HoursForm.read("luisterlijn: {weekly: {monday: \"09:00-17:00\"", LINES));
    }

    @Test
    void everyWrongFieldIsNamedAtOnce() {
        JsonObject form = HoursForm.read("", LINES);
        JsonObject l = form.getJsonObject("lines").getJsonObject("luisterlijn").put("scheduled", true);
        l.getJsonObject("weekly").put("monday", "9 tot 5").put("tuesday", "  ");
        l.getJsonArray("exceptions").add(new JsonObject().put("date", "24-12-2026").put("hours", "closed"))
                .add(new JsonObject().put("date", "2026-12-31").put("hours", "09:00-16:00"))
                .add(new JsonObject().put("date", "2026-12-31").put("hours", ""));
        l.getJsonArray("seasons").add(new JsonObject().put("name", "winter\"; rm").put("from", "2027-03-01").put("to", "2027-01-01")
                .put("weekly", new JsonObject()));
        form.getJsonObject("lines").put("nergens", new JsonObject());
        FieldErrors e = assertThrows(FieldErrors.class, () -> HoursForm.write(form, LINES));
        assertEquals(List.of("nergens", "luisterlijn.weekly.monday", "luisterlijn.exceptions.0.date", "luisterlijn.exceptions.2.date",
                "luisterlijn.seasons.0.name", "luisterlijn.seasons.0.to"), List.copyOf(e.fields.keySet()), e.fields.toString());
        assertThrows(FieldErrors.class, () -> HoursForm.write(new JsonObject().put("lines", new JsonArray()), LINES));
    }

    @Test
    void anExceptionAddedInTheFormClosesThatDay() {
        JsonObject form = HoursForm.read("luisterlijn:\n  weekly:\n    monday: \"09:00-17:00\"\n", LINES);
        form.getJsonObject("lines").getJsonObject("luisterlijn").getJsonArray("exceptions")
                .add(new JsonObject().put("date", "2027-01-04").put("hours", "closed"));
        form.getJsonObject("lines").getJsonObject("luisterlijn").getJsonArray("exceptions")
                .add(new JsonObject().put("date", "2026-12-31").put("hours", "09:00-16:00"));
        String yaml = HoursForm.write(form, LINES);
        assertTrue(yaml.indexOf("2026-12-31") < yaml.indexOf("2027-01-04"), "in the order of the calendar: " + yaml);
        OpeningHours h = OpeningHoursReader.parseText(yaml, LINES);
        assertEquals(List.of(), h.preview("luisterlijn", LocalDate.of(2027, 1, 4), 1).get(0).hours());
        assertEquals(List.of("09:00-17:00"), h.preview("luisterlijn", LocalDate.of(2027, 1, 11), 1).get(0).hours());
    }
}
