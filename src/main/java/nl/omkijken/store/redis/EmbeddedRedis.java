package nl.omkijken.store.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real redis-server run as a child process on 127.0.0.1, for when no Redis URL is configured.
 *
 * <p>Redis is the service's database, so this server is configured as one: append-only file on
 * (fsync every second), no RDB snapshots, {@code noeviction}. Its data lives in {@code dataDir} and
 * survives a stop and start. Its log goes to {@code dataDir/redis.log}.
 *
 * <p>All methods block (they start and wait for a process): call them at start-up and shutdown, never
 * on an event loop. A JVM shutdown hook stops the server if {@link #stop()} was not called.
 */
public final class EmbeddedRedis {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final String LOG_FILE = "redis.log";

    private final Process process;
    private final int port;
    private final Path dataDir;
    private final RedisBinary.Program program;
    private final Thread shutdownHook;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private EmbeddedRedis(Process process, int port, Path dataDir, RedisBinary.Program program) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.program = program;
        this.shutdownHook = new Thread(this::stopNow, "embedded-redis-shutdown");
    }

    /** Starts the installed redis-server if there is one, else the bundled one. */
    public static EmbeddedRedis start(Path dataDir, int port) throws IOException {
        return start(dataDir, port, RedisBinary.preferSystem(), DEFAULT_START_TIMEOUT);
    }

    /**
     * Starts redis-server and waits until it answers PING.
     *
     * @param dataDir      where the append-only file (and an extracted bundled binary) live; created if missing
     * @param port         the port on 127.0.0.1, or 0 for any free port
     * @param binary       which redis-server to run
     * @param startTimeout how long to wait for the first PONG
     * @throws IOException with a message saying what went wrong: port taken, no binary, server exited
     */
    public static EmbeddedRedis start(Path dataDir, int port, RedisBinary binary, Duration startTimeout)
            throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Redis port must be 0 (any free port) or 1-65535, was " + port);
        }
        Path dir = dataDir.toAbsolutePath();
        Files.createDirectories(dir);
        RedisBinary.Program program = binary.locate(dir);
        refuseNewerData(dir, program);
        int chosen = port == 0 ? freePort() : requireFree(port);

        List<String> command = new ArrayList<>(List.of(program.command(),
                "--port", Integer.toString(chosen),
                "--bind", "127.0.0.1",
                "--dir", dir.toString(),
                "--appendonly", "yes",
                "--appendfsync", "everysec",
                "--maxmemory-policy", "noeviction",
                "--save", "",
                "--daemonize", "no",
                "--logfile", ""));
        Path logFile = dir.resolve(LOG_FILE);
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IOException("cannot run redis-server " + program.command() + ": " + e.getMessage(), e);
        }
        EmbeddedRedis redis = new EmbeddedRedis(process, chosen, dir, program);
        redis.awaitReady(startTimeout, logFile);
        // Where commands run beside the service (add-worker) find this server, instead of starting a second
        // one on the same files.
        Files.writeString(dir.resolve(PORT_FILE), Integer.toString(chosen), StandardCharsets.UTF_8);
        Runtime.getRuntime().addShutdownHook(redis.shutdownHook);
        log.info("embedded Redis {} ({}) listening on 127.0.0.1:{}, data in {}", program.version(),
                program.bundled() ? "bundled binary" : "installed binary", chosen, dir);
        return redis;
    }

    /** The file in the data folder that holds the port of the server running on it. */
    static final String PORT_FILE = "running.port";

    /**
     * The port of an embedded Redis that runs on {@code dataDir} now (it answers PING), or -1 when none
     * does: a command beside a running service uses the service's Redis instead of starting another.
     */
    public static int runningOn(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve(PORT_FILE);
        try {
            if (!Files.exists(file)) return -1;
            int port = Integer.parseInt(Files.readString(file, StandardCharsets.UTF_8).trim());
            return RedisWire.ping(port, Duration.ofSeconds(2)) ? port : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** {@code redis://127.0.0.1:PORT}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The program that runs: its path or command, version, and whether it is the jar's binary. */
    public RedisBinary.Program program() {
        return program;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /**
     * Stops the server: SHUTDOWN (which writes the append-only file to disk), and if it does not exit in
     * time, terminates it. Safe to call more than once.
     */
    public void stop() {
        stopNow();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmShuttingDown) {
            // The hook is running or about to; it finds the server already stopped.
        }
    }

    /**
     * For an owner that stops this server itself in its own shutdown, after its clean-up (releasing
     * leases, closing connections): removes the separate JVM hook, which would otherwise run at the
     * same time as the owner's and stop Redis under it.
     */
    public EmbeddedRedis stoppedByOwner() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmShuttingDown) {
            // Too late to hand over: the hook is already running.
        }
        return this;
    }

    private void stopNow() {
        if (!stopped.compareAndSet(false, true) || !process.isAlive()) {
            return;
        }
        try {
            Files.deleteIfExists(dataDir.resolve(PORT_FILE));
        } catch (IOException e) {
            log.warn("could not remove {}: {}", PORT_FILE, e.getMessage());
        }
        try {
            String refused = RedisWire.call(port, STOP_TIMEOUT, "SHUTDOWN");
            if (refused != null) {
                // Redis answers only when it will not shut down (e.g. it cannot write the append-only file).
                log.warn("embedded Redis on port {} refused SHUTDOWN: {}; terminating it", port, refused);
            }
        } catch (IOException e) {
            log.warn("embedded Redis on port {} did not take SHUTDOWN ({}); terminating it", port, e.getMessage());
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        log.info("embedded Redis on port {} stopped", port);
    }

    private void awaitReady(Duration timeout, Path logFile) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw startFailure("exited with code " + process.exitValue(), logFile);
            }
            if (RedisWire.ping(port, PROBE_TIMEOUT)) {
                return;
            }
            try {
                // A child process has no readiness callback: poll, briefly (it is up in tens of ms).
                Thread.sleep(20);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting redis-server", e);
            }
        }
        process.destroyForcibly();
        throw startFailure("did not answer PING within " + timeout.toMillis() + " ms", logFile);
    }

    private IOException startFailure(String what, Path logFile) {
        String tail = tail(logFile);
        String reason = tail.contains("Address already in use")
                ? "port " + port + " on 127.0.0.1 is already in use"
                : what;
        return new IOException("redis-server (" + program.command() + ") could not start: " + reason
                + "; see " + logFile + (tail.isEmpty() ? "" : "; last log lines:\n" + tail));
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Redis 7 keeps its append-only files in {@code appendonlydir}, which Redis 6.2 does not read: it would
     * start empty and look as if all data were gone. Refuse instead.
     */
    private static void refuseNewerData(Path dir, RedisBinary.Program program) throws IOException {
        if (!program.atLeast(7, 0) && Files.isDirectory(dir.resolve("appendonlydir"))) {
            throw new IOException("the data in " + dir + " was written by Redis 7 or newer, which redis-server "
                    + program.version() + " (" + program.command() + ") cannot read; install redis-server 7 "
                    + "or use another data directory");
        }
    }

    private static int requireFree(int port) throws IOException {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            probe.setReuseAddress(true);
            return port;
        } catch (IOException e) {
            throw new IOException("cannot start embedded Redis: port " + port + " on 127.0.0.1 is already in use "
                    + "(another Redis or program holds it); choose another port or point the service at that "
                    + "server with a Redis URL", e);
        }
    }

    /** A port that was free a moment ago (the OS picks it); redis-server then binds it. */
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }
}
