package nl.omkijken.console;

import java.time.Duration;

/**
 * The console's settings.
 *
 * @param idle          a session unused this long is over (OWASP ASVS: 30 minutes)
 * @param absolute      a session is over this long after its sign-in, used or not (12 hours)
 * @param maxFailures   failed sign-ins for one name within {@code lockout} that lock it for {@code lockout}
 * @param lockout       how long a locked name stays locked (and how long failures are counted)
 * @param heartbeat     how often an open live feed says it is still there (below the HTTP idle timeout)
 * @param secureCookies mark cookies Secure and give them the {@code __Host-} prefix: always, except that
 *                      a browser on plain http://127.0.0.1 accepts them only as a secure context (Chromium
 *                      and Firefox do for loopback)
 */
public record ConsoleSettings(Duration idle, Duration absolute, int maxFailures, Duration lockout, boolean secureCookies,
                              Duration heartbeat, int callsPerSecond) {
    public static final ConsoleSettings DEFAULTS = new ConsoleSettings(Duration.ofMinutes(30), Duration.ofHours(12), 5,
            Duration.ofMinutes(15), true, Duration.ofSeconds(15), 1);

    public ConsoleSettings(Duration idle, Duration absolute, int maxFailures, Duration lockout, boolean secureCookies) {
        this(idle, absolute, maxFailures, lockout, secureCookies, Duration.ofSeconds(15), 1);
    }

    /**
     * With the Telefooncirkel's calls-per-second limit (the Twilio account's): an enrolment whose daily call no
     * longer fits its window at that rate is refused with the reason.
     */
    public ConsoleSettings withCallsPerSecond(int limit) {
        return new ConsoleSettings(idle, absolute, maxFailures, lockout, secureCookies, heartbeat, limit);
    }

    /**
     * With the live feed's heartbeat below the HTTP server's idle timeout (half of it, 15 s at most): a
     * feed that says nothing longer than that would be closed by the server.
     */
    public ConsoleSettings withHeartbeat(Duration httpIdleTimeout) {
        Duration half = httpIdleTimeout.dividedBy(2);
        return new ConsoleSettings(idle, absolute, maxFailures, lockout, secureCookies,
                half.compareTo(Duration.ofSeconds(15)) < 0 ? half : Duration.ofSeconds(15), callsPerSecond);
    }

    public ConsoleSettings {
        if (idle.isNegative() || idle.isZero() || absolute.compareTo(idle) < 0) {
            throw new IllegalArgumentException("the idle timeout must be positive and not longer than the absolute one");
        }
        if (maxFailures < 1) throw new IllegalArgumentException("max failures must be at least 1");
        if (callsPerSecond < 1) throw new IllegalArgumentException("at least one call a second");
    }
}
