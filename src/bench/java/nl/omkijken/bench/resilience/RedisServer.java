package nl.omkijken.bench.resilience;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The suite's own redis-server on 127.0.0.1, with its data and append-only file in a folder of the
 * scenario (AOF on, appendfsync everysec, noeviction, as in production: deploy/redis.conf). It can be
 * stopped with SIGTERM or killed with SIGKILL and started again on the same port and folder, so it
 * restarts from its append-only file.
 */
public final class RedisServer implements AutoCloseable {
    private final int port;
    private final Path dir;
    private final String appendfsync;
    private Process process;

    public RedisServer(int port, Path dir, String appendfsync) {
        this.port = port;
        this.dir = dir;
        this.appendfsync = appendfsync;
    }

    int port() { return port; }

    public String url() { return "redis://127.0.0.1:" + port; }

    public void start() throws Exception {
        Files.createDirectories(dir);
        process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", appendfsync, "--save", "",
                "--maxmemory-policy", "noeviction")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (RespClient c = new RespClient(port)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) throw new IllegalStateException("redis-server exited; see " + dir.resolve("redis.log"));
                // PING answers LOADING while the append-only file is read: wait for PONG.
                if (c.ping()) return;
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not answer within 60 s");
    }

    /** SIGTERM: Redis fsyncs its append-only file and exits. */
    public void stop() throws InterruptedException {
        if (process == null) return;
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) kill();
        process = null;
    }

    /** SIGKILL: no chance to flush anything. */
    void kill() throws InterruptedException {
        if (process == null) return;
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    public static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
