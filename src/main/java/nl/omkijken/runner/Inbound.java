package nl.omkijken.runner;

import java.time.Instant;

/**
 * A message from a person, as a channel adapter hands it to the runner.
 *
 * @param conversationId "channel:external-id", e.g. "sandbox:demo-1", "sms:+31612345678"
 * @param channel        sandbox, sms, whatsapp, telegram, voice
 * @param address        where replies go (phone number, chat id); stored, never logged
 * @param line           luisterlijn, helpdesk, telefooncirkel
 * @param language       preferred language for a new conversation (nl/en), or null
 * @param providerId     the provider's message id (for dedupe), or null
 */
public record Inbound(String conversationId, String channel, String address, String line, String language,
                      String text, String providerId, Instant receivedAt) {}
