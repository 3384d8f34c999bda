package nl.omkijken.bench.resilience;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service (target/omkijken.jar) as a child process with its settings in the
 * environment; its output is appended to one log file across restarts. {@link #kill()} is
 * {@code kill -9}: the JVM gets no chance to finish anything.
 */
public final class ServiceProcess implements AutoCloseable {
    private final Path jar;
    private final List<String> jvmOptions;
    private final Map<String, String> env;
    private final Path log;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int starts;

    public ServiceProcess(Path jar, List<String> jvmOptions, Map<String, String> env, Path log, String base) {
        this.jar = jar;
        this.jvmOptions = jvmOptions;
        this.env = env;
        this.log = log;
        this.base = base;
    }

    public String baseUrl() { return base; }

    Path log() { return log; }

    int starts() { return starts; }

    /** Starts the service and waits until /health answers 200 (bounded). */
    public void start(Duration healthWithin) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = pb.start();
        starts++;
        awaitHealthy(healthWithin);
    }

    void awaitHealthy(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (process == null || !process.isAlive()) throw new IllegalStateException("the service exited; see " + log);
            if (healthy()) return;
            Thread.sleep(100);
        }
        throw new IllegalStateException("the service was not healthy within " + within.toSeconds() + " s; see " + log);
    }

    boolean healthy() {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean alive() { return process != null && process.isAlive(); }

    /** kill -9 (SIGKILL) and wait for the process to be gone. */
    void kill() throws InterruptedException {
        if (process == null) return;
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        process = null;
    }

    /** SIGTERM, the way systemd stops it; SIGKILL after 30 s. */
    public void stop() throws InterruptedException {
        if (process == null) return;
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
