package nl.omkijken.channels.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import nl.omkijken.booking.BookingIds;
import nl.omkijken.booking.CalendarInvite;
import nl.omkijken.booking.Slots;

/**
 * A booked talk's calendar invite, {@code GET /afspraak/{booking id}.ics}: the link the confirmation gives. The id is
 * unguessable (BookingIds), so the address is the permission, like a calendar's private link; anything else is 404.
 */
public final class InvitePages {
    public static final String PATH = "/afspraak/";
    private final Slots slots;
    private final Clock clock;

    public InvitePages(Slots slots, Clock clock) {
        this.slots = slots;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get(PATH + ":file").handler(this::invite);
    }

    private void invite(RoutingContext ctx) {
        String file = ctx.pathParam("file");
        String id = file != null && file.endsWith(".ics") ? file.substring(0, file.length() - 4) : null;
        if (!BookingIds.looksLikeOne(id)) {
            notFound(ctx);
            return;
        }
        slots.booking(id).compose(b -> b == null ? io.vertx.core.Future.succeededFuture(null)
                        : slots.slot(b.slotId()).map(s -> s == null ? null : CalendarInvite.of(b, s, clock.instant())))
                .onSuccess(ics -> {
                    if (ics == null) {
                        notFound(ctx);
                        return;
                    }
                    ctx.response().putHeader("Content-Type", "text/calendar; charset=utf-8")
                            .putHeader("Content-Disposition", "attachment; filename=\"afspraak.ics\"")
                            .putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff")
                            .putHeader("Referrer-Policy", "no-referrer").end(ics);
                })
                .onFailure(e -> ctx.response().setStatusCode(503).putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("De afspraak kan nu niet worden opgehaald; probeer het zo nog eens."));
    }

    private static void notFound(RoutingContext ctx) {
        ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end("Deze afspraak bestaat niet.");
    }
}
