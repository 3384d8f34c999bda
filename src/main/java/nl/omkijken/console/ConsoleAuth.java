package nl.omkijken.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

/**
 * Who is signed in: sign-in (with the lockout), sign-out, and for every other request the worker of its
 * session cookie, with the CSRF check of every state-changing request.
 *
 * <p>Cookies: {@code __Host-omk-console} (the session) and {@code __Host-omk-signin} (the sign-in form's
 * token), both Secure, HttpOnly, SameSite=Strict, Path=/. The sign-in form is protected too: its POST
 * must carry the token of the signin cookie in a header (a cross-site page can neither read the cookie
 * nor set the header), and browsers that say where a request comes from must say same-origin. A
 * successful sign-in always makes a new session id (no fixation), and the session carries its own CSRF
 * token, sent back in the {@code X-CSRF-Token} header of every POST.
 */
public final class ConsoleAuth {
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** An address may fail this many times the per-name limit (a shared office, several names) before it waits too. */
    static final int ADDRESS_FAILURES_PER_NAME = 4;
    /** Password checks running at once on this instance; more wait (503) instead of queueing on the worker pool. */
    static final int MAX_CHECKS_AT_ONCE = 8;
    /** Requests the page makes by itself (refreshing what it shows): they do not count as the worker's activity. */
    public static final String BACKGROUND_HEADER = "X-Console-Background";
    private final java.util.concurrent.atomic.AtomicInteger hashing = new java.util.concurrent.atomic.AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Vertx vertx;
    private final Workers workers;
    private final ConsoleSessions sessions;
    private final AuditLog audit;
    private final Clock clock;
    private final ConsoleSettings settings;
    private final String sessionCookie;
    private final String signinCookie;

    /** A signed-in request: the worker and their session. */
    public record Signed(Worker worker, String sessionId, ConsoleSessions.Session session) {}

    /** Why a request is refused: the status and a reason for the person (Dutch). */
    public static final class Refused extends RuntimeException {
        final int status;
        final String code;

        Refused(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    public ConsoleAuth(Vertx vertx, Workers workers, ConsoleSessions sessions, AuditLog audit, Clock clock,
                       ConsoleSettings settings) {
        this.vertx = vertx;
        this.workers = workers;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        this.sessionCookie = settings.secureCookies() ? "__Host-omk-console" : "omk-console";
        this.signinCookie = settings.secureCookies() ? "__Host-omk-signin" : "omk-signin";
    }

    /** GET: the sign-in form's token, also set as a cookie the POST must match. */
    public JsonObject signInToken(RoutingContext ctx) {
        String token = random();
        ctx.response().addCookie(cookie(signinCookie, token, -1));
        return new JsonObject().put("token", token);
    }

    /** POST: name and password; on success a new session and its cookie. */
    public Future<Signed> signIn(RoutingContext ctx, String name, String password) {
        sameOrigin(ctx);
        Cookie formCookie = ctx.request().getCookie(signinCookie);
        String header = ctx.request().getHeader(CSRF_HEADER);
        if (formCookie == null || header == null || !equal(formCookie.getValue(), header)) {
            return Future.failedFuture(new Refused(403, "csrf", "Het aanmeldformulier is verlopen. Laad de pagina opnieuw."));
        }
        if (name == null || name.isBlank() || password == null || password.isEmpty()) {
            return Future.failedFuture(new Refused(400, "missing", "Vul uw naam en wachtwoord in."));
        }
        String nameKey;
        try {
            nameKey = "name:" + WorkerName.key(name);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new Refused(400, "name", "Deze naam kan niet bestaan: " + e.getMessage()));
        }
        // Per name (one person's account) and per address (one machine guessing many names). Each attempt
        // is counted before its password is checked, atomically: a burst of parallel guesses is counted
        // whole, not let through because each read the count before the others raised it. A success
        // takes its own count back.
        String remote = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        String addressKey = "address:" + remote;
        return sessions.failed(addressKey, settings.lockout()).compose(fromHere -> {
            if (fromHere > (long) settings.maxFailures() * ADDRESS_FAILURES_PER_NAME) {
                return Future.failedFuture(new Refused(429, "locked", "Te veel mislukte pogingen vanaf dit adres. Probeer het over "
                        + settings.lockout().toMinutes() + " minuten opnieuw."));
            }
            return sessions.failed(nameKey, settings.lockout());
        }).compose(count -> {
            if (count > settings.maxFailures()) {
                return Future.failedFuture(locked());
            }
            // Argon2 takes 19 MiB and tens of milliseconds a check: a flood of sign-ins waits its turn.
            if (hashing.incrementAndGet() > MAX_CHECKS_AT_ONCE) {
                hashing.decrementAndGet();
                // Not the person's attempt that failed, but our capacity: it does not count against them.
                return sessions.forgive(nameKey).compose(v -> sessions.forgive(addressKey)).compose(v -> Future.failedFuture(
                        new Refused(503, "busy", "Het aanmelden is even druk. Probeer het over een paar seconden opnieuw.")));
            }
            // The slot is given back however the check ends (also when reading the worker fails).
            Future<ConsoleAuth.Signed> checked = workers.byName(name).compose(w -> Passwords.matches(vertx, password,
                            w == null ? null : w.passwordHash())
                    .compose(ok -> {
                        if (!ok || w == null) {
                            audit.record(new AuditLog.Entry(clock.instant(), w == null ? "-" : w.id(), "sign_in_failed", ""));
                            return Future.failedFuture(count >= settings.maxFailures() ? locked()
                                    : new Refused(401, "wrong", "Naam of wachtwoord klopt niet."));
                        }
                        if (!w.active()) {
                            // The password was right: say why, so they ask a coordinator instead of retrying.
                            audit.record(new AuditLog.Entry(clock.instant(), w.id(), "sign_in_inactive", ""));
                            return Future.failedFuture(new Refused(403, "inactive",
                                    "Uw account staat uit. Vraag een coördinator om het weer aan te zetten."));
                        }
                        String id = random();
                        ConsoleSessions.Session s = new ConsoleSessions.Session(w.id(), random(), clock.instant());
                        return sessions.clearFailures(nameKey)
                                .compose(v -> sessions.forgive(addressKey))
                                .compose(v -> sessions.create(id, s, settings.idle()))
                                .compose(v -> audit.record(new AuditLog.Entry(s.signedInAt(), w.id(), "sign_in", "")))
                                .map(v -> {
                                    ctx.response().addCookie(cookie(sessionCookie, id, settings.absolute().toSeconds()));
                                    ctx.response().addCookie(cookie(signinCookie, "", 0));
                                    return new Signed(w, id, s);
                                });
                    }));
            return checked.eventually(() -> {
                hashing.decrementAndGet();
                return Future.succeededFuture();
            });
        });
    }

    private Refused locked() {
        return new Refused(429, "locked", "Te veel mislukte pogingen. Deze naam is " + settings.lockout().toMinutes()
                + " minuten geblokkeerd; probeer het daarna opnieuw of vraag een beheerder.");
    }

    /** POST: ends the session. */
    public Future<Void> signOut(RoutingContext ctx, Signed signed) {
        ctx.response().addCookie(cookie(sessionCookie, "", 0));
        return sessions.delete(signed.sessionId())
                .compose(v -> audit.record(new AuditLog.Entry(clock.instant(), signed.worker().id(), "sign_out", "")));
    }

    /**
     * The signed-in worker of a request, or a {@link Refused} 401 (none, expired) or 403 (a
     * state-changing request without its session's CSRF token, or from another site).
     */
    public Future<Signed> signedIn(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(sessionCookie);
        if (c == null || c.getValue().isBlank()) return Future.failedFuture(notSignedIn());
        String id = c.getValue();
        // The idle timeout is about the worker: a page refreshing itself on an unattended screen does not
        // keep the session alive; what the worker does (open, reply, take over) does.
        boolean background = "1".equals(ctx.request().getHeader(BACKGROUND_HEADER)) && !changesState(ctx);
        return (background ? sessions.peek(id) : sessions.touch(id, settings.idle())).compose(s -> {
            if (s == null) return Future.failedFuture(notSignedIn());
            Instant now = clock.instant();
            if (now.isAfter(s.signedInAt().plus(settings.absolute()))) {
                return sessions.delete(id).compose(v -> Future.failedFuture(notSignedIn()));
            }
            if (changesState(ctx)) {
                sameOrigin(ctx);
                String header = ctx.request().getHeader(CSRF_HEADER);
                if (header == null || !equal(header, s.csrf())) {
                    audit.record(new AuditLog.Entry(now, s.workerId(), "refused_csrf", ""));
                    return Future.failedFuture(new Refused(403, "csrf", "Dit verzoek mist zijn beveiligingscode. Laad de pagina opnieuw."));
                }
            }
            // A worker removed or switched off since is signed out at their next request.
            return workers.byId(s.workerId()).compose(w -> w == null || !w.active()
                    ? sessions.delete(id).compose(v -> Future.failedFuture(notSignedIn()))
                    : Future.succeededFuture(new Signed(w, id, s)));
        });
    }

    private static Refused notSignedIn() {
        return new Refused(401, "signed_out", "U bent niet (meer) aangemeld.");
    }

    private static boolean changesState(RoutingContext ctx) {
        HttpMethod m = ctx.request().method();
        return !(m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS);
    }

    /**
     * Browsers say where a request comes from (Sec-Fetch-Site, Origin); one from another site is refused
     * whatever it carries. A client that says nothing (a script, a test) still needs the CSRF token.
     */
    private static void sameOrigin(RoutingContext ctx) {
        String site = ctx.request().getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new Refused(403, "cross_site", "Verzoeken van een andere website worden geweigerd.");
        }
        String origin = ctx.request().getHeader("Origin");
        if (origin != null && !origin.equals("null")) {
            String host = ctx.request().getHeader("Host");
            String bare = origin.replaceFirst("^https?://", "");
            if (host == null || !bare.equalsIgnoreCase(host)) {
                throw new Refused(403, "cross_site", "Verzoeken van een andere website worden geweigerd.");
            }
        }
    }

    private Cookie cookie(String name, String value, long maxAgeSeconds) {
        Cookie c = Cookie.cookie(name, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(settings.secureCookies());
        if (maxAgeSeconds >= 0) c.setMaxAge(maxAgeSeconds);
        return c;
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
