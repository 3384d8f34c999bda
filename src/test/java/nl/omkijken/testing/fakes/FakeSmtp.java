package nl.omkijken.testing.fakes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A mail server on 127.0.0.1 that speaks enough SMTP (RFC 5321: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) for a real
 * client to hand it messages, and keeps them for the test to read.
 */
public final class FakeSmtp implements AutoCloseable {
    /** One message as it came: the envelope and the whole text (headers and MIME body). */
    public record Received(String from, List<String> to, String data) {}

    private final ServerSocket server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public FakeSmtp() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "fake-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> session(s), "fake-smtp-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void session(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = s.getOutputStream()) {
            s.setSoTimeout(10_000);
            say(out, "220 fake-smtp ready");
            String from = null;
            List<String> to = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase(java.util.Locale.ROOT);
                if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
                    say(out, "250-fake-smtp\r\n250 8BITMIME");
                } else if (upper.startsWith("MAIL FROM:")) {
                    from = address(line);
                    to = new ArrayList<>();
                    say(out, "250 OK");
                } else if (upper.startsWith("RCPT TO:")) {
                    to.add(address(line));
                    say(out, "250 OK");
                } else if (upper.equals("DATA")) {
                    say(out, "354 go ahead");
                    StringBuilder data = new StringBuilder();
                    String d;
                    while ((d = in.readLine()) != null && !d.equals(".")) data.append(d.startsWith("..") ? d.substring(1) : d).append("\r\n");
                    received.add(new Received(from, List.copyOf(to), data.toString()));
                    say(out, "250 OK queued");
                } else if (upper.equals("QUIT")) {
                    say(out, "221 bye");
                    return;
                } else if (upper.equals("RSET") || upper.equals("NOOP")) {
                    say(out, "250 OK");
                } else {
                    say(out, "502 command not recognised");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static String address(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>');
        return open >= 0 && close > open ? line.substring(open + 1, close) : line.substring(line.indexOf(':') + 1).strip();
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
