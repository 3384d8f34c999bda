package nl.omkijken.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.omkijken.booking.Booking;
import nl.omkijken.booking.BookingRules;
import nl.omkijken.booking.Slot;

/**
 * The helpdesk's calendar in the console (Afspraken): the account holders' hours and the Pop-up Helpdesk's days per
 * stadsdeel, free or booked, and for each booked talk the intake (organisation, who, the question's topics, the articles
 * the assistant already gave), so the account holder reads it before the talk and nobody asks twice. Everyone who
 * serves the helpdesk reads it (contact details from staff up, as phone numbers elsewhere); staff and up add and
 * remove times. Every change is in the audit log.
 */
final class AppointmentRoutes {
    static final String LINE = "helpdesk";
    /** The dialog that cancels a booked talk and tells the person (dialogs/helpdesk/afzegging.yaml). */
    static final String CANCEL_DIALOG = "helpdesk_afzegging";
    private final HelpdeskPorts ports;
    private final AuditLog audit;
    private final Clock clock;
    private final nl.omkijken.runner.TurnRunner runner;

    AppointmentRoutes(HelpdeskPorts ports, AuditLog audit, Clock clock, nl.omkijken.runner.TurnRunner runner) {
        this.runner = runner;
        this.ports = ports;
        this.audit = audit;
        this.clock = clock;
    }

    void mount(Router router, ConsoleApi.SignedRoute signed) {
        signed.add(router.get("/console/api/appointments")::handler, (ctx, s) -> {
            readable(s);
            LocalDate today = LocalDate.ofInstant(clock.instant(), BookingRules.ZONE);
            return ports.slots().from(today.atStartOfDay(BookingRules.ZONE).toInstant()).compose(slots -> bookings(slots).map(booked -> {
                JsonArray out = new JsonArray();
                for (Slot slot : slots) out.add(json(slot, booked.get(slot.bookingId()), s.worker().role().seesNumbers()));
                JsonArray closures = new JsonArray();
                for (BookingRules.Closure c : ports.rules().closures()) {
                    closures.add(new JsonObject().put("from", c.from().toString().substring(2)).put("to", c.to().toString().substring(2))
                            .put("why", c.why()));
                }
                return new JsonObject().put("slots", out).put("districts", new JsonArray(ports.districts())).put("closures", closures)
                        .put("canChange", s.worker().role().atLeast(Role.STAFF));
            }));
        });
        signed.add(router.post("/console/api/appointments")::handler, (ctx, s) -> {
            changeable(s);
            JsonObject b = ConsoleApi.body(ctx);
            return ports.slots().from(clock.instant()).compose(existing -> {
                Map<String, String> errors = WorkerForm.errors();
                List<Slot> made = AppointmentForm.read(b, ports.districts(), ports.rules(), existing, clock.instant(),
                        () -> "s" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16), errors);
                WorkerForm.failIfAny(errors);
                return ports.slots().add(made)
                        .compose(v -> ports.board().refresh().otherwiseEmpty())
                        .compose(v -> audit.recordDone(new AuditLog.Entry(clock.instant(), s.worker().id(), "add_appointment_times",
                                made.get(0).district() + " " + made.size())))
                        .map(v -> new JsonObject().put("added", made.size()));
            });
        });
        // The knowledge base the assistant answers from, each article with when it must be checked again: one past that
        // date is flagged (the assistant still gives it, with its date on its page), so staff check it.
        signed.add(router.get("/console/api/articles")::handler, (ctx, s) -> {
            readable(s);
            LocalDate today = LocalDate.ofInstant(clock.instant(), BookingRules.ZONE);
            JsonArray out = new JsonArray();
            List<nl.omkijken.knowledge.Article> sorted = new ArrayList<>(ports.knowledge().articles());
            // The overdue first, then the soonest due.
            sorted.sort(java.util.Comparator.comparing((nl.omkijken.knowledge.Article a) -> !a.overdue(today))
                    .thenComparing(nl.omkijken.knowledge.Article::reviewBefore));
            for (nl.omkijken.knowledge.Article a : sorted) {
                out.add(new JsonObject().put("id", a.id()).put("title", a.title().get("nl")).put("topics", new JsonArray(a.topics()))
                        .put("lastReviewed", a.lastReviewed().toString()).put("reviewBefore", a.reviewBefore().toString())
                        .put("overdue", a.overdue(today)).put("link", nl.omkijken.knowledge.KnowledgeBase.PAGES + a.id()));
            }
            return Future.succeededFuture(new JsonObject().put("articles", out)
                    .put("overdue", sorted.stream().filter(a -> a.overdue(today)).count()));
        });
        signed.add(router.post("/console/api/appointments/cancel")::handler, (ctx, s) -> {
            changeable(s);
            Object id = ConsoleApi.body(ctx).getValue("id");
            if (!(id instanceof String slotId) || slotId.isBlank() || slotId.length() > 40) {
                throw new FieldErrors(Map.of("id", "Welke afspraak?"));
            }
            return cancel(s, slotId);
        });
        signed.add(router.post("/console/api/appointments/remove")::handler, (ctx, s) -> {
            changeable(s);
            Object id = ConsoleApi.body(ctx).getValue("id");
            if (!(id instanceof String slotId) || slotId.isBlank() || slotId.length() > 40) {
                throw new FieldErrors(Map.of("id", "Welke tijd?"));
            }
            return ports.slots().remove(slotId).compose(removed -> {
                if (!removed) {
                    throw new ConsoleAuth.Refused(409, "booked", "Deze tijd is geboekt (of bestaat niet meer). Een geboekte tijd haalt u niet weg:"
                            + " neem contact op met wie boekte, die kan de afspraak verzetten of afzeggen.");
                }
                return ports.board().refresh().otherwiseEmpty()
                        .compose(v -> audit.recordDone(new AuditLog.Entry(clock.instant(), s.worker().id(), "remove_appointment_time", slotId)))
                        .map(v -> new JsonObject().put("ok", true));
            });
        });
    }

    /**
     * Staff cancel a booked talk: the cancelling dialog begins in the person's conversation, which tells them (with
     * another time or a call as the way on), and the time leaves the calendar. When it cannot tell them (they talk with a
     * worker, or once sent STOP) the talk is cancelled all the same, and staff are told to let the person know themselves.
     */
    private Future<JsonObject> cancel(ConsoleAuth.Signed s, String slotId) {
        return ports.slots().slot(slotId).compose(slot -> {
            if (slot == null || slot.free()) {
                throw new ConsoleAuth.Refused(409, "not_booked", "Deze tijd is niet (meer) geboekt.");
            }
            return ports.slots().booking(slot.bookingId()).compose(b -> cancel(s, slot, b));
        });
    }

    private Future<JsonObject> cancel(ConsoleAuth.Signed s, Slot slot, Booking b) {
        String slotId = slot.id();
        if (b == null || !b.standing()) throw new ConsoleAuth.Refused(409, "not_booked", "Deze tijd is niet (meer) geboekt.");
        // Told first (the dialog cancels the talk with the turn that tells), then cancelled here too (twice is
        // harmless; it covers a person the dialog cannot reach) and the time taken out of the calendar: the
        // account holder cannot be there, so nobody may book it again.
        return runner.begin(b.conversationId(), b.channel(), b.addressKey(), LINE, b.language(), Map.of(), CANCEL_DIALOG)
                .map(r -> r != null && !r.replies().isEmpty()).otherwise(false)
                .compose(told -> ports.slots().cancel(b.id(), clock.instant()).otherwise(false)
                        // Its cancellation e-mailed with the slot as it was, before the slot goes (once: the dialog asks too).
                        .compose(x -> ports.slots().booking(b.id()).compose(after -> ports.mails().cancelled(after, slot)).otherwiseEmpty())
                        .compose(x -> ports.slots().remove(slotId).otherwise(false)).map(x -> told))
                .compose(told -> ports.board().refresh().otherwiseEmpty()
                        .compose(v -> audit.recordDone(new AuditLog.Entry(clock.instant(), s.worker().id(), "cancel_appointment", slotId)))
                        .map(v -> new JsonObject().put("told", told)));
    }

    /** The bookings of the booked slots, by id (one unreadable costs that one's details, not the calendar). */
    private Future<Map<String, Booking>> bookings(List<Slot> slots) {
        List<Future<Booking>> all = new ArrayList<>();
        for (Slot s : slots) if (!s.free()) all.add(ports.slots().booking(s.bookingId()).otherwise((Booking) null));
        return Future.all(all).map(done -> {
            Map<String, Booking> out = new java.util.HashMap<>();
            for (Future<Booking> f : all) if (f.result() != null) out.put(f.result().id(), f.result());
            return out;
        });
    }

    private JsonObject json(Slot slot, Booking b, boolean seesContact) {
        JsonObject o = new JsonObject().put("id", slot.id()).put("district", slot.district())
                .put("kind", slot.kind() == Slot.Kind.POPUP ? "popup" : "accounthouder")
                .put("start", slot.start().atZone(BookingRules.ZONE).toLocalDateTime().toString())
                .put("minutes", slot.minutes()).put("place", slot.place()).put("holder", slot.holder()).put("free", slot.free());
        if (b != null) {
            Map<String, String> in = b.intake();
            JsonObject booking = new JsonObject().put("conversationId", b.conversationId()).put("channel", b.channel())
                    .put("language", b.language()).put("bookedAt", b.bookedAt().toString())
                    // As in a conversation's fields: a volunteer sees no number, also not one written in a name.
                    .put("organisation", masked(in.getOrDefault("organisatie", ""), seesContact))
                    .put("name", masked(in.getOrDefault("contactnaam", ""), seesContact))
                    .put("topics", topics(in)).put("question", masked(in.getOrDefault("vraag", ""), seesContact))
                    .put("articles", articles(in.get(nl.omkijken.engine.Engine.ARTICLES_SLOT)));
            if (seesContact) {
                booking.put("email", in.getOrDefault("email", "")).put("phone", in.getOrDefault("telefoon", ""));
            }
            o.put("booking", booking);
        }
        return o;
    }

    private static String masked(String v, boolean seesNumbers) {
        return seesNumbers ? v : NumberMask.text(v);
    }

    /** The topics asked about, as the intake kept them (", "-separated, the first may be empty). */
    private static String topics(Map<String, String> in) {
        String all = in.getOrDefault("onderwerpen", in.getOrDefault("onderwerp", ""));
        return String.join(", ", java.util.Arrays.stream(all.split(",\\s*")).map(String::strip).filter(t -> !t.isEmpty()).distinct().toList());
    }

    private JsonArray articles(String ids) {
        JsonArray out = new JsonArray();
        if (ids == null || ids.isBlank()) return out;
        for (String id : ids.split(",\\s*")) {
            String title = ports.articleTitle(id.strip());
            out.add(new JsonObject().put("id", id.strip()).put("title", title == null ? id.strip() : title));
        }
        return out;
    }

    private static void readable(ConsoleAuth.Signed s) {
        if (!s.worker().servesAnyOf(LINE) && s.worker().role() != Role.ADMIN) {
            throw new ConsoleAuth.Refused(403, "not_your_queue", "De afspraken horen bij de Helpdesk, die u niet bedient.");
        }
    }

    private static void changeable(ConsoleAuth.Signed s) {
        readable(s);
        if (!s.worker().role().atLeast(Role.STAFF)) {
            throw new ConsoleAuth.Refused(403, "role", "Alleen medewerkers, coördinatoren en beheerders zetten tijden in de agenda.");
        }
    }
}
