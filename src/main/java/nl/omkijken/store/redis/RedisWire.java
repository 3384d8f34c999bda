package nl.omkijken.store.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A one-shot, blocking Redis command over a plain socket to 127.0.0.1. For starting, probing and
 * stopping a local server where no Lettuce client (with its threads) exists yet, or any more.
 * Not for the service's data traffic: that goes through {@link RedisConnection}.
 */
public final class RedisWire {
    private RedisWire() {}

    /**
     * Sends one command and returns the first line of the reply (e.g. {@code +PONG}, {@code +OK},
     * {@code -ERR ...}), or null when the server closed the connection without a reply (as SHUTDOWN does).
     *
     * @throws IOException when nothing listens on the port or no reply comes within {@code timeout}
     */
    public static String call(int port, Duration timeout, String... command) throws IOException {
        try (Socket socket = new Socket()) {
            int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            socket.connect(new InetSocketAddress("127.0.0.1", port), millis);
            socket.setSoTimeout(millis);
            OutputStream out = socket.getOutputStream();
            out.write(encode(command));
            out.flush();
            return readLine(socket.getInputStream());
        }
    }

    /** True when a Redis server answers PING on the port within {@code timeout}. */
    public static boolean ping(int port, Duration timeout) {
        try {
            return "+PONG".equals(call(port, timeout, "PING"));
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] encode(String... command) {
        StringBuilder sb = new StringBuilder("*").append(command.length).append("\r\n");
        for (String arg : command) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            sb.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read(); // the '\n' that follows
                return line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }
}
