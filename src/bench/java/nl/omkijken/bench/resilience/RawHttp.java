package nl.omkijken.bench.resilience;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One HTTP/1.1 request written byte for byte on a plain socket, so that requests no HTTP client
 * would send (a malformed query, a forged signature, a 10 MB chunked body) go out exactly as meant.
 * The body is written on another thread while this one waits for the status line: a server that
 * answers early (413) and stops reading does not block the probe.
 */
final class RawHttp {
    /** The answer: an HTTP status, or {@link #RESET} (closed or reset without an answer), or {@link #NO_ANSWER} (timeout). */
    record Outcome(int status, long millis) {}

    static final int RESET = -1;
    static final int NO_ANSWER = 0;

    /** Writes a body to the socket. */
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "raw-http-writer");
        t.setDaemon(true);
        return t;
    });

    private RawHttp() {}

    static Outcome exchange(int port, String head, Body body, int timeoutMillis) {
        long start = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(timeoutMillis);
            OutputStream out = s.getOutputStream();
            WRITERS.execute(() -> {
                try {
                    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                    if (body != null) body.writeTo(out);
                    out.flush();
                } catch (IOException closedEarly) {
                    // the server answered (or gave up) before the body was written: the reader tells which
                }
            });
            return new Outcome(statusLine(s.getInputStream()), (System.nanoTime() - start) / 1_000_000);
        } catch (SocketTimeoutException e) {
            return new Outcome(NO_ANSWER, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            return new Outcome(RESET, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static int statusLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n' && b.size() < 200) b.write(c);
        String line = b.toString(StandardCharsets.ISO_8859_1);
        if (!line.startsWith("HTTP/1.")) return RESET;
        String[] parts = line.split(" ");
        return parts.length > 1 ? Integer.parseInt(parts[1].trim()) : RESET;
    }

    static Body bytes(byte[] b) {
        return out -> out.write(b);
    }

    /** {@code total} bytes of form data in chunked transfer encoding, 64 KiB a chunk. */
    static Body chunked(long total) {
        return out -> {
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'a');
            System.arraycopy("Body=".getBytes(StandardCharsets.US_ASCII), 0, chunk, 0, 5);
            for (long sent = 0; sent < total; sent += chunk.length) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        };
    }
}
