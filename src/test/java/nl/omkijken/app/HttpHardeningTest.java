package nl.omkijken.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.omkijken.testing.LogCapture;
import nl.omkijken.testing.RunningService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an adversarial run found on the HTTP side (issue 16, defects 1, 2 and 6), against the whole
 * service with Twilio, Telegram and the sandbox on, over raw sockets so nothing in a client library
 * smooths the request: a malformed percent-escape gets 400 at once and only the route and status in
 * the log; a body too large gets 413, also chunked; idle, slow-header and slow-body clients are let
 * go in the configured time; connections beyond the limit are closed.
 */
class HttpHardeningTest {
    /** A phone number and a text a client could try to put into the log through the URL. */
    private static final String NUMBER = "31612345678";
    private static final String TEXT = "ikwilnietmeer";

    @TempDir
    static Path dir;
    static RunningService service;

    @BeforeAll
    static void start() throws Exception {
        service = RunningService.start(dir, Map.ofEntries(
                Map.entry("SANDBOX", "true"),
                Map.entry("TWILIO_ACCOUNT_SID", "AC" + "0123456789abcdef".repeat(2)),
                Map.entry("TWILIO_AUTH_TOKEN", "test-auth-token-0123456789"),
                Map.entry("TWILIO_NUMBERS_LUISTERLIJN", "+3197010200300"),
                Map.entry("TWILIO_API_BASE_URL", "http://127.0.0.1:9"),
                Map.entry("TWILIO_RECONCILE_INTERVAL", "off"),
                Map.entry("HTTP_IDLE_TIMEOUT", "PT5S"),
                Map.entry("HTTP_BODY_TIMEOUT", "PT2S"),
                Map.entry("HTTP_MAX_CONNECTIONS", "20")));
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/webhooks/twilio/messaging?%",
            "/webhooks/twilio/messaging?a=%ZZ",
            "/webhooks/twilio/messaging?From=%2B" + NUMBER + "&Body=" + TEXT + "%",
            "/webhooks/twilio/status?%",
            "/webhooks/twilio/status?outbound=x&a=%Z" + NUMBER,
            "/webhooks/telegram?a=%ZZ",
            "/sandbox/api/conversations/a/messages?a=%ZZ",
            "/webhooks/%ZZ/" + NUMBER,
            "/health?%4"})
    void aMalformedEscapeGets400AtOnceAndNothingOfTheUrlInTheLog(String target) throws Exception {
        try (LogCapture logs = LogCapture.start()) {
            Answer a = exchange("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 6\r\n\r\nBody=x", 5_000);
            assertEquals(400, a.status, a.raw);
            assertTrue(a.raw.contains("malformed percent-escape"), a.raw);
            logs.assertNoneContains(List.of(NUMBER, TEXT, "%ZZ", "?%", "unterminated", "escape sequence"));
            assertTrue(logs.events().stream().anyMatch(e -> e.getFormattedMessage().contains("status=400")),
                    "the refusal is logged with its status");
        }
    }

    @Test
    void aTenMegabyteChunkedBodyGets413NotA400() throws Exception {
        try (Socket s = socket(); LogCapture logs = LogCapture.start()) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /webhooks/twilio/messaging HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("Body=" + "a".repeat(64 * 1024 - 5)).getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < 160; i++) { // 10 MiB, unless the server stops reading first
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException closedWhileSending) {
                // The server answered and closed: what it answered is still readable.
            }
            Answer a = read(s, 5_000);
            assertEquals(413, a.status, a.raw);
            assertTrue(a.raw.contains("over 64 KiB"), a.raw);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/webhooks/twilio/messaging", "/webhooks/twilio/status", "/sandbox/api/conversations/a/messages"})
    void aDeclaredLengthOverTheLimitGets413BeforeTheBodyIsRead(String path) throws Exception {
        Answer a = exchange("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10485760\r\n\r\nBody=x", 5_000);
        assertEquals(413, a.status, a.raw);
    }

    @Test
    void slowAndSilentClientsAreLetGoInTheConfiguredTime() throws Exception {
        List<Thread> threads = new ArrayList<>();
        long[] heldMillis = new long[3];
        String[] answers = new String[3];
        // 0: silent; 1: headers a byte every 200 ms (never idle by bytes); 2: a body two bytes every 200 ms.
        threads.add(new Thread(() -> heldMillis[0] = held(s -> { }, answers, 0)));
        threads.add(new Thread(() -> heldMillis[1] = held(s -> {
            byte[] head = ("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "a".repeat(200)).getBytes(StandardCharsets.US_ASCII);
            for (byte b : head) {
                s.getOutputStream().write(b);
                Thread.sleep(200);
            }
        }, answers, 1)));
        threads.add(new Thread(() -> heldMillis[2] = held(s -> {
            s.getOutputStream().write(("POST /webhooks/twilio/messaging HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 200; i++) {
                s.getOutputStream().write("aa".getBytes(StandardCharsets.US_ASCII));
                Thread.sleep(200);
            }
        }, answers, 2)));
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join(60_000);
        assertTrue(heldMillis[0] >= 4_000 && heldMillis[0] < 8_000, "a silent connection is closed after the 5 s idle time, held " + heldMillis[0]);
        assertTrue(heldMillis[1] >= 4_000 && heldMillis[1] < 8_000, "a byte-a-time header is closed after the idle time, held " + heldMillis[1]);
        assertTrue(heldMillis[2] >= 1_500 && heldMillis[2] < 5_000, "a trickling body gets its answer after the 2 s body time, held " + heldMillis[2]);
        assertTrue(answers[2].startsWith("HTTP/1.1 408"), answers[2]);
        // The service still answers.
        assertEquals(200, exchange("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 5_000).status);
    }

    @Test
    void connectionsOverTheLimitAreClosed() throws Exception {
        List<Socket> open = new ArrayList<>();
        int answered = 0;
        int closed = 0;
        try {
            for (int i = 0; i < 30; i++) {
                Socket s = socket();
                open.add(s);
                s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                Answer a = read(s, 5_000);
                if (a.status == 200) answered++;
                else closed++;
            }
        } finally {
            for (Socket s : open) s.close();
        }
        // Twenty at most (the test's other connections may hold a few of them for a moment).
        assertTrue(answered <= 20 && answered >= 15, "answered " + answered);
        assertEquals(30 - answered, closed);
        // Once they are closed, new connections are taken again.
        // The server sees the closes a moment later.
        nl.omkijken.testing.fakes.Poll.until(() -> {
            try {
                return exchange("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 5_000).status == 200;
            } catch (IOException e) {
                return false;
            }
        }, java.time.Duration.ofSeconds(5), "a new connection taken again");
    }

    // --- raw HTTP over a socket ---

    private interface SocketWork {
        void run(Socket s) throws Exception;
    }

    /** How long the server held a connection doing {@code work} (and then waiting) before it closed it. */
    private static long held(SocketWork work, String[] answers, int slot) {
        long start = System.nanoTime();
        try (Socket s = socket()) {
            s.setSoTimeout(30_000);
            try {
                work.run(s);
            } catch (IOException closed) {
                // The server closed while the client was still sending.
            }
            answers[slot] = read(s, 30_000).raw;
        } catch (Exception e) {
            answers[slot] = e.toString();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private record Answer(int status, String raw) {}

    private static Socket socket() throws IOException {
        return new Socket("127.0.0.1", service.port());
    }

    private static Answer exchange(String request, int timeoutMillis) throws IOException {
        try (Socket s = socket()) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return read(s, timeoutMillis);
        }
    }

    /** Reads until the server closes or one whole answer (headers and Content-Length body) is in. */
    private static Answer read(Socket s, int timeoutMillis) throws IOException {
        s.setSoTimeout(timeoutMillis);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        try {
            while (true) {
                int n = in.read(buf);
                if (n < 0) break;
                got.write(buf, 0, n);
                String text = got.toString(StandardCharsets.UTF_8);
                int end = text.indexOf("\r\n\r\n");
                if (end >= 0) {
                    int length = contentLength(text.substring(0, end));
                    if (length >= 0 && got.size() >= end + 4 + length) break;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within " + timeoutMillis + " ms; got: " + got.toString(StandardCharsets.UTF_8));
        } catch (IOException reset) {
            // Closed with a reset: what came before it counts.
        }
        String raw = got.toString(StandardCharsets.UTF_8);
        int status = raw.startsWith("HTTP/1.1 ") && raw.length() >= 12 ? Integer.parseInt(raw.substring(9, 12)) : -1;
        return new Answer(status, raw);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return -1;
    }
}
