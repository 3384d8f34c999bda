package nl.omkijken.channels.telegram;

/** An update that is not what the Bot API sends: answered 400 (webhook) or skipped (polling). */
final class BadUpdateException extends RuntimeException {
    BadUpdateException(String reason) {
        super(reason, null, false, false);
    }
}
