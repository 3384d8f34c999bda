package nl.omkijken.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** The {@code serve} command: start, print where to go, run until stopped (Ctrl-C or SIGTERM). */
final class Serve {
    private Serve() {}

    static int run(Path configFile, PrintStream out, PrintStream err) {
        AppConfig config;
        try {
            config = ConfigLoader.fromEnvironment(configFile);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        OmkijkenService service;
        try {
            service = OmkijkenService.start(config, out);
        } catch (OmkijkenService.StartException e) {
            err.println("Omkijken did not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.stop();
            stopped.countDown();
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
