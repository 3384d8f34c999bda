package nl.omkijken.console;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import nl.omkijken.runner.DeliveryStatusStore;
import nl.omkijken.runner.OutboxStore;

/**
 * What became of a worker's reply, in the words the console shows: "pending" (not out yet), "sent"
 * (the provider took it), "delivered", "read", "failed", "opted_out" (the person unsubscribed or
 * blocked us: not sent), "no_address" (the person is gone). The outbox's own outcome first; for a
 * sent reply, the provider's latest delivery report.
 */
final class ReplyStatuses {
    private final OutboxStore outbox;
    private final DeliveryStatusStore deliveries;

    ReplyStatuses(OutboxStore outbox, DeliveryStatusStore deliveries) {
        this.outbox = outbox;
        this.deliveries = deliveries;
    }

    Future<String> of(String outboundId) {
        return outbox.status(outboundId).compose(status -> {
            if (status == null) return Future.succeededFuture("pending");
            if (!"sent".equals(status)) return Future.succeededFuture(status);
            return deliveries.deliveriesOf(outboundId).compose(ids -> {
                List<Future<DeliveryStatusStore.Record>> reads = new ArrayList<>();
                for (String id : ids) reads.add(deliveries.get(id));
                return Future.all(reads).map(all -> {
                    String best = "sent";
                    for (Future<DeliveryStatusStore.Record> f : reads) {
                        DeliveryStatusStore.Record r = f.result();
                        if (r == null) continue;
                        String s = r.status().name().toLowerCase(java.util.Locale.ROOT);
                        if (r.status().isFinal()) return "failed";
                        if (s.equals("read") || (s.equals("delivered") && !best.equals("read"))) best = s;
                    }
                    return best;
                });
            });
        });
    }
}
