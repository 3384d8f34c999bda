package nl.omkijken.app;

import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import nl.omkijken.console.Passwords;
import nl.omkijken.console.Role;
import nl.omkijken.console.Worker;
import nl.omkijken.console.WorkerName;
import nl.omkijken.console.Workers;
import nl.omkijken.people.IdSource;
import nl.omkijken.store.redis.EmbeddedRedis;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisWorkers;

/**
 * {@code add-worker --name NAME --role ROLE [--lines QUEUE,QUEUE] [--capacity N] [--languages nl,en]}: adds a console worker (the first admin)
 * to the same Redis the service uses: REDIS_URL, else the embedded Redis of DATA_DIR (the running
 * service's, or started for the moment when the service is not running). The password is asked twice
 * on a terminal, or read as two lines from standard input; there is never a default.
 */
final class AddWorkerCommand {
    private AddWorkerCommand() {}

    static int run(List<String> args, Path configFile, InputStream stdin, PrintStream out, PrintStream err) {
        Map<String, String> opts;
        try {
            opts = options(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + "\n" + usage());
            return 2;
        }
        String name;
        try {
            name = WorkerName.check(opts.get("name"));
        } catch (IllegalArgumentException e) {
            err.println("--name: " + e.getMessage() + "\n" + usage());
            return 2;
        }
        Role role = Role.fromId(opts.get("role"));
        if (role == null) {
            err.println("--role must be one of volunteer, staff, coordinator, admin\n" + usage());
            return 2;
        }
        Set<String> lines = new LinkedHashSet<>();
        if (opts.containsKey("lines")) {
            for (String l : opts.get("lines").split(",")) if (!l.isBlank()) lines.add(l.trim().toLowerCase(java.util.Locale.ROOT));
        }
        if (lines.isEmpty() && !role.supervises()) {
            err.println("--lines is needed for a " + role.id() + ": the lines whose queues they serve, e.g. --lines luisterlijn");
            return 2;
        }
        int capacity = Worker.DEFAULT_CAPACITY;
        if (opts.containsKey("capacity")) {
            String c = opts.get("capacity").strip();
            capacity = c.matches("\\d{1,2}") ? Integer.parseInt(c) : 0;
            if (capacity < Worker.MIN_CAPACITY || capacity > Worker.MAX_CAPACITY) {
                err.println("--capacity: the conversations they take at once, " + Worker.MIN_CAPACITY + " to " + Worker.MAX_CAPACITY);
                return 2;
            }
        }
        Set<String> languages = new LinkedHashSet<>(List.of("nl"));
        if (opts.containsKey("languages")) {
            languages.clear();
            for (String l : opts.get("languages").split(",")) if (!l.isBlank()) languages.add(l.trim().toLowerCase(java.util.Locale.ROOT));
            if (languages.isEmpty() || !Worker.LANGUAGES.containsAll(languages)) {
                err.println("--languages: the languages they answer in, nl and/or en (e.g. --languages nl,en)");
                return 2;
            }
        }
        AppConfig config;
        try {
            config = ConfigLoader.fromEnvironment(configFile);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        // The queues there are: the dialogs' lines and the parts of lines in routing.yaml (helpdesk:centrum ...).
        // Read only when lines are given: broken dialogs must not keep anyone from adding the first admin.
        if (!lines.isEmpty()) {
            var dialogs = nl.omkijken.dialog.DialogLoader.load(config.dialogsDir());
            if (!dialogs.ok()) {
                err.println("the dialogs in " + config.dialogsDir() + " have errors; run check-dialogs");
                return 2;
            }
            Set<String> queues = new LinkedHashSet<>(dialogs.dialogSet().lines());
            queues.addAll(dialogs.routing().partQueues().keySet());
            for (String l : lines) {
                if (!queues.contains(l)) {
                    err.println("--lines: there is no queue '" + l + "'; the queues are " + String.join(", ", queues));
                    return 2;
                }
            }
        }
        String password;
        try {
            password = readPassword(stdin, out);
        } catch (IOException e) {
            err.println(e.getMessage());
            return 2;
        }
        String refusal = Passwords.refusal(password, name);
        if (refusal != null) {
            err.println(refusal);
            return 2;
        }
        return store(config, new Worker(IdSource.random().next('w'), name, role, lines, Passwords.hashNow(password), Instant.now(),
                        capacity, languages, true),
                out, err);
    }

    private static int store(AppConfig config, Worker worker, PrintStream out, PrintStream err) {
        EmbeddedRedis started = null;
        Vertx vertx = Vertx.vertx();
        try {
            String url = config.redisUrl();
            if (url == null) {
                Path dir = config.dataDir().resolve("redis");
                int port = EmbeddedRedis.runningOn(dir);
                if (port > 0) {
                    url = "redis://127.0.0.1:" + port;
                } else {
                    started = EmbeddedRedis.start(dir, 0);
                    url = started.url();
                }
            }
            RedisConnection redis = RedisConnection.connect(vertx, url).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            try {
                Workers workers = new RedisWorkers(redis);
                workers.add(worker).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } finally {
                redis.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            out.println("Added " + worker.role().dutch() + " " + worker.name()
                    + (worker.lines().isEmpty() ? " (all lines)" : " for " + String.join(", ", worker.lines()))
                    + ". Sign in at " + consoleUrl(config) + ".");
            return 0;
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Workers.NameTaken) {
                err.println("There is a worker named '" + worker.name() + "' already; choose another name.");
                return 1;
            }
            err.println("Could not add the worker: " + cause.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("Could not add the worker: " + e.getMessage());
            return 1;
        } finally {
            vertx.close();
            if (started != null) started.stop();
        }
    }

    private static String consoleUrl(AppConfig config) {
        String base = config.publicBaseUrl() != null && !config.publicBaseUrl().isBlank() ? config.publicBaseUrl()
                : "http://localhost:" + config.port();
        return base.replaceAll("/+$", "") + "/console/";
    }

    /** Twice on a terminal (not echoed), or two lines of standard input; both must be the same. */
    static String readPassword(InputStream stdin, PrintStream out) throws IOException {
        Console console = System.console();
        String first;
        String second;
        if (console != null && stdin == System.in) {
            char[] a = console.readPassword("Password (at least %d characters): ", Passwords.MIN);
            char[] b = console.readPassword("The same password again: ");
            if (a == null || b == null) throw new IOException("no password given");
            first = new String(a);
            second = new String(b);
            Arrays.fill(a, ' ');
            Arrays.fill(b, ' ');
        } else {
            BufferedReader r = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            first = r.readLine();
            second = r.readLine();
            if (first == null || second == null) {
                throw new IOException("give the password twice, as two lines on standard input");
            }
        }
        if (!first.equals(second)) throw new IOException("the two passwords differ; nothing was added");
        return first;
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> opts = new java.util.HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || !List.of("--name", "--role", "--lines", "--capacity", "--languages").contains(a)) {
                throw new IllegalArgumentException("unknown option '" + a + "'");
            }
            if (i + 1 >= args.size()) throw new IllegalArgumentException(a + " needs a value");
            opts.put(a.substring(2), args.get(++i));
        }
        return opts;
    }

    static String usage() {
        return "usage: java -jar target/omkijken.jar add-worker --name NAME --role volunteer|staff|coordinator|admin "
                + "[--lines luisterlijn,helpdesk,telefooncirkel,helpdesk:centrum] [--capacity 3] [--languages nl,en]";
    }
}
