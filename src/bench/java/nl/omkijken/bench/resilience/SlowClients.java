package nl.omkijken.bench.resilience;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Clients that hold connections: idle ones (connect, send nothing), slowloris ones (a request line,
 * then one header byte a second, never ending the headers) and slow bodies (complete headers for a
 * 4,000-byte form, then 2 bytes a second). One thread keeps them going and notes when the service
 * closes each (or answers it): the hold time. At {@code capSeconds} the suite closes what is left,
 * which then counts as held for at least the cap.
 */
final class SlowClients {
    enum Kind { IDLE, SLOWLORIS, SLOW_BODY }

    /** Hold times of one kind. */
    static final class Holds {
        int opened;
        int refused;
        int closedByService;
        int stillOpenAtCap;
        final List<Long> heldMillis = new ArrayList<>();

        long percentile(double q) {
            if (heldMillis.isEmpty()) return 0;
            List<Long> s = new ArrayList<>(heldMillis);
            s.sort(null);
            return s.get((int) Math.min(s.size() - 1, Math.ceil(q * s.size()) - 1));
        }
    }

    private static final class Held {
        final Kind kind;
        final Socket socket;
        final long opened = System.nanoTime();
        long lastWrite = opened;

        Held(Kind kind, Socket socket) {
            this.kind = kind;
            this.socket = socket;
        }
    }

    private final int port;
    final Map<Kind, Holds> holds = new LinkedHashMap<>();

    SlowClients(int port) {
        this.port = port;
        for (Kind k : Kind.values()) holds.put(k, new Holds());
    }

    void run(int idle, int slowloris, int slowBody, int capSeconds) throws InterruptedException {
        List<Held> open = new ArrayList<>();
        openAll(Kind.IDLE, idle, open);
        openAll(Kind.SLOWLORIS, slowloris, open);
        openAll(Kind.SLOW_BODY, slowBody, open);
        long cap = System.nanoTime() + TimeUnit.SECONDS.toNanos(capSeconds);
        while (!open.isEmpty() && System.nanoTime() < cap) {
            long now = System.nanoTime();
            open.removeIf(h -> step(h, now));
            Thread.sleep(100);
        }
        for (Held h : open) {
            Holds s = holds.get(h.kind);
            s.stillOpenAtCap++;
            s.heldMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - h.opened));
            close(h.socket);
        }
    }

    private void openAll(Kind kind, int n, List<Held> open) {
        for (int i = 0; i < n; i++) {
            Holds s = holds.get(kind);
            s.opened++;
            try {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                socket.setSoTimeout(1);
                Held h = new Held(kind, socket);
                if (kind == Kind.SLOWLORIS) write(h, "POST " + Webhooks.TWILIO_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
                if (kind == Kind.SLOW_BODY) {
                    write(h, "POST " + Webhooks.TWILIO_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\nBody=");
                }
                open.add(h);
            } catch (IOException e) {
                s.refused++;
            }
        }
    }

    /** Trickles one more piece when due and checks whether the service closed or answered; true when done. */
    private boolean step(Held h, long now) {
        try {
            if (h.kind != Kind.IDLE && now - h.lastWrite >= TimeUnit.SECONDS.toNanos(1)) {
                write(h, h.kind == Kind.SLOWLORIS ? "a" : "bb");
                h.lastWrite = now;
            }
            h.socket.getInputStream().read();
            // -1: closed by the service; a byte: it answered (e.g. 408), which ends the hold too.
            return ended(h, now);
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return ended(h, now);
        }
    }

    private boolean ended(Held h, long now) {
        Holds s = holds.get(h.kind);
        s.closedByService++;
        s.heldMillis.add(TimeUnit.NANOSECONDS.toMillis(now - h.opened));
        close(h.socket);
        return true;
    }

    private static void write(Held h, String s) throws IOException {
        h.socket.getOutputStream().write(s.getBytes(StandardCharsets.US_ASCII));
        h.socket.getOutputStream().flush();
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
