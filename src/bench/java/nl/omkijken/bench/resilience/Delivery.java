package nl.omkijken.bench.resilience;

/**
 * One message a fake provider took (it would reach the person), in arrival order.
 *
 * @param conversationId the service's id of the conversation: sms:+31..., telegram:CHAT
 * @param key            Twilio: our outbound id from the StatusCallback URL; Telegram: null
 */
record Delivery(long seq, String conversationId, String text, String key, long atNanos) {}
