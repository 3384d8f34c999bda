package nl.omkijken.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.Map;
import nl.omkijken.circle.PhoneNumbers;
import nl.omkijken.runner.PhoneDuty;

/**
 * A worker says they take calls on their own phone (a volunteer at home): {@code GET /console/api/me/phone} shows it,
 * {@code POST /console/api/me/phone} {@code {"available": true, "phone": "06 ..."}} sets it (the number checked and
 * written as +31...; a wrong one is refused beside the field), {@code {"available": false}} ends it. It lapses by itself
 * after {@link PhoneDuty#AVAILABLE_FOR}. A caller who waits on the line and whom this worker takes is put through to
 * that phone; the caller never hears the worker's number, nor the worker the caller's. The audit log says that a worker
 * switched, never the number.
 */
final class PhoneDutyRoutes {
    private final PhoneDuty duty;
    private final AuditLog audit;
    private final Clock clock;

    PhoneDutyRoutes(PhoneDuty duty, AuditLog audit, Clock clock) {
        this.duty = duty;
        this.audit = audit;
        this.clock = clock;
    }

    void mount(Router router, ConsoleApi.SignedRoute signed) {
        signed.add(router.get("/console/api/me/phone")::handler, (ctx, s) -> shown(s.worker().id()));
        signed.add(router.post("/console/api/me/phone")::handler, (ctx, s) -> {
            JsonObject body = ConsoleApi.body(ctx);
            Object available = body.getValue("available");
            if (!(available instanceof Boolean on)) {
                throw new ConsoleAuth.Refused(400, "invalid", "available is true or false.");
            }
            String worker = s.worker().id();
            if (!on) {
                return duty.unavailable(worker).compose(v -> audited(worker, "phone_unavailable")).compose(v -> shown(worker));
            }
            PhoneNumbers.Checked phone = PhoneNumbers.check(body.getValue("phone") instanceof String p ? p : null);
            if (!phone.ok()) throw new FieldErrors(Map.of("phone", phone.problem()));
            return duty.available(worker, phone.e164(), clock.instant()).compose(v -> audited(worker, "phone_available"))
                    .compose(v -> shown(worker));
        });
    }

    private Future<Void> audited(String worker, String action) {
        return audit.record(new AuditLog.Entry(clock.instant(), worker, action, ""));
    }

    /** The worker's own number is theirs to see (as they typed it); until when it holds, and whether a call is on now. */
    private Future<JsonObject> shown(String worker) {
        return duty.of(worker).compose(d -> duty.onCall(worker).map(on -> {
            JsonObject o = new JsonObject().put("available", d != null).put("onCall", on);
            if (d != null) {
                o.put("phoneShown", PhoneNumbers.display(d.phone())).put("until", d.since().plus(PhoneDuty.AVAILABLE_FOR).toString());
            }
            return o;
        }));
    }
}
