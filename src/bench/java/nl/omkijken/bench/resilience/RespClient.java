package nl.omkijken.bench.resilience;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal Redis client over one plain socket (RESP2), for reading what the service stored: the
 * suite must not share the service's own client code, so a bug there cannot hide in the accounting.
 * Not thread-safe; reconnects on the next call after an I/O error.
 */
public final class RespClient implements AutoCloseable {
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public RespClient(int port) {
        this.port = port;
    }

    /** One command; the answer as String, Long, List (of these) or null. A Redis error becomes an IOException. */
    public Object call(String... args) throws IOException {
        try {
            connect();
            StringBuilder cmd = new StringBuilder("*" + args.length + "\r\n");
            for (String a : args) cmd.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
            out.write(cmd.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    boolean ping() {
        try {
            return "PONG".equals(call("PING"));
        } catch (IOException e) {
            return false;
        }
    }

    /** LRANGE key 0 -1 as strings. */
    public List<String> list(String key) throws IOException {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) call("LRANGE", key, "0", "-1")) out.add((String) o);
        return out;
    }

    /** Every key matching the pattern (SCAN, so the server is not blocked). */
    List<String> keys(String pattern) throws IOException {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            List<?> r = (List<?>) call("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
            cursor = (String) r.get(0);
            for (Object k : (List<?>) r.get(1)) keys.add((String) k);
        } while (!cursor.equals("0"));
        return keys;
    }

    private void connect() throws IOException {
        if (socket != null) return;
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        s.setSoTimeout(10_000);
        socket = s;
        in = new BufferedInputStream(s.getInputStream());
        out = s.getOutputStream();
    }

    private Object read() throws IOException {
        String line = line();
        char type = line.charAt(0);
        String rest = line.substring(1);
        switch (type) {
            case '+': return rest;
            case '-': throw new IOException("redis error: " + rest);
            case ':': return Long.parseLong(rest);
            case '$': {
                int len = Integer.parseInt(rest);
                if (len < 0) return null;
                byte[] b = in.readNBytes(len);
                line();
                return new String(b, StandardCharsets.UTF_8);
            }
            case '*': {
                int n = Integer.parseInt(rest);
                if (n < 0) return null;
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) items.add(read());
                return items;
            }
            default: throw new IOException("unexpected RESP type: " + line);
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') if (c != '\r') b.write(c);
        if (c < 0 && b.size() == 0) throw new IOException("redis closed the connection");
        return b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
    }
}
