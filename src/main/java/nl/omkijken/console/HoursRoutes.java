package nl.omkijken.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import nl.omkijken.hours.CurrentHours;
import nl.omkijken.hours.OpeningHours;
import nl.omkijken.hours.OpeningHoursReader;

/**
 * Coordinators keep the lines' opening hours in the console: the hours as text (the format of
 * dialogs/hours.yaml, explained on the page), every mistake named with its place before anything is
 * saved, and a preview of the coming two weeks per line, holidays named. A save is in force on every
 * instance within seconds, and in the audit log.
 */
final class HoursRoutes {
    static final int PREVIEW_DAYS = 14;
    /** Below the console's body limit (16 KiB), so a long text gets this reason, not the body limit's. */
    static final int MAX_TEXT = 15_000;

    private final CurrentHours hours;
    private final AuditLog audit;
    private final Clock clock;
    private final List<String> lines;

    HoursRoutes(CurrentHours hours, AuditLog audit, Clock clock, List<String> lines) {
        this.hours = hours;
        this.audit = audit;
        this.clock = clock;
        this.lines = lines;
    }

    void mount(Router router, ConsoleApi.SignedRoute signed) {
        signed.add(router.get("/console/api/hours")::handler, (ctx, s) -> {
            require(s);
            return hours.storedVersion().map(v -> view().put("version", String.valueOf(v)));
        });
        signed.add(router.post("/console/api/hours")::handler, (ctx, s) -> {
            require(s);
            io.vertx.core.json.JsonObject body = ConsoleApi.body(ctx);
            Object text = body.getValue("yaml");
            if (!(text instanceof String yaml) || yaml.length() > MAX_TEXT) {
                throw new ConsoleAuth.Refused(400, "invalid", "Schrijf de openingstijden (hoogstens " + MAX_TEXT + " tekens).");
            }
            return save(s, yaml, version(body));
        });
        // The same hours from the form: written as hours text, then checked and saved as the text is.
        signed.add(router.post("/console/api/hours/form")::handler, (ctx, s) -> {
            require(s);
            io.vertx.core.json.JsonObject body = ConsoleApi.body(ctx);
            long over = version(body);
            Object form = body.getValue("form");
            String yaml = HoursForm.write(form instanceof JsonObject f ? f : null, lines);
            if (yaml.length() > MAX_TEXT) throw new ConsoleAuth.Refused(400, "invalid", "Te veel uitzonderingen of seizoenen om op te slaan.");
            return save(s, yaml, over);
        });
    }

    /** The version the coordinator started from: a save in between is not silently undone. */
    private static long version(JsonObject body) {
        Object given = body.getValue("version");
        try {
            return given instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(given));
        } catch (NumberFormatException e) {
            throw new ConsoleAuth.Refused(400, "invalid", "Laad de openingstijden opnieuw en sla dan op.");
        }
    }

    private Future<JsonObject> save(ConsoleAuth.Signed s, String yaml, long over) {
        try {
            return hours.save(yaml, s.worker().id(), clock.instant(), over)
                    .recover(e -> Future.failedFuture(e instanceof nl.omkijken.hours.HoursStore.Stale
                            ? new ConsoleAuth.Refused(409, "stale", "Iemand anders heeft de openingstijden intussen opgeslagen. "
                                    + "Kopieer uw wijziging, laad de pagina opnieuw en voeg haar daarna toe.") : e))
                    // Saved is saved: an audit entry that cannot be written is logged, not a failed save.
                    .compose(v -> audit.record(new AuditLog.Entry(clock.instant(), s.worker().id(), "save_hours", ""))
                            .recover(e -> Future.succeededFuture()))
                    .map(v -> view());
        } catch (OpeningHoursReader.Invalid e) {
            throw new Problems(e.dutch(), e.problems());
        }
    }

    /** The hours in force, where they come from, and each line's coming two weeks. */
    private JsonObject view() {
        OpeningHours in = hours.hours();
        LocalDate today = clock.instant().atZone(OpeningHours.ZONE).toLocalDate();
        JsonObject preview = new JsonObject();
        for (String line : lines) {
            JsonArray days = new JsonArray();
            for (OpeningHours.Day d : in.preview(line, today, PREVIEW_DAYS)) {
                days.add(new JsonObject().put("date", d.date().toString())
                        .put("weekday", d.date().getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.forLanguageTag("nl")))
                        .put("hours", new JsonArray(d.hours())).put("holiday", d.holiday()));
            }
            preview.put(line, new JsonObject().put("scheduled", in.scheduled(line)).put("days", days));
        }
        java.util.Map<String, String> text = hours.text();
        // The form of the hours in force; null when the text has a shape the form cannot show.
        return new JsonObject(new java.util.HashMap<>(text)).put("preview", preview).put("form", HoursForm.read(text.get("yaml"), lines));
    }

    private static void require(ConsoleAuth.Signed s) {
        if (!s.worker().role().supervises()) {
            throw new ConsoleAuth.Refused(403, "role", "Alleen coördinatoren en beheerders beheren de openingstijden.");
        }
    }

    /** The hours text has mistakes: each with its place, answered as 400 with the list. */
    static final class Problems extends RuntimeException {
        final List<String> problems;
        final List<String> english;

        Problems(List<String> dutch, List<String> english) {
            super("invalid opening hours", null, false, false);
            this.problems = List.copyOf(dutch);
            this.english = List.copyOf(english);
        }
    }
}
