package nl.omkijken.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The packaged service as a newcomer runs it: {@code java -jar target/omkijken.jar} with no
 * REDIS_URL (so it starts its own Redis) and no provider credentials (so the sandbox is on).
 */
final class ServiceProcess implements AutoCloseable {
    final int port;
    final Path dataDir;
    private final Map<String, String> extraEnv;
    private Process process;
    final List<String> output = Collections.synchronizedList(new ArrayList<>());

    ServiceProcess(Path dataDir, Map<String, String> extraEnv) throws IOException {
        this.port = freePort();
        this.dataDir = dataDir;
        this.extraEnv = extraEnv;
    }

    static Path jar() {
        String p = System.getProperty("omkijken.jar", "target/omkijken.jar");
        Path jar = Path.of(p);
        if (!Files.isRegularFile(jar)) throw new IllegalStateException("no jar at " + jar + ": run mvn verify");
        return jar;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String base() { return "http://127.0.0.1:" + port; }

    ServiceProcess start() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(javaBin(), "-jar", jar().toAbsolutePath().toString());
        pb.environment().remove("REDIS_URL");
        pb.environment().put("PORT", String.valueOf(port));
        pb.environment().put("DATA_DIR", dataDir.toString());
        pb.environment().put("DIALOGS_DIR", Path.of("dialogs").toAbsolutePath().toString());
        pb.environment().putAll(extraEnv);
        pb.redirectErrorStream(true);
        process = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) output.add(line);
            } catch (IOException ignored) {
                // the process ended
            }
        }, "service-output");
        reader.setDaemon(true);
        reader.start();
        awaitHealthy(Duration.ofSeconds(90));
        return this;
    }

    private void awaitHealthy(Duration max) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(max);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) throw new IllegalStateException("service exited " + process.exitValue() + ":\n" + String.join("\n", output));
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/health")).timeout(java.time.Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("service not healthy within " + max + ":\n" + String.join("\n", output));
    }

    /** Stops like Ctrl-C / systemd would (SIGTERM) and waits for a clean exit. */
    int stop() throws InterruptedException {
        if (process == null) return -1;
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) stop();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
