package nl.omkijken.store.redis;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import nl.omkijken.runner.LiveEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What became of replies, from every instance, on this instance's live event bus ({@link LiveEvents#ADDRESS})
 * next to the turns: {"type":"send","outbound","status","conversation"} when a reply did not go out
 * (failed, opted out, undeliverable), {"type":"delivery","outbound","status"} when the provider reported
 * on one that did (delivered, read, failed later). From the pub/sub channel
 * {@link RedisKeys#LIVE_DELIVERIES}: a notice missed while disconnected is not replayed (a console reads
 * the stored status when it shows a reply).
 */
public final class DeliveryNotices {
    private static final Logger log = LoggerFactory.getLogger(DeliveryNotices.class);

    private DeliveryNotices() {}

    /** Starts passing notices on; fails when the subscription cannot be made. */
    public static Future<Void> follow(RedisConnection redis) {
        return redis.subscribe(RedisKeys.LIVE_DELIVERIES, message -> {
            JsonObject event = parse(message);
            if (event == null) {
                log.debug("ignored a delivery notice that is not one");
                return;
            }
            redis.vertx().eventBus().publish(LiveEvents.ADDRESS, event);
        });
    }

    /** "send OUTBOUND STATUS CONVERSATION" or "delivery OUTBOUND STATUS" as a live event; null otherwise. */
    static JsonObject parse(String message) {
        String[] p = message.split(" ");
        if (p.length == 4 && p[0].equals("send")) {
            return new JsonObject().put("type", "send").put("outbound", p[1]).put("status", p[2]).put("conversation", p[3]);
        }
        if (p.length == 3 && p[0].equals("delivery")) {
            return new JsonObject().put("type", "delivery").put("outbound", p[1]).put("status", p[2]);
        }
        return null;
    }
}
