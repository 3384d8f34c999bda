package nl.omkijken.bench.resilience;

import java.util.Locale;

/**
 * How a fake provider answers sends for a while: normally; slowly (the message is taken, the answer
 * comes after {@code seconds}); 500; 429 with a Retry-After of {@code seconds}; or 200 with a body
 * that is not JSON (the message is taken, the answer cannot be read).
 */
record ProviderPhase(Kind kind, int seconds) {
    enum Kind { NORMAL, SLOW, ERROR_500, TOO_MANY_REQUESTS, UNREADABLE_2XX }

    static final ProviderPhase NORMAL = new ProviderPhase(Kind.NORMAL, 0);

    /** "normal", "slow:SECONDS", "500", "429:RETRY_AFTER_SECONDS", "unreadable". */
    static ProviderPhase parse(String s) {
        String[] p = s.trim().toLowerCase(Locale.ROOT).split(":");
        int n = p.length > 1 ? Integer.parseInt(p[1]) : 0;
        switch (p[0]) {
            case "normal": return NORMAL;
            case "slow": return new ProviderPhase(Kind.SLOW, p.length > 1 ? n : 2);
            case "500": return new ProviderPhase(Kind.ERROR_500, 0);
            case "429": return new ProviderPhase(Kind.TOO_MANY_REQUESTS, p.length > 1 ? n : 2);
            case "unreadable": return new ProviderPhase(Kind.UNREADABLE_2XX, 0);
            default: throw new IllegalArgumentException("unknown provider phase '" + s + "' (normal, slow:S, 500, 429:S, unreadable)");
        }
    }

    /** True when the provider takes the message (and so the person gets it), whatever the answer looks like. */
    boolean takesMessage() {
        return kind == Kind.NORMAL || kind == Kind.SLOW || kind == Kind.UNREADABLE_2XX;
    }

    String label() {
        switch (kind) {
            case SLOW: return "slow " + seconds + " s";
            case ERROR_500: return "500";
            case TOO_MANY_REQUESTS: return "429 Retry-After " + seconds + " s";
            case UNREADABLE_2XX: return "unreadable 200";
            default: return "normal";
        }
    }
}
