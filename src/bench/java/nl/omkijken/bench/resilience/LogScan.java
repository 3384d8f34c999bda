package nl.omkijken.bench.resilience;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the service's log after a scenario: it must carry no phone number, message text, secret or
 * raw request URI of the suite's (all of which have recognisable forms here), and no unhandled
 * exception.
 */
final class LogScan {
    /** What the suite's numbers, texts, probes and secrets look like. */
    private static final List<String> QUOTED = List.of("+3161", "+3169", "bericht ", "FORGED", MalformedRequests.LOG_MARKER, "%ZZ",
            TestBed.AUTH_TOKEN, TestBed.BOT_TOKEN.substring(TestBed.BOT_TOKEN.indexOf(':') + 1), TestBed.TELEGRAM_SECRET);

    int quoting;
    int unhandled;
    int errors;
    String firstQuoting;

    static LogScan of(Path log) throws IOException {
        LogScan s = new LogScan();
        if (!Files.exists(log)) return s;
        for (String line : new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n")) {
            if (QUOTED.stream().anyMatch(line::contains)) {
                s.quoting++;
                if (s.firstQuoting == null) s.firstQuoting = line.length() > 200 ? line.substring(0, 200) + "..." : line;
            }
            if (line.contains("Unhandled exception")) s.unhandled++;
            if (line.contains(" ERROR ")) s.errors++;
        }
        return s;
    }
}
