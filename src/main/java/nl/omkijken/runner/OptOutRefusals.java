package nl.omkijken.runner;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Conversations whose provider refused a reply because the person opted out, with the creation time
 * of the refused reply. The replies of that turn and of earlier turns still in the outbox are not
 * tried (each would only be refused again); replies of later turns are, such as the answer to START.
 * Remembered briefly: the outbox drains in seconds. Thread-safe.
 */
final class OptOutRefusals {
    private static final long MEMORY_NANOS = Duration.ofMinutes(10).toNanos();
    private static final int BOUND = 10_000;

    private record Refusal(long replyCreatedMillis, long rememberedNanos) {}

    private final LongSupplier nanos;
    private final Map<String, Refusal> refusals = new HashMap<>();

    OptOutRefusals(LongSupplier nanos) {
        this.nanos = nanos;
    }

    synchronized void remember(Outbound refused) {
        if (refused.createdAt() == null) return;
        long now = nanos.getAsLong();
        if (refusals.size() > BOUND) refusals.values().removeIf(r -> now - r.rememberedNanos() > MEMORY_NANOS);
        refusals.put(refused.conversationId(), new Refusal(refused.createdAt().toEpochMilli(), now));
    }

    /** True when the reply was written no later than a reply of its conversation that was refused. */
    synchronized boolean refusedEarlier(Outbound m) {
        Refusal r = refusals.get(m.conversationId());
        if (r == null || m.createdAt() == null) return false;
        if (nanos.getAsLong() - r.rememberedNanos() > MEMORY_NANOS) {
            refusals.remove(m.conversationId(), r);
            return false;
        }
        return m.createdAt().toEpochMilli() <= r.replyCreatedMillis();
    }
}
