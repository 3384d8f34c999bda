package nl.omkijken.channels.sandbox;

/** A request the API refuses, with the HTTP status and a reason the caller can act on. */
final class ApiError extends RuntimeException {
    final int status;

    ApiError(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }
}
