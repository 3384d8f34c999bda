package nl.omkijken.console;

import io.vertx.core.Future;
import java.time.Instant;
import nl.omkijken.runner.Staffing;

/**
 * Whether anyone can answer a queue now, from the console: an active worker who serves it has the
 * console open (seen within {@link InboxView#ONLINE_WITHIN}) and is not away. Planned shifts do not
 * count: a volunteer on the roster whose console is closed reads nothing.
 */
public final class ConsoleStaffing implements Staffing {
    private final Workers workers;
    private final Presence presence;

    public ConsoleStaffing(Workers workers, Presence presence) {
        this.workers = workers;
        this.presence = presence;
    }

    @Override
    public Future<Boolean> anyoneOnDuty(String queue, Instant now) {
        return presence.online(now, InboxView.ONLINE_WITHIN).compose(online -> {
            if (online.isEmpty()) return Future.succeededFuture(false);
            return workers.all().map(all -> all.stream().anyMatch(w -> w.active() && online.containsKey(w.id()) && w.serves(queue)));
        });
    }
}
