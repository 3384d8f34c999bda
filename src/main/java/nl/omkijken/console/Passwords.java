package nl.omkijken.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Workers' passwords: the policy (at least 12 characters, at most 128, not a common password or a common
 * password with digits or signs added, not the worker's own name) and Argon2id hashing with OWASP's
 * parameters (19 MiB, 2 iterations, 1 lane, 16-byte salt, 32-byte hash). Hashing takes tens of
 * milliseconds and 19 MiB, so it runs on a worker thread, never on an event loop.
 */
public final class Passwords {
    public static final int MIN = 12;
    public static final int MAX = 128;

    private static final Argon2PasswordEncoder ARGON2 = new Argon2PasswordEncoder(16, 32, 1, 19_456, 2);
    private static final Set<String> COMMON = loadCommon();
    /** A hash of a password nobody has: a sign-in with an unknown name costs as much as one with a known name. */
    private static final String DUMMY = ARGON2.encode("no worker has this password " + System.nanoTime());

    private Passwords() {}

    /** @return null when {@code password} may be used by the worker named {@code name}, else why not (Dutch) */
    public static String refusal(String password, String name) {
        if (password == null || password.codePointCount(0, password.length()) < MIN) {
            return "Een wachtwoord heeft minstens " + MIN + " tekens.";
        }
        if (password.length() > MAX) return "Een wachtwoord heeft hoogstens " + MAX + " tekens.";
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower) || COMMON.contains(stripDecoration(lower)) || repeats(lower)) {
            return "Dit wachtwoord staat op een lijst van veelgebruikte wachtwoorden. Kies een ander, bijvoorbeeld vier losse woorden.";
        }
        if (name != null && !name.isBlank() && lower.contains(name.trim().toLowerCase(Locale.ROOT).replace(" ", ""))
                && name.trim().length() >= 3) {
            return "Een wachtwoord mag de eigen naam niet bevatten.";
        }
        return null;
    }

    /** Argon2id hash in PHC form, on a worker thread. */
    public static Future<String> hash(Vertx vertx, String password) {
        return vertx.executeBlocking(() -> ARGON2.encode(password), false);
    }

    /** Whether {@code password} matches {@code hash} (null: no such worker, checked against a dummy all the same). */
    public static Future<Boolean> matches(Vertx vertx, String password, String hash) {
        return vertx.executeBlocking(() -> {
            boolean ok = ARGON2.matches(password == null ? "" : password, hash == null ? DUMMY : hash);
            return ok && hash != null;
        }, false);
    }

    /** The same hash for the command line (no Vert.x there). */
    public static String hashNow(String password) {
        return ARGON2.encode(password);
    }

    /** "welkom2024!" is "welkom" with decoration: leading and trailing digits and signs go. */
    private static String stripDecoration(String p) {
        return p.replaceAll("^[^\\p{L}]+", "").replaceAll("[^\\p{L}]+$", "");
    }

    /** "abcabcabcabc", "aaaaaaaaaaaa": one short piece over and over. */
    private static boolean repeats(String p) {
        for (int len = 1; len <= p.length() / 2; len++) {
            if (p.length() % len != 0) continue;
            if (p.substring(0, len).repeat(p.length() / len).equals(p)) return true;
        }
        return false;
    }

    private static Set<String> loadCommon() {
        Set<String> words = new HashSet<>(60_000);
        try (InputStream in = Passwords.class.getResourceAsStream("common-passwords.txt.gz")) {
            if (in == null) throw new IllegalStateException("common-passwords.txt.gz is missing from the jar");
            try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (!line.isBlank()) words.add(line.trim());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the list of common passwords", e);
        }
        return words;
    }
}
