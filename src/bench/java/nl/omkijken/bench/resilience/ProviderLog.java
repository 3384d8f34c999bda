package nl.omkijken.bench.resilience;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one fake provider took, in arrival order; thread-safe. */
final class ProviderLog {
    private final List<Delivery> deliveries = new ArrayList<>();
    private long lastNanos = System.nanoTime();

    synchronized void add(String conversationId, String text, String key) {
        long now = System.nanoTime();
        deliveries.add(new Delivery(deliveries.size(), conversationId, text, key, now));
        lastNanos = now;
    }

    synchronized int size() { return deliveries.size(); }

    /** When the latest message was taken (System.nanoTime), or when the log was made. */
    synchronized long lastNanos() { return lastNanos; }

    /** Per conversation, in arrival order. */
    synchronized Map<String, List<Delivery>> byConversation() {
        Map<String, List<Delivery>> m = new LinkedHashMap<>();
        for (Delivery d : deliveries) m.computeIfAbsent(d.conversationId(), k -> new ArrayList<>()).add(d);
        return m;
    }
}
