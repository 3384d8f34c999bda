package nl.omkijken.bench.resilience;

import java.util.Locale;

/**
 * How a fake provider answers sends for a while: normally; slowly (the message is taken, the answer
 * comes after {@code seconds}); 500; 429 with a Retry-After of {@code seconds}; or 200 with a body
 * that is not JSON (the message is taken, the answer cannot be read).
 *
 * @param length how long the phase lasts in the provider scenario, in seconds; 0: --phase-seconds
 */
record ProviderPhase(Kind kind, int seconds, int length) {
    enum Kind { NORMAL, SLOW, ERROR_500, TOO_MANY_REQUESTS, UNREADABLE_2XX }

    static final ProviderPhase NORMAL = new ProviderPhase(Kind.NORMAL, 0, 0);

    /** "normal", "slow:SECONDS", "500", "429:RETRY_AFTER_SECONDS", "unreadable", each optionally with "/LENGTH_SECONDS". */
    static ProviderPhase parse(String s) {
        String spec = s.trim().toLowerCase(Locale.ROOT);
        int length = 0;
        int slash = spec.indexOf('/');
        if (slash > 0) {
            length = Integer.parseInt(spec.substring(slash + 1));
            spec = spec.substring(0, slash);
        }
        String[] p = spec.split(":");
        int n = p.length > 1 ? Integer.parseInt(p[1]) : 2;
        switch (p[0]) {
            case "normal": return new ProviderPhase(Kind.NORMAL, 0, length);
            case "slow": return new ProviderPhase(Kind.SLOW, n, length);
            case "500": return new ProviderPhase(Kind.ERROR_500, 0, length);
            case "429": return new ProviderPhase(Kind.TOO_MANY_REQUESTS, n, length);
            case "unreadable": return new ProviderPhase(Kind.UNREADABLE_2XX, 0, length);
            default: throw new IllegalArgumentException("unknown provider phase '" + s + "' (normal, slow:S, 500, 429:S, unreadable; /LENGTH)");
        }
    }

    String label(int defaultLength) {
        String what;
        switch (kind) {
            case SLOW: what = "slow " + seconds + " s"; break;
            case ERROR_500: what = "500"; break;
            case TOO_MANY_REQUESTS: what = "429 Retry-After " + seconds + " s"; break;
            case UNREADABLE_2XX: what = "unreadable 200"; break;
            default: what = "normal";
        }
        return what + " for " + (length > 0 ? length : defaultLength) + " s";
    }
}
